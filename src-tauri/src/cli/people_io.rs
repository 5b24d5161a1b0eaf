//! `unisson people import` and `unisson people export`: the staff directory from and to HR's CSV files, headless.

use super::{print_json, write_stdout};
use chrono::{DateTime, Utc};
use std::path::Path;
use unisson_core::import::{Delimiter, Encoding, ImportOptions};
use unisson_core::ops::import;
use unisson_core::store::Store;

/// The flags of `people import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The CSV file from HR.
    pub file: std::path::PathBuf,
    /// Only report what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import nothing if any line is bad.
    #[arg(long)]
    pub strict: bool,
    /// Create the sites and teams the file names but the database does not know.
    #[arg(long)]
    pub create_missing: bool,
    /// Deactivate the active people who are not in the file.
    #[arg(long)]
    pub deactivate_missing: bool,
    /// Field delimiter: ";", ",", "tab" (default: detected).
    #[arg(long, value_name = "C")]
    pub delimiter: Option<String>,
    /// Encoding: utf-8 or windows-1252 (default: detected).
    #[arg(long, value_name = "E")]
    pub encoding: Option<String>,
}

/// Runs `people import`: prints the JSON report; fails when nothing could be imported.
pub fn import_file(store: &mut Store, args: ImportArgs, now: DateTime<Utc>) -> Result<(), String> {
    let options = ImportOptions {
        encoding: args
            .encoding
            .as_deref()
            .map(|e| {
                Encoding::parse(e)
                    .ok_or_else(|| format!("unknown encoding {e:?} (utf-8 or windows-1252)"))
            })
            .transpose()?,
        delimiter: args.delimiter.as_deref().map(parse_delimiter).transpose()?,
        mapping: None,
        strict: args.strict,
        create_missing: args.create_missing,
        deactivate_missing: args.deactivate_missing,
    };
    let bytes = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let report = if args.dry_run {
        import::preview(store, &bytes, &options)
    } else {
        import::people(store, &bytes, &options, now, "cli", &mut |_, _| {})
    }
    .map_err(|e| e.to_string())?;
    print_json(&report)?;
    let changes = report.created + report.updated + report.deactivated;
    if !report.errors.is_empty() && (options.strict || changes == 0) {
        return Err(format!(
            "nothing could be imported: {} problem(s), the first on line {}: {}",
            report.errors.len(),
            report.errors[0].line,
            report.errors[0].message
        ));
    }
    Ok(())
}

/// Runs `people export`: writes the directory as CSV (UTF-8 with BOM) to `out`.
pub fn export_file(store: &Store, out: &Path, delimiter: &str) -> Result<(), String> {
    let bytes =
        import::export(store, parse_delimiter(delimiter)?, true).map_err(|e| e.to_string())?;
    std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    write_stdout(format!("{}\n", out.display()).as_bytes())
}

fn parse_delimiter(text: &str) -> Result<Delimiter, String> {
    Delimiter::parse(text)
        .ok_or_else(|| format!("unsupported delimiter {text:?} (use ;, , or tab)"))
}
