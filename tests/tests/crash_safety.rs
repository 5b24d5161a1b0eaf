//! Crash safety: a writer killed with SIGKILL at a random moment never corrupts the database, never loses a write it
//! had reported as committed, and never leaves part of a multi-row operation. 90 kills in all:
//! - 30 of a writer adding people one by one: every person reported committed is still there;
//! - 20 each of a writer repeating a CSV import of 300 people, a plan apply of 20 shadowing days, and an import of 300
//!   leavers followed by a retention batch that anonymises them: after each kill, the counts (people, teams,
//!   activities, participations, anonymised people) are those of the operations reported committed, plus all or
//!   none of the one under way, never part of it.
//!
//! Each run spawns `crash-writer` on the test's file, lets it write for a pseudo-random time (seeded, so the schedule
//! is the same on every machine), kills it with SIGKILL, then reopens the file with `Store::open` the way the app
//! does after a crash. Runs pile up on one file, so later writers start on top of what earlier ones left: on most runs
//! the checking connection closes without checkpointing, so the next writer also recovers and appends to a WAL written
//! by killed processes (and may itself be killed in the middle of an automatic checkpoint).
//!
//! A SIGKILL loses nothing that SQLite has handed to the kernel, whatever `synchronous` is; what `synchronous=FULL`
//! adds (surviving a power cut) cannot be shown by killing a process, only by the pragma test in `store`.
#![cfg(unix)]

use chrono::{DateTime, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::config::DbConfig;
use std::collections::HashSet;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use unisson_acceptance::{prepare_plans, IMPORT_SIZE, PLAN_SIZE};
use unisson_core::store::{people, OpenMode, Store};

/// Kill-and-reopen rounds of the writer adding people one by one, on one file.
const PERSON_RUNS: usize = 30;
/// Kill-and-reopen rounds of each multi-row operation (CSV import, plan apply, retention batch), each on its file.
const BATCH_RUNS: usize = 20;
/// Seed of the kill schedule.
const SEED: u64 = 0x00c0_ffee_dead_beef;
/// Every `CHECKPOINT_EVERY`-th check closes normally (checkpointing and removing the WAL); the others leave the WAL
/// for the next writer.
const CHECKPOINT_EVERY: usize = 4;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
        .map(|d| d.to_utc())
        .expect("fixed instant")
}

/// What one killed writer reported: the operations it printed as committed, in order, as `(operation, what)`, and
/// the operation it had begun but not reported committed when it died, if any.
struct Reported {
    committed: Vec<(String, String)>,
    unfinished: Option<String>,
}

/// Runs `crash-writer <db> <prefix> <kind>` and SIGKILLs it `after` its start.
fn run_and_kill(db: &Path, prefix: &str, kind: &str, after: Duration) -> Reported {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crash-writer"))
        .arg(db)
        .arg(prefix)
        .arg(kind)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the crash-writer binary must start");
    // Drain stdout while the child runs: a full pipe would stall the writer and make runs write less.
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout
            .read_to_end(&mut buf)
            .expect("the writer's stdout must be readable until it dies");
        buf
    });
    std::thread::sleep(after);
    let exited = child.try_wait().expect("try_wait");
    let status = match exited {
        Some(status) => status,
        None => {
            child.kill().expect("SIGKILL must reach the writer");
            child.wait().expect("wait for the killed writer")
        }
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut stderr).expect("stderr");
    }
    assert_eq!(
        status.signal(),
        Some(9),
        "run {prefix}: the writer must still be writing when it is killed, otherwise this run tests nothing \
         (status {status}, stderr: {stderr})"
    );
    let out = reader.join().expect("stdout reader thread");
    let text = String::from_utf8(out).expect("the writer prints UTF-8");
    let mut reported = Reported {
        committed: Vec::new(),
        unfinished: None,
    };
    // A line cut by the kill was never a complete report; only finished lines count.
    for line in text.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
        let words: Vec<&str> = line.trim_end().splitn(3, ' ').collect();
        match words.as_slice() {
            ["begin", op] => reported.unfinished = Some((*op).to_owned()),
            ["committed", op, what] if reported.unfinished.as_deref() == Some(*op) => {
                reported.unfinished = None;
                reported.committed.push(((*op).to_owned(), (*what).to_owned()));
            }
            _ => panic!("run {prefix}: the writer prints `begin <op>` then `committed <op> <what>`, got {line:?}"),
        }
    }
    reported
}

