//! `unisson person …` and `unisson privacy …`: the GDPR rights headless — a person's access export, their erasure
//! (previewed, and refused without `--yes`), and the retention run.

use super::print_json;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use std::path::PathBuf;
use unisson_core::model::Person;
use unisson_core::ops::privacy;
use unisson_core::store::{people, Store};

/// `unisson person …`
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Write everything held about a person (profile, participations with their activities, passport totals,
    /// debriefs, absences, audit entries, invite log) into a new or empty folder, as access.json and CSV files
    /// (UTF-8 with BOM, ";"). Prints a JSON summary of the files written.
    Export {
        /// The person's email.
        #[arg(long, value_name = "EMAIL")]
        email: String,
        /// Folder to write (created; must be new or empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Erase a person's identity everywhere (GDPR): name and email become a pseudonym, their history stays counted.
    /// Without --yes, prints what would change and exits non-zero without changing anything.
    Erase {
        /// The person's email.
        #[arg(long, value_name = "EMAIL")]
        email: String,
        /// Confirm the erasure (it cannot be undone).
        #[arg(long)]
        yes: bool,
    },
}

/// `unisson privacy …`
#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Anonymise the inactive people whose last participation and deactivation are older than the retention
    /// setting (Settings, default 24 months). Prints { months, cutoff, dryRun, people }.
    Retention {
        /// Only say who would be anonymised.
        #[arg(long)]
        dry_run: bool,
    },
}

fn person(store: &Store, email: &str) -> Result<Person, String> {
    people::find_by_email(store.conn(), email)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("nobody has the email {email}"))
}

/// Runs a person subcommand.
pub fn run_person(
    store: &mut Store,
    command: PersonCommand,
    now: DateTime<Utc>,
) -> Result<(), String> {
    match command {
        PersonCommand::Export { email, out } => {
            let p = person(store, &email)?;
            print_json(&privacy::export_access(store, p.id, &out, now).map_err(|e| e.to_string())?)
        }
        PersonCommand::Erase { email, yes } => {
            let p = person(store, &email)?;
            if !yes {
                let preview =
                    privacy::erasure_preview(store, p.id, now).map_err(|e| e.to_string())?;
                print_json(&preview)?;
                return Err(format!(
                    "nothing was erased: this is what erasing {email} would change; run again with --yes to erase (it cannot be undone)"
                ));
            }
            print_json(&privacy::erase(store, p.id, now, "cli").map_err(|e| e.to_string())?)
        }
    }
}

/// Runs a privacy subcommand.
pub fn run_privacy(
    store: &mut Store,
    command: PrivacyCommand,
    now: DateTime<Utc>,
) -> Result<(), String> {
    match command {
        PrivacyCommand::Retention { dry_run } => {
            print_json(&privacy::apply_retention(store, now, dry_run).map_err(|e| e.to_string())?)
        }
    }
}
