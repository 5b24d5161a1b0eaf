//! Crash safety: a writer killed with SIGKILL at a random moment never corrupts the database nor loses a write it had
//! reported as committed.
//!
//! Each run spawns `crash-writer` on the same file, lets it add people for a pseudo-random 20–200 ms (seeded, so the
//! schedule is the same on every machine), kills it with SIGKILL, then reopens the file with `Store::open` the way the
//! app does after a crash. Runs pile up on one file, so later writers start on top of what earlier ones left: on most
//! runs the checking connection closes without checkpointing, so the next writer also recovers and appends to a WAL
//! written by killed processes (and may itself be killed in the middle of an automatic checkpoint).
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
use unisson_core::store::{people, Store};

/// Number of kill-and-reopen rounds on the same file.
const RUNS: usize = 60;
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

/// What one killed writer reported: the emails it printed as committed, in order.
fn run_and_kill(db: &Path, prefix: &str, after: Duration) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crash-writer"))
        .arg(db)
        .arg(prefix)
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
    text.split_inclusive('\n')
        // A line cut by the kill was never a complete report; only finished lines count.
        .filter(|line| line.ends_with('\n'))
        .map(|line| {
            line.trim_end()
                .strip_prefix("committed ")
                .unwrap_or_else(|| {
                    panic!("run {prefix}: the writer only prints `committed <email>` lines, got {line:?}")
                })
                .to_owned()
        })
        .collect()
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

    for run in 0..RUNS {
        let prefix = format!("run{run:02}");
        let after = Duration::from_millis(rng.random_range(20..=200));
        let wal = std::fs::metadata(dir.path().join("crash.db-wal")).map_or(0, |m| m.len());
        if wal > 0 {
            runs_on_a_wal += 1;
        }
        let reported = run_and_kill(&db, &prefix, after);
        if !reported.is_empty() {
            runs_that_wrote += 1;
        }

        let store = Store::open(&db, now()).unwrap_or_else(|e| {
            panic!("run {prefix}: a database left by a killed writer must open again, got {e}")
        });
        assert_eq!(
            store.integrity_check().expect("integrity_check runs"),
            "ok",
            "run {prefix}: SQLite's WAL must leave a consistent file whatever instant the writer died at"
        );
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
        if run % CHECKPOINT_EVERY != CHECKPOINT_EVERY - 1 {
            // Leave the WAL as it is, so the next writer recovers and appends to it.
            store
                .conn()
                .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
                .expect("disable the checkpoint on close");
        }
        drop(store);
    }

    assert!(
        !committed.is_empty(),
        "no writer ever reported a commit in {RUNS} runs: the test killed them before they wrote, so it proved \
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
        "after {RUNS} crashes every email ever reported committed must still be there; missing: {missing:?}"
    );
    let broken: Vec<String> = {
        let mut stmt = store
            .conn()
            .prepare("PRAGMA foreign_key_check")
            .expect("prepare");
        stmt.query_map([], |r| r.get::<_, String>(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    };
    assert!(
        broken.is_empty(),
        "managers written by killed writers must still exist: dangling references in {broken:?}"
    );
    eprintln!(
        "crash safety: {RUNS} kills ({runs_on_a_wal} on top of a leftover WAL), {} commits reported by \
         {runs_that_wrote} runs, all found, in {:.1?}",
        committed.len(),
        started.elapsed()
    );
}
