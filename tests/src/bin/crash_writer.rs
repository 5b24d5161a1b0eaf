//! Child process of `tests/crash_safety.rs`: repeats one kind of write on a Unisson database as fast as it can, until
//! it is killed.
//!
//! Usage: `crash-writer <database path> <run prefix> <kind>`, where kind is one of:
//! - `person`: adds one person per transaction (every tenth leads the next nine, so the foreign keys and indexes of a
//!   real directory are exercised);
//! - `import`: imports a CSV of [`IMPORT_SIZE`] new people, one transaction per file;
//! - `plan`: applies a plan of [`PLAN_SIZE`] shadowing days (one visitor and one host each) on the next free weekday,
//!   one transaction per plan; the database must hold the `visitor-<i>` and `host-<i>` people (see [`plan`]);
//! - `retention`: imports [`IMPORT_SIZE`] people who left years ago, then runs a retention batch, which anonymises them
//!   in one transaction; and again.
//!
//! Before each operation it prints `begin <operation>`, after its commit `committed <operation> <what>`, flushing each
//! line, so every `committed` line the parent reads stands for a write the store reported as durable, and a trailing
//! `begin` says the kill fell inside that operation (or between its commit and the report of it). Emails are
//! `<prefix>-...@exemple-unisson.fr`, unique across runs as long as the prefixes are.
//!
//! It stops by itself after [`MAX_RUN`], so a test that panics before killing it leaves no process behind for long.

use chrono::{DateTime, Days, NaiveDate, Utc};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use unisson_acceptance::{IMPORT_SIZE, PLAN_SIZE};
use unisson_core::import::ImportOptions;
use unisson_core::model::{Department, HalfDay, PersonInput};
use unisson_core::ops::{import, people, plan, privacy};
use unisson_core::plan::planner::{Objective, Parts, Plan, Proposal, Weights};
use unisson_core::store::{OpenMode, Store};

const MAX_RUN: Duration = Duration::from_secs(20);

type Outcome = Result<String, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, prefix, kind] = args.as_slice() else {
        eprintln!(
            "usage: crash-writer <database path> <run prefix> <person|import|plan|retention>"
        );
        return ExitCode::from(2);
    };
    match run(Path::new(&PathBuf::from(path)), prefix, kind) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crash-writer: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The clock of every write: fixed, so runs are the same on every day.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
        .map(|d| d.to_utc())
        .unwrap_or_default()
}

fn run(path: &Path, prefix: &str, kind: &str) -> Result<(), Box<dyn std::error::Error>> {
    // The first run creates the file; the later ones recover what a killed run left.
    let mut store = Store::open_with(path, OpenMode::CreateIfMissing, now())?;
    let started = Instant::now();
    let mut lead = None;
    let mut n: usize = 0;
    while started.elapsed() < MAX_RUN {
        match kind {
            "person" => step("person", || add_person(&mut store, prefix, n, &mut lead))?,
            "import" => step("import", || {
                import_people(&mut store, prefix, n, true, now())
            })?,
            "plan" => step("plan", || apply_plan(&mut store))?,
            "retention" => {
                // They left in 2020: the 24-month retention of 2026 picks them.
                let left = now() - chrono::Duration::days(6 * 365);
                step("import", || {
                    import_people(&mut store, prefix, n, false, left)
                })?;
                step("retention", || retention_batch(&mut store))?;
            }
            other => return Err(format!("unknown kind {other:?}").into()),
        }
        n += 1;
    }
    Ok(())
}

/// Reports `begin <name>`, runs `op`, then reports `committed <name> <what it returns>`.
fn step(name: &str, op: impl FnOnce() -> Outcome) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "begin {name}")?;
    out.flush()?;
    let what = op()?;
    writeln!(out, "committed {name} {what}")?;
    out.flush()?;
    Ok(())
}

fn add_person(store: &mut Store, prefix: &str, n: usize, lead: &mut Option<i64>) -> Outcome {
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
        manager_id: if n.is_multiple_of(10) { None } else { *lead },
        active: true,
    };
    let person = people::add(store, &input, now(), "crash-writer")?;
    if n.is_multiple_of(10) {
        *lead = Some(person.id);
    }
    Ok(email)
}

/// Imports a file of [`IMPORT_SIZE`] new people (batch `n` of this run), active or not, as of `at`.
fn import_people(
    store: &mut Store,
    prefix: &str,
    n: usize,
    active: bool,
    at: DateTime<Utc>,
) -> Outcome {
    let batch = format!("{prefix}-b{n}");
    let mut csv = String::from("Email,Full name,Department,Team,Active\n");
    for i in 0..IMPORT_SIZE {
        let department = if i % 2 == 0 { "Marketing" } else { "Sales" };
        let flag = if active { "yes" } else { "no" };
        csv.push_str(&format!(
            "{batch}-{i}@exemple-unisson.fr,Zoé Bérard {i},{department},Équipe {batch},{flag}\n"
        ));
    }
    // New teams are the point of each batch, so they are created.
    let options = ImportOptions {
        create_missing: true,
        ..ImportOptions::default()
    };
    let report = import::people(
        store,
        csv.as_bytes(),
        &options,
        at,
        "crash-writer",
        &mut |_, _| {},
    )?;
    if report.created != IMPORT_SIZE {
        return Err(format!(
            "batch {batch}: {} created, {IMPORT_SIZE} expected: {:?}",
            report.created,
            report.errors.first()
        )
        .into());
    }
    Ok(batch)
}

/// Applies [`PLAN_SIZE`] shadowing mornings (`visitor-<i>` visits `host-<i>`) on the weekday after the ones earlier
/// plans took, found by counting the activities (whole plans only, if the store is all-or-nothing).
fn apply_plan(store: &mut Store) -> Outcome {
    let activities: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM activities", [], |r| r.get(0))?;
    let index = u64::try_from(activities)? / PLAN_SIZE as u64;
    // Weekdays from Monday 4 January 2027: shadowing days are refused at weekends.
    let first = NaiveDate::from_ymd_opt(2027, 1, 4).ok_or("first day")?;
    let day = first + Days::new(index / 5 * 7 + index % 5);
    let start = day.and_hms_opt(8, 0, 0).ok_or("start")?.and_utc();
    let proposals = (0..PLAN_SIZE)
        .map(|i| Proposal {
            visitor: format!("visitor-{i}@exemple-unisson.fr"),
            host: format!("host-{i}@exemple-unisson.fr"),
            start,
            end: start + chrono::Duration::hours(3),
            site: String::new(),
            half_day: HalfDay::Am,
            reason: "crash test".into(),
            reasons: Vec::new(),
        })
        .collect();
    let weights = Weights::default();
    let objective = Objective {
        total: 0,
        parts: Parts::default(),
        weights,
        wanted: 0,
    };
    let proposed = Plan {
        proposals,
        unplaced: Vec::new(),
        objective,
    };
    let applied = plan::apply(store, &proposed, now(), "crash-writer")?;
    if applied.created.len() != PLAN_SIZE {
        return Err(format!(
            "plan on {day}: {} created, {PLAN_SIZE} expected: {:?}",
            applied.created.len(),
            applied.refused.first()
        )
        .into());
    }
    Ok(day.to_string())
}

fn retention_batch(store: &mut Store) -> Outcome {
    let report = privacy::apply_retention(store, now(), false)?;
    Ok(report.people.len().to_string())
}
