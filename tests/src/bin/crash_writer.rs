//! Child process of `tests/crash_safety.rs`: writes people into a Unisson database as fast as it can, one committed
//! transaction each, until it is killed.
//!
//! Usage: `crash-writer <database path> <run prefix>`. After each commit it prints `committed <email>` and flushes, so
//! that every line the parent reads stands for a write the store has reported as durable. The emails are
//! `<prefix>-<n>@exemple-unisson.fr`, unique across runs as long as the prefixes are. Every tenth person leads the
//! next nine (manager), so writes also exercise the foreign keys and indexes of a real directory.
//!
//! It stops by itself after [`MAX_RUN`], so a test that panics before killing it leaves no process behind for long.

use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use unisson_core::model::{Department, PersonInput};
use unisson_core::ops::people;
use unisson_core::store::{OpenMode, Store};

const MAX_RUN: Duration = Duration::from_secs(20);

const FIRST: &[&str] = &[
    "Hélène",
    "Jérôme",
    "Éloïse",
    "Françoise",
    "Gaël",
    "Maëlle",
    "Loïc",
    "Noémie",
    "Zoé",
    "Benoît",
];
const LAST: &[&str] = &[
    "Dupré",
    "Lefèvre",
    "Bérard",
    "Mélançon",
    "Castaño",
    "Noël",
    "Besançon",
    "Gérard",
    "Müller",
    "Øster",
];
const DEPARTMENTS: &[Department] = &[Department::Marketing, Department::Sales, Department::Crc];

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), Some(prefix)) = (args.next(), args.next()) else {
        eprintln!("usage: crash-writer <database path> <run prefix>");
        return ExitCode::from(2);
    };
    let path = PathBuf::from(path);
    let prefix = prefix.to_string_lossy().into_owned();
    match run(&path, &prefix) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crash-writer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &std::path::Path, prefix: &str) -> Result<(), Box<dyn std::error::Error>> {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")?.to_utc();
    // The first run creates the file; the later ones recover what a killed run left.
    let mut store = Store::open_with(path, OpenMode::CreateIfMissing, now)?;
    let stdout = std::io::stdout();
    let started = Instant::now();
    let mut lead = None;
    let mut n: usize = 0;
    while started.elapsed() < MAX_RUN {
        let email = format!("{prefix}-{n}@exemple-unisson.fr");
        let input = PersonInput {
            full_name: format!(
                "{} {}",
                FIRST[n % FIRST.len()],
                LAST[(n / FIRST.len()) % LAST.len()]
            ),
            email: email.clone(),
            department: DEPARTMENTS[n % DEPARTMENTS.len()],
            team: format!("Équipe {prefix}"),
            site_id: None,
            manager_id: if n.is_multiple_of(10) { None } else { lead },
            active: true,
        };
        let person = people::add(&mut store, &input, now, "crash-writer")?;
        if n.is_multiple_of(10) {
            lead = Some(person.id);
        }
        let mut out = stdout.lock();
        writeln!(out, "committed {email}")?;
        out.flush()?;
        n += 1;
    }
    Ok(())
}
