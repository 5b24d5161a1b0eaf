//! `unisson export` and `unisson import-ics`: the folder of invites, and .ics imports (absences, RSVP replies).

use super::print_json;
use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;
use std::path::PathBuf;
use unisson_core::ops::invites::{self, IcsImportOptions, InviteExportOptions};
use unisson_core::store::Store;

/// Which invites `export` and `send` cover: one person's or everyone's, over a range of days.
#[derive(Debug, Args)]
pub struct InviteScope {
    /// Only this person's invites.
    #[arg(long, value_name = "EMAIL")]
    pub person: Option<String>,
    /// First day (YYYY-MM-DD, in the organisation's zone); default: from now on.
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Last day, inclusive (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,
}

/// `unisson export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Folder to write (created; it must be new or empty).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Only what changed since the last export (per the invite log).
    #[arg(long)]
    pub changed_only: bool,
    /// Whose invites, and which days.
    #[command(flatten)]
    pub scope: InviteScope,
    /// Also write a ready-to-send .eml (iMIP) per invite.
    #[arg(long)]
    pub eml: bool,
}

/// `unisson import-ics`.
#[derive(Debug, Args)]
pub struct ImportIcsArgs {
    /// The .ics file: absences/holidays, or RSVP replies (METHOD:REPLY).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Whose absences these are; without it, company-wide holidays. Ignored for replies.
    #[arg(long, value_name = "EMAIL")]
    pub person: Option<String>,
    /// Print what would change and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// An error as one line: its field messages when it has some, else its text.
pub(super) fn message(e: &unisson_core::Error) -> String {
    let fields: Vec<String> = e.fields().iter().map(|f| f.message.clone()).collect();
    if fields.is_empty() {
        e.to_string()
    } else {
        fields.join("; ")
    }
}

/// Writes the folder and prints the JSON summary.
pub fn export(store: &mut Store, args: ExportArgs, now: DateTime<Utc>) -> Result<(), String> {
    let options = InviteExportOptions {
        changed_only: args.changed_only,
        person_email: args.scope.person,
        from: args.scope.from,
        to: args.scope.to,
        eml: args.eml,
    };
    let summary =
        invites::export(store, &args.out, &options, now, "cli").map_err(|e| message(&e))?;
    print_json(&summary)
}

/// Imports (or previews) an .ics file and prints the JSON report.
pub fn import(store: &mut Store, args: ImportIcsArgs, now: DateTime<Utc>) -> Result<(), String> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let options = IcsImportOptions {
        person_email: args.person,
        dry_run: args.dry_run,
    };
    let report = invites::import_ics(store, &bytes, &options, now, "cli")
        .map_err(|e| format!("{}: {}", args.file.display(), message(&e)))?;
    print_json(&report)
}
