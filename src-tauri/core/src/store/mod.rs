//! SQLite storage. One module per table, plain SQL with `?N` parameters.
//!
//! Invariants:
//! - every connection runs with `foreign_keys=ON`, WAL, `synchronous=FULL` (a commit that returned survives a power
//!   cut, not only a crash) and a busy timeout ([`BUSY_TIMEOUT`]);
//! - a file is created only when the caller's [`OpenMode`] says so, and a file that is not a Unisson database is
//!   refused untouched (see `open`);
//! - the schema only moves forward, through the numbered files in `migrations/` (never edited once shipped), and a
//!   database that already holds data is copied with the online backup API before it is migrated;
//! - every write goes through a [`Tx`], which carries the actor and `now` and writes the audit entry in the same
//!   transaction as the change; it begins IMMEDIATE, so concurrent writers queue on the busy timeout;
//! - instants are stored as `YYYY-MM-DDTHH:MM:SSZ` text, so text order is time order;
//! - no activity lasts more than [`MAX_ACTIVITY_DAYS`], so interval lookups are bounded index ranges.

pub mod absences;
pub mod activities;
pub mod audit;
pub mod board;
pub mod bulk;
pub mod debriefs;
pub mod invite_log;
pub mod objectives;
mod open;
pub mod outbox;
pub mod overview;
pub mod participations;
pub mod people;
pub mod privacy;
pub mod report;
pub mod series;
pub mod settings;
pub mod sites;

pub use open::OpenMode;

use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema migrations, oldest first: step `n` (0-based) takes a database from `user_version` `n` to `n + 1`.
/// Shipped files are never edited; a change of schema is a new file at the end.
const MIGRATION_STEPS: [&str; 8] = [
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_indexes_invite_log.sql"),
    include_str!("migrations/003_training_mix.sql"),
    include_str!("migrations/004_participation_times.sql"),
    include_str!("migrations/005_report_index.sql"),
    include_str!("migrations/006_objectives_debriefs_privacy.sql"),
    include_str!("migrations/007_participation_report_copy.sql"),
    include_str!("migrations/008_outbox.sql"),
];

/// How long a write waits for another connection (the app, a CLI script) to finish its transaction before it fails
/// with "database is locked". Generous: a 5,000-person import or a year of demo data holds the lock for seconds.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATION_STEPS.len() as i64;

/// An open Unisson database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    backup: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        open::migrate(&mut conn, Path::new(":memory:"), DateTime::UNIX_EPOCH)?;
        Ok(Store {
            conn,
            path: None,
            backup: None,
        })
    }

    /// The file behind this store (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The backup taken before migrating on open, if one was.
    pub fn backup_path(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    /// Read access. Writes must go through [`Store::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction, committed only if it returns `Ok`. Every audit entry written inside carries
    /// `actor` and `now`. The transaction begins IMMEDIATE: it takes the write lock first (waiting up to
    /// [`BUSY_TIMEOUT`] for another writer), so what `f` reads stays true until it commits, and two writers wait for
    /// each other instead of one failing with "database is locked" when it moves from reading to writing.
    pub fn write<T>(
        &mut self,
        actor: &str,
        now: DateTime<Utc>,
        f: impl FnOnce(&Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = Tx {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            actor: actor.to_owned(),
            now,
        };
        let out = f(&tx)?;
        tx.tx.commit()?;
        Ok(out)
    }

    /// `PRAGMA integrity_check`'s verdict (`"ok"` when healthy).
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // journal_mode answers with the mode it set; in memory it stays "memory".
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    // FULL, not NORMAL: in WAL mode NORMAL skips the fsync at each commit, so a power cut can take back commits the
    // user was told were saved. FULL syncs the WAL at every commit (the cost is measured in the README).
    conn.pragma_update(None, "synchronous", "FULL")?;
    // 32 MiB of page cache (SQLite's default is 2 MiB), filled only as pages are read: a year of report rows fits,
    // so repeated reports read memory instead of the file (a quarter less CPU on the report benchmark).
    conn.pragma_update(None, "cache_size", -32768)?;
    Ok(())
}

/// A write transaction with its audit context.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    actor: String,
    now: DateTime<Utc>,
}

impl Tx<'_> {
    /// The instant this transaction writes as "now".
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Records one change in the audit log, inside this transaction.
    pub fn audit<B: Serialize, A: Serialize>(
        &self,
        entity: &str,
        entity_id: i64,
        action: &str,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let before = before
            .map(serde_json::to_string)
            .transpose()
            .map_err(to_sql_err)?;
        let after = after
            .map(serde_json::to_string)
            .transpose()
            .map_err(to_sql_err)?;
        self.tx.execute(
            "INSERT INTO audit (at, actor, entity, entity_id, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![ts(self.now), self.actor, entity, entity_id, action, before, after],
        )?;
        Ok(())
    }
}

fn to_sql_err(e: serde_json::Error) -> Error {
    Error::Storage(rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

/// The longest an activity may last. Interval queries rely on it: an activity overlapping `[from, to)` starts
/// after `from - MAX_ACTIVITY_DAYS`, which lets SQLite use the start-time index from both ends.
pub const MAX_ACTIVITY_DAYS: i64 = 14;

/// The earliest start an activity overlapping an interval beginning at `from` can have.
pub fn earliest_start(from: DateTime<Utc>) -> String {
    ts(from - chrono::Duration::days(MAX_ACTIVITY_DAYS))
}

/// Formats an instant the way the store keeps it.
pub fn ts(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Formats a day the way the store keeps it.
pub fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads an instant column.
pub(crate) fn get_ts(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(idx)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// Reads a day column.
pub(crate) fn get_day(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(idx)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        let store = Store::open_in_memory()
            .expect("every shipped migration must apply to an empty database");
        let version: i64 = store
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("user_version");
        assert_eq!(
            version, SCHEMA_VERSION,
            "a new database must be at the version this build writes, or it would be migrated again on next open"
        );
    }

    #[test]
    fn pragmas_are_set_on_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let at = DateTime::parse_from_rfc3339("2027-03-01T09:00:00Z")
            .expect("fixed instant")
            .to_utc();
        let store =
            Store::open_with(&dir.path().join("u.db"), OpenMode::CreateNew, at).expect("create");
        let synchronous: i64 = store
            .conn()
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .expect("synchronous");
        assert_eq!(
            synchronous, 2,
            "synchronous=FULL (2) syncs the WAL at every commit: with NORMAL (1) a power cut loses saved changes"
        );
        let fk: i64 = store
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .expect("fk");
        let mode: String = store
            .conn()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("mode");
        assert_eq!(
            fk, 1,
            "foreign keys keep participations from pointing at nothing"
        );
        assert_eq!(
            mode, "wal",
            "WAL keeps the file consistent if the app is killed mid-write"
        );
        assert!(
            store.backup_path().is_none(),
            "a brand-new database has nothing to back up"
        );
    }

    #[test]
    fn a_newer_database_is_refused_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("u.db");
        {
            let mut conn = Connection::open(&path).expect("open raw");
            open::migrate(&mut conn, &path, Utc::now()).expect("a current schema");
            conn.pragma_update(None, "user_version", 99)
                .expect("set version");
        }
        let err = Store::open(&path, Utc::now()).expect_err("a future schema must not be opened");
        assert_eq!(
            err.code(),
            "too_new",
            "the UI tells the user to update Unisson on this code"
        );
    }
}
