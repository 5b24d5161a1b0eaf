//! The headless command line. Subcommands never open a window or need a display; each one opens the store, calls
//! core, and prints JSON (or CSV) on stdout. Errors go to stderr with a non-zero exit code.

mod activity;
mod brief;
mod invites;
mod mail;
mod people_io;
mod plan;
mod privacy;
mod report;

use crate::app::{open_error, resolve_db};
use crate::clock;
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use unisson_core::demo::{self, DemoOptions};
use unisson_core::export::people_csv;
use unisson_core::ops::people;
use unisson_core::store::{OpenMode, Store, SCHEMA_VERSION};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "unisson",
    version = crate::VERSION_AND_COMMIT,
    about = "Unisson brings marketing and sales together: shadowing days, joint trainings, briefs, co-location.",
    long_about = "Unisson brings marketing and sales together: shadowing days, joint trainings, briefs, co-location.\n\nWith no subcommand, opens the app window. With a subcommand, runs headless and exits."
)]
pub struct Args {
    /// Database file (default: $UNISSON_DB, else the app-data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// What to do headless; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty Unisson database at --db (and its folder); refuses a path that already holds one. Prints
    /// `{ path, schemaVersion }`.
    Init,
    /// Create the database if needed, then fill it (it must hold nobody yet) with a demo organisation (deterministic for a given seed and day).
    Demo {
        /// Number of staff.
        #[arg(long, default_value_t = 120)]
        people: usize,
        /// Years of history (0: a quarter around today).
        #[arg(long, default_value_t = 0)]
        years: u32,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// The staff directory.
    People {
        /// What to do with people.
        #[command(subcommand)]
        command: PeopleCommand,
    },
    /// Sales-brief series and their rota.
    Brief {
        /// What to do with briefs.
        #[command(subcommand)]
        command: brief::BriefCommand,
    },
    /// Shadowing days, trainings, briefs and co-location days.
    Activity {
        /// What to do with activities.
        #[command(subcommand)]
        command: activity::ActivityCommand,
    },
    /// Write the folder of invites: REQUEST/CANCEL .ics per activity, personal and series calendars, index.csv (who
    /// receives which file), and optionally .eml messages. Prints a JSON summary.
    Export(invites::ExportArgs),
    /// Send the invites as iMIP e-mail (one per recipient, changed only, through the outbox). Prints a JSON summary:
    /// sent, failed (with the server's reason), retrying, skipped; with --dry-run, the messages it would send.
    Send(mail::SendArgs),
    /// HR reports: participation by person, team, department or site; coverage matrix; host load; inactive people;
    /// a person's passport; the activity ids behind a figure.
    Report {
        /// Which report.
        #[command(subcommand)]
        command: report::ReportCommand,
    },
    /// Import an .ics file: absences or holidays, or RSVP replies (METHOD:REPLY). Prints a JSON report; with
    /// --dry-run, the preview of what would change. A malformed file changes nothing and names the bad line.
    ImportIcs(invites::ImportIcsArgs),
    /// Suggest shadowing exchanges for a period (JSON: proposals, unplaced, objective), or accept a plan with
    /// `plan apply FILE`.
    Plan(plan::PlanArgs),
    /// One person's GDPR rights: their access export, their erasure.
    Person {
        /// What to do for the person.
        #[command(subcommand)]
        command: privacy::PersonCommand,
    },
    /// Privacy housekeeping: the retention run.
    Privacy {
        /// What to run.
        #[command(subcommand)]
        command: privacy::PrivacyCommand,
    },
}

/// `unisson people …`
#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// List everyone (active or not), sorted by name.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// CSV delimiter.
        #[arg(long, default_value_t = ';')]
        delimiter: char,
    },
    /// Import HR's CSV file (UTF-8 or Windows-1252; `;`, `,` or tab) in one transaction; prints a JSON report of
    /// created, updated, unchanged and deactivated people and every problem with its line, field and reason. Exits
    /// non-zero when nothing could be imported.
    Import(people_io::ImportArgs),
    /// Export the directory as CSV for Excel (UTF-8 with BOM, `;` by default), which `people import` reads back.
    Export {
        /// File to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Field delimiter: ";", "," or "tab".
        #[arg(long, value_name = "C", default_value = ";")]
        delimiter: String,
    },
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Runs one subcommand; returns the process exit code.
pub fn run(command: Command, db: Option<PathBuf>) -> ExitCode {
    match execute(command, resolve_db(db)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("unisson: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Which commands may create a database: `init` makes a new one, `demo` fills a new or empty one; every other
/// command needs an existing Unisson database, so a mistyped path is an error and not an empty organisation.
fn open_mode(command: &Command) -> OpenMode {
    match command {
        Command::Init => OpenMode::CreateNew,
        Command::Demo { .. } => OpenMode::CreateIfMissing,
        _ => OpenMode::Existing,
    }
}

fn execute(command: Command, db: PathBuf) -> Result<(), String> {
    let now = clock::now();
    let mut store =
        Store::open_with(&db, open_mode(&command), now).map_err(|e| open_error(&db, &e))?;
    match command {
        Command::Init => print_json(&serde_json::json!({
            "path": db,
            "schemaVersion": SCHEMA_VERSION,
        })),
        Command::Demo {
            people,
            years,
            seed,
        } => {
            let summary = demo::generate(
                &mut store,
                &DemoOptions {
                    people,
                    years,
                    seed,
                },
                now,
            )
            .map_err(|e| e.to_string())?;
            print_json(&summary)
        }
        Command::Activity { command } => activity::run(&mut store, command, now),
        Command::Brief { command } => brief::run(&mut store, command, now),
        Command::Plan(args) => plan::run(&mut store, args, now),
        Command::Person { command } => privacy::run_person(&mut store, command, now),
        Command::Privacy { command } => privacy::run_privacy(&mut store, command, now),
        Command::Report { command } => report::run(&store, command, now),
        Command::Export(args) => invites::export(&mut store, args, now),
        Command::ImportIcs(args) => invites::import(&mut store, args, now),
        Command::Send(args) => mail::send(&mut store, args, now),
        Command::People {
            command: PeopleCommand::Import(args),
        } => people_io::import_file(&mut store, args, now),
        Command::People {
            command: PeopleCommand::Export { out, delimiter },
        } => people_io::export_file(&store, &out, &delimiter),
        Command::People {
            command: PeopleCommand::List { format, delimiter },
        } => {
            let rows = people::list(&store).map_err(|e| e.to_string())?;
            match format {
                Format::Json => print_json(&rows),
                Format::Csv => {
                    let delimiter = u8::try_from(delimiter)
                        .map_err(|_| "the delimiter must be one ASCII character")?;
                    let csv = people_csv(&rows, delimiter).map_err(|e| e.to_string())?;
                    write_stdout(csv.as_bytes())
                }
            }
        }
    }
}

pub(crate) fn print_json<T: Serialize>(value: &T) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    text.push('\n');
    write_stdout(text.as_bytes())
}

pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write output: {e}"))
}