/// Reopens the file the way the app does after a crash, and checks SQLite found it consistent.
fn reopen(db: &Path, prefix: &str) -> Store {
    let store = Store::open(db, now()).unwrap_or_else(|e| {
        panic!("run {prefix}: a database left by a killed writer must open again, got {e}")
    });
    assert_eq!(
        store.integrity_check().expect("integrity_check runs"),
        "ok",
        "run {prefix}: SQLite's WAL must leave a consistent file whatever instant the writer died at"
    );
    store
}

/// Closes the checking connection: every `CHECKPOINT_EVERY`-th run normally (checkpointing the WAL into the file),
/// the others leaving the WAL for the next writer to recover and append to.
fn close(store: Store, run: usize) {
    if run % CHECKPOINT_EVERY != CHECKPOINT_EVERY - 1 {
        store
            .conn()
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .expect("disable the checkpoint on close");
    }
    drop(store);
}

/// Checks that no row points at a missing one (managers, participants, sites...).
fn assert_no_dangling_rows(store: &Store, when: &str) {
    let mut stmt = store
        .conn()
        .prepare("PRAGMA foreign_key_check")
        .expect("prepare");
    let broken: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert!(
        broken.is_empty(),
        "{when}: rows written by killed writers must not point at missing rows, but {broken:?} do"
    );
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .expect("count query")
}

#[test]
fn killed_writers_never_corrupt_the_file_nor_lose_committed_people() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("crash.db");
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let started = Instant::now();
    let mut committed: Vec<String> = Vec::new();
    let mut runs_that_wrote = 0;
    let mut runs_on_a_wal = 0;

    for run in 0..PERSON_RUNS {
        let prefix = format!("run{run:02}");
        let after = Duration::from_millis(rng.random_range(20..=200));
        let wal = std::fs::metadata(dir.path().join("crash.db-wal")).map_or(0, |m| m.len());
        if wal > 0 {
            runs_on_a_wal += 1;
        }
        let reported: Vec<String> = run_and_kill(&db, &prefix, "person", after)
            .committed
            .into_iter()
            .map(|(_, email)| email)
            .collect();
        if !reported.is_empty() {
            runs_that_wrote += 1;
        }

        let store = reopen(&db, &prefix);
        for email in &reported {
            let found = people::find_by_email(store.conn(), email).expect("lookup by email");
            assert!(
                found.is_some(),
                "run {prefix}: {email} was reported committed before the kill, so it must survive it \
                 (a commit the store acknowledged is durable)"
            );
        }
        committed.extend(reported);
        let stored = count(&store, "SELECT count(*) FROM people");
        assert!(
            stored >= committed.len() as i64,
            "run {prefix}: {stored} people stored but {} were reported committed so far: people are never deleted, \
             so a later crash must not take back earlier commits",
            committed.len()
        );
        assert_eq!(
            count(&store, "SELECT count(*) FROM audit WHERE entity = 'person'"),
            stored,
            "run {prefix}: a person and its audit entry are written in one transaction, so a crash keeps both or \
             neither"
        );
        close(store, run);
    }

    assert!(
        !committed.is_empty(),
        "no writer ever reported a commit in {PERSON_RUNS} runs: the test killed them before they wrote, so it proved \
         nothing about crash safety"
    );
    assert!(
        runs_on_a_wal > 0,
        "no writer started on a WAL left by an earlier crash, so recovery on top of recovery was never tried"
    );
    let store = Store::open(&db, now()).expect("final reopen");
    let mut stmt = store
        .conn()
        .prepare("SELECT email FROM people")
        .expect("prepare");
    let stored: HashSet<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("emails");
    let missing: Vec<&String> = committed.iter().filter(|e| !stored.contains(*e)).collect();
    assert!(
        missing.is_empty(),
        "after {PERSON_RUNS} crashes every email ever reported committed must still be there; missing: {missing:?}"
    );
    assert_no_dangling_rows(&store, "after the last run");
    eprintln!(
        "crash safety: {PERSON_RUNS} kills ({runs_on_a_wal} on top of a leftover WAL), {} commits reported by \
         {runs_that_wrote} runs, all found, in {:.1?}",
        committed.len(),
        started.elapsed()
    );
}

/// A multi-row operation the writer repeats, and what one whole operation does to the counts it is checked by.
struct Batch {
    /// The writer's kind (see `crash-writer`).
    kind: &'static str,
    /// Counting queries: an operation changes their results all at once.
    counts: &'static [&'static str],
    /// Changes `counts` as one more whole operation `op` (a name the writer prints) does.
    effect: fn(op: &str, counts: &mut [i64]),
}

