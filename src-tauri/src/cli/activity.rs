//! `unisson activity …`: list, cancel and move activities headless.

use super::{print_json, write_stdout, Format};
use chrono::{DateTime, NaiveDate, Utc};
use clap::Subcommand;
use unisson_core::export::activities_csv;
use unisson_core::model::{ActivityKind, Id};
use unisson_core::ops::{activities, settings};
use unisson_core::schedule::halfday::whole_days;
use unisson_core::store::activities::Filter;
use unisson_core::store::{people, Store};

/// `unisson activity …`
#[derive(Debug, Subcommand)]
pub enum ActivityCommand {
    /// List activities with their participants (JSON: id, kind, title, start, end, zone, site, status, uid,
    /// sequence, participants[{email, role, status}], ...).
    List {
        /// First day (YYYY-MM-DD, in the default zone from Settings).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day, inclusive.
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Only this kind: shadowing, training, brief or colocation.
        #[arg(long)]
        kind: Option<String>,
        /// Only activities of this person.
        #[arg(long, value_name = "EMAIL")]
        person: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Cancel an activity (it stays in history, with a higher SEQUENCE for the CANCEL invite).
    Cancel {
        /// The activity id.
        #[arg(long)]
        id: Id,
    },
    /// Move an activity (and optionally re-title or re-locate it), confirming warnings; prints the new record. For a
    /// brief occurrence this is a change of that one occurrence (an override in its series' file).
    Move {
        /// The activity id.
        #[arg(long)]
        id: Id,
        /// New start (RFC 3339, e.g. 2027-03-02T08:30:00Z).
        #[arg(long)]
        start: DateTime<Utc>,
        /// New end (RFC 3339); default: the same length as before.
        #[arg(long)]
        end: Option<DateTime<Utc>>,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        /// New location.
        #[arg(long)]
        location: Option<String>,
    },
}

/// Runs an activity subcommand.
pub fn run(store: &mut Store, command: ActivityCommand, now: DateTime<Utc>) -> Result<(), String> {
    match command {
        ActivityCommand::List {
            from,
            to,
            kind,
            person,
            format,
        } => {
            let zone: chrono_tz::Tz = settings::get(store)
                .map_err(|e| e.to_string())?
                .default_timezone
                .parse()
                .unwrap_or(chrono_tz::Europe::Paris);
            let kind = kind
                .map(|k| k.parse::<ActivityKind>())
                .transpose()
                .map_err(|_| {
                    "--kind is one of shadowing, training, brief, colocation".to_owned()
                })?;
            let person = match person {
                Some(email) => Some(
                    people::find_by_email(store.conn(), &email)
                        .map_err(|e| e.to_string())?
                        .ok_or(format!("nobody has the email {email}"))?
                        .id,
                ),
                None => None,
            };
            let filter = Filter {
                from: from.map(|d| whole_days(zone, d, d).0),
                to: to.map(|d| whole_days(zone, d, d).1),
                kind,
                person,
            };
            let records = activities::list(store, &filter).map_err(|e| e.to_string())?;
            match format {
                Format::Json => print_json(&records),
                Format::Csv => write_stdout(
                    activities_csv(&records, b';')
                        .map_err(|e| e.to_string())?
                        .as_bytes(),
                ),
            }
        }
        ActivityCommand::Cancel { id } => {
            let record = activities::cancel(store, id, now, "cli").map_err(|e| e.to_string())?;
            print_json(&record)
        }
        ActivityCommand::Move {
            id,
            start,
            end,
            title,
            location,
        } => {
            let mut input = activities::input_of(store.conn(), id).map_err(|e| e.to_string())?;
            input.end = end.unwrap_or(start + (input.end - input.start));
            input.start = start;
            input.title = title.unwrap_or(input.title);
            input.location = location.unwrap_or(input.location);
            let record = activities::update(store, id, &input, true, now, "cli")
                .map_err(|e| e.to_string())?;
            print_json(&record)
        }
    }
}
