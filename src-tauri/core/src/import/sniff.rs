//! The delimiter of an imported file, and quotes left open. French Excel writes `;` (the decimal separator is a
//! comma), most other tools `,`, and some HR systems a tab.
//!
//! Invariants:
//! - the delimiter is guessed from the header record only, outside quotes: header names never contain delimiters,
//!   while data cells often contain commas ("Dupont, Jean");
//! - on a tie, `;` wins over tab, which wins over `,` (the French default first); a file with none of them is one
//!   column, read with `;`;
//! - a quote opened at the start of a field and never closed is found and its physical line reported, because the
//!   csv reader would otherwise swallow the rest of the file into one cell without a word.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Delimiter {
    /// `;`, French Excel's default.
    Semicolon,
    /// `,`.
    Comma,
    /// A tab.
    Tab,
}

impl Delimiter {
    /// The byte the csv reader and writer use.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Semicolon => b';',
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
        }
    }

    /// Parses `;`, `,`, a tab, or the words `semicolon`, `comma`, `tab` (also `\t`).
    pub fn parse(text: &str) -> Option<Delimiter> {
        match text {
            "\t" | "\\t" => return Some(Delimiter::Tab),
            _ => {}
        }
        match text.trim().to_ascii_lowercase().as_str() {
            ";" | "semicolon" | "point-virgule" => Some(Delimiter::Semicolon),
            "," | "comma" | "virgule" => Some(Delimiter::Comma),
            "tab" | "tabulation" => Some(Delimiter::Tab),
            _ => None,
        }
    }
}

/// Guesses the delimiter from the first non-blank record.
pub fn delimiter(text: &str) -> Delimiter {
    let mut counts = [0usize; 3];
    let candidates = [Delimiter::Semicolon, Delimiter::Tab, Delimiter::Comma];
    let mut in_quotes = false;
    let mut seen_content = false;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' | '\r' if !in_quotes => {
                if seen_content {
                    break;
                }
            }
            _ if in_quotes => {}
            _ => {
                if let Some(i) = candidates.iter().position(|d| d.byte() as char == c) {
                    counts[i] += 1;
                }
            }
        }
        if !c.is_whitespace() {
            seen_content = true;
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return Delimiter::Semicolon;
    }
    candidates
        .iter()
        .zip(counts)
        .find(|(_, n)| *n == best)
        .map(|(d, _)| *d)
        .unwrap_or(Delimiter::Semicolon)
}

/// The physical line (1-based) where a quoted field opens and never closes, if any.
pub fn unclosed_quote(text: &str, delimiter: Delimiter) -> Option<u64> {
    let delim = delimiter.byte() as char;
    let mut line: u64 = 1;
    let mut open_line: Option<u64> = None;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if open_line.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    open_line = None;
                }
            }
            continue;
        }
        if c == '"' && at_field_start {
            open_line = Some(line);
            at_field_start = false;
        } else {
            at_field_start = c == delim || c == '\n' || c == '\r';
        }
    }
    open_line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_decides_the_delimiter() {
        assert_eq!(
            delimiter("Nom;Prénom;Email\n\"Dupont, Jean\";x;y"),
            Delimiter::Semicolon,
            "French Excel writes ;"
        );
        assert_eq!(
            delimiter("\n\nname,email,team\na;b,c"),
            Delimiter::Comma,
            "blank leading lines are skipped and data lines do not vote"
        );
        assert_eq!(
            delimiter("name\temail\n"),
            Delimiter::Tab,
            "tab-separated exports are recognised"
        );
        assert_eq!(
            delimiter("\"a;b\",c\n"),
            Delimiter::Comma,
            "a delimiter inside quotes does not count"
        );
        assert_eq!(
            delimiter("email\n"),
            Delimiter::Semicolon,
            "a one-column file reads with the French default"
        );
    }

    #[test]
    fn an_unclosed_quote_is_found_at_its_opening_line() {
        assert_eq!(
            unclosed_quote("a;b\n\"x;y\n\"ok\";z\n", Delimiter::Semicolon),
            None,
            "a quoted field may span lines and close later"
        );
        assert_eq!(
            unclosed_quote("a;b\nc;d\n\"open;e\nf;g\n", Delimiter::Semicolon),
            Some(3),
            "the user must be sent to the line where the quote opens"
        );
        assert_eq!(
            unclosed_quote("a;\"say \"\"hi\"\"\"\n", Delimiter::Semicolon),
            None,
            "doubled quotes are an escaped quote, not a close"
        );
        assert_eq!(
            unclosed_quote("O\"Brien;x\n", Delimiter::Semicolon),
            None,
            "a quote inside an unquoted field is a plain character"
        );
    }

    #[test]
    fn delimiters_are_parsed_from_cli_spellings() {
        for (text, d) in [
            (";", Delimiter::Semicolon),
            (",", Delimiter::Comma),
            ("\t", Delimiter::Tab),
            ("tab", Delimiter::Tab),
        ] {
            assert_eq!(Delimiter::parse(text), Some(d), "{text:?} names {d:?}");
        }
        assert_eq!(
            Delimiter::parse("|"),
            None,
            "unsupported delimiters are refused"
        );
    }
}