fn counts(store: &Store, queries: &[&str]) -> Vec<i64> {
    queries.iter().map(|q| count(store, q)).collect()
}

/// Kills the writer of `batch` [`BATCH_RUNS`] times on one file prepared by `prepare`; after each kill the counts
/// must be those of the operations it reported committed, plus, if it died inside one, either all of that one or
/// none of it.
fn killed_batches_are_whole_or_absent(batch: &Batch, seed: u64, prepare: impl FnOnce(&mut Store)) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("crash.db");
    prepare(
        &mut Store::open_with(&db, OpenMode::CreateNew, now()).expect("a new database is created"),
    );
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let started = Instant::now();
    let mut before = counts(&reopen(&db, "setup"), batch.counts);
    let (mut operations, mut inside, mut rolled_back) = (0, 0, 0);
    for run in 0..BATCH_RUNS {
        let prefix = format!("{}{run:02}", batch.kind);
        // Long enough for a few operations, the open and the recovery of the last crash included.
        let after = Duration::from_millis(rng.random_range(60..=600));
        let reported = run_and_kill(&db, &prefix, batch.kind, after);
        let store = reopen(&db, &prefix);
        let mut expected = before.clone();
        for (op, _) in &reported.committed {
            (batch.effect)(op, &mut expected);
        }
        let whole = reported.unfinished.as_deref().map(|op| {
            let mut with = expected.clone();
            (batch.effect)(op, &mut with);
            with
        });
        let found = counts(&store, batch.counts);
        assert!(
            found == expected || Some(&found) == whole.as_ref(),
            "run {prefix}: {:?} gave {found:?}; after the {} operations reported committed they must give \
             {expected:?}, or {:?} if the {} begun when the writer died had committed: an operation is one \
             transaction, so a kill keeps all of it or none of it",
            batch.counts,
            reported.committed.len(),
            whole.as_deref().unwrap_or_default(),
            reported.unfinished.as_deref().unwrap_or("operation"),
        );
        assert_no_dangling_rows(&store, &prefix);
        operations += reported.committed.len();
        if reported.unfinished.is_some() {
            inside += 1;
            if found == expected {
                rolled_back += 1;
            }
        }
        before = found;
        close(store, run);
    }
    assert!(
        operations > 0,
        "{}: no operation was reported committed in {BATCH_RUNS} runs, so nothing was checked to survive",
        batch.kind
    );
    assert!(
        rolled_back > 0,
        "{}: no kill fell inside an operation that was then found absent, so all-or-nothing was never put to the test",
        batch.kind
    );
    eprintln!(
        "crash safety, {}: {BATCH_RUNS} kills ({inside} inside an operation, {rolled_back} of them rolled back), \
         {operations} operations reported committed, counts always whole, in {:.1?}",
        batch.kind,
        started.elapsed()
    );
}

#[test]
fn a_killed_csv_import_is_all_there_or_absent() {
    let batch = Batch {
        kind: "import",
        counts: &[
            "SELECT count(*) FROM people",
            "SELECT count(DISTINCT team) FROM people",
        ],
        effect: |_, c| {
            c[0] += IMPORT_SIZE as i64;
            c[1] += 1;
        },
    };
    killed_batches_are_whole_or_absent(&batch, SEED + 1, |_| {});
}

#[test]
fn a_killed_plan_apply_is_all_there_or_absent() {
    let batch = Batch {
        kind: "plan",
        counts: &[
            "SELECT count(*) FROM activities",
            "SELECT count(*) FROM participations",
        ],
        effect: |_, c| {
            c[0] += PLAN_SIZE as i64;
            c[1] += 2 * PLAN_SIZE as i64;
        },
    };
    killed_batches_are_whole_or_absent(&batch, SEED + 2, |store| {
        prepare_plans(store, now()).expect("the plan's visitors and hosts are imported");
    });
}

#[test]
fn a_killed_retention_batch_is_all_there_or_absent() {
    let batch = Batch {
        kind: "retention",
        counts: &[
            "SELECT count(*) FROM people",
            "SELECT count(*) FROM people WHERE anonymised_at IS NOT NULL",
        ],
        // The writer imports people who left years ago, then a retention batch anonymises everyone not yet anonymised.
        effect: |op, c| match op {
            "import" => c[0] += IMPORT_SIZE as i64,
            "retention" => c[1] = c[0],
            other => panic!("the retention writer only imports and runs retention, not {other}"),
        },
    };
    killed_batches_are_whole_or_absent(&batch, SEED + 3, |_| {});
}
