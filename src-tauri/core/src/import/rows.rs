//! Splitting decoded text into a header and data records, each with the physical line where it starts.
//!
//! Invariants:
//! - blank lines and lines of empty cells (";;;;", which Excel leaves after the data) are skipped, never errors;
//! - a record's line is where it starts, so a quoted cell holding a newline does not shift later line numbers;
//! - a record with a different number of cells than the header is refused whole (its cells would land in the wrong
//!   fields), except for trailing empty cells;
//! - a cell written by our own export as `'=...` (formula neutralised) reads back as `=...`.

use super::report::ImportIssue;
use super::sniff::{unclosed_quote, Delimiter};

/// One data record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Physical line (1-based) where the record starts.
    pub line: u64,
    /// Its cells, un-neutralised, not trimmed.
    pub cells: Vec<String>,
}

/// A file split into records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Header cells, trimmed.
    pub headers: Vec<String>,
    /// Physical line of the header.
    pub header_line: u64,
    /// Data records with the header's width (ragged ones are in `issues`).
    pub records: Vec<Record>,
    /// Records refused for their number of cells (kept so that the people they name are not taken as missing).
    pub ragged: Vec<Record>,
    /// Data records in the file, ragged ones included.
    pub total_rows: usize,
    /// Unclosed quotes and ragged records.
    pub issues: Vec<ImportIssue>,
}

/// Reverses [`crate::export::neutralise`].
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Reads `text` with `delimiter`.
pub fn read(text: &str, delimiter: Delimiter) -> Table {
    let mut table = Table::default();
    let open_quote = unclosed_quote(text, delimiter);
    if let Some(line) = open_quote {
        table.issues.push(ImportIssue::new(
            line,
            None,
            "unclosed_quote",
            "",
            "a quoted cell opens on this line and is never closed; this line and the rest of the file are skipped",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The csv reader's own line count lags behind blank lines and quoted newlines: count from byte offsets instead.
    let bytes = text.as_bytes();
    let newlines: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_at = |offset: u64| -> u64 {
        let mut at = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        1 + newlines.partition_point(|&n| n < at) as u64
    };
    let mut header_seen = false;
    for result in reader.records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                table.issues.push(ImportIssue::new(
                    line,
                    None,
                    "unreadable",
                    "",
                    e.to_string(),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        if open_quote.is_some_and(|open| line >= open) {
            break;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if !header_seen {
            header_seen = true;
            table.header_line = line;
            table.headers = record.iter().map(|c| c.trim().to_owned()).collect();
            continue;
        }
        table.total_rows += 1;
        let mut cells: Vec<String> = record.iter().map(|c| unneutralise(c).to_owned()).collect();
        let width = table.headers.len();
        while cells.len() > width && cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        if cells.len() != width {
            table.issues.push(ImportIssue::new(
                line,
                None,
                "field_count",
                "",
                format!("{} cells where the header has {width}", cells.len()),
            ));
            table.ragged.push(Record { line, cells });
            continue;
        }
        table.records.push(Record { line, cells });
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_where_records_start() {
        let text = "Nom;Note\r\n\r\nA;\"two\nlines\"\r\nB;x\r\n;;\r\n\r\n";
        let table = read(text, Delimiter::Semicolon);
        let lines: Vec<u64> = table.records.iter().map(|r| r.line).collect();
        assert_eq!(
            lines,
            vec![3, 5],
            "B starts on line 5 even though A's cell holds a newline; blank and ';;' lines are skipped"
        );
        assert_eq!(
            table.records[0].cells[1], "two\nlines",
            "a quoted newline belongs to the cell"
        );
        assert!(
            table.issues.is_empty(),
            "trailing empty cells are not a ragged row: {:?}",
            table.issues
        );
    }

    #[test]
    fn ragged_rows_and_open_quotes_are_reported() {
        let text = "a;b;c\n1;2\n1;2;3;4\n1;2;3\n\"x;2;3\n4;5;6\n";
        let table = read(text, Delimiter::Semicolon);
        let issues: Vec<(u64, &str)> = table
            .issues
            .iter()
            .map(|i| (i.line, i.code.as_str()))
            .collect();
        assert_eq!(
            issues,
            vec![
                (5, "unclosed_quote"),
                (2, "field_count"),
                (3, "field_count")
            ],
            "cells in the wrong columns and a runaway quote must be shown, with their lines"
        );
        assert_eq!(
            table.records.len(),
            1,
            "only the well-formed line before the open quote is kept"
        );
    }

    #[test]
    fn neutralised_cells_read_back() {
        assert_eq!(
            unneutralise("'=SUM(A1)"),
            "=SUM(A1)",
            "our own export must import back exactly"
        );
        assert_eq!(
            unneutralise("'Brien"),
            "'Brien",
            "other apostrophes are data"
        );
    }
}
