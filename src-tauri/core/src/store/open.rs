//! Opening a database file: which files count as Unisson databases, which callers may create one, and the migration
//! (with its backup) on open.
//!
//! Invariants:
//! - only [`OpenMode::CreateIfMissing`] and [`OpenMode::CreateNew`] create a file or a directory, so a mistyped path
//!   given to a read or edit command is an error ([`Error::NoDatabase`]), never an empty organisation;
//! - a file is inspected through a read-only connection before anything writes to it, and one that is not a Unisson
//!   database ([`Error::NotUnissonDatabase`]) or was written by a newer Unisson ([`Error::TooNew`]) is refused with
//!   its bytes and modification time unchanged;
//! - "nothing there" means no file, an empty file, or an SQLite file with no table and `user_version` 0 (what an
//!   interrupted first open or `sqlite3 FILE ''` leaves): those may be created over, they hold nothing to lose;
//! - a Unisson database is one with `user_version` ≥ 1 and the tables of the first migration;
//! - migrations run in one `BEGIN IMMEDIATE` transaction that re-reads the version under the write lock, so two
//!   processes opening an old or new file at once migrate it once; an older database is first copied next to itself.

use super::{configure, Store, MIGRATION_STEPS, SCHEMA_VERSION};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::io::Read;
use std::path::{Path, PathBuf};

/// How [`Store::open_with`] treats a path that holds no Unisson database yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// The path must already hold a Unisson database: every command that reads or edits an organisation.
    Existing,
    /// Opens the Unisson database there, or creates an empty one (and its folder): the demo generator and the app's
    /// first run in its own data directory.
    CreateIfMissing,
    /// Creates an empty database; refuses a path that already holds one (`unisson init`).
    CreateNew,
}

/// The tables every Unisson schema has had since the first migration; their presence tells our files from others.
const UNISSON_TABLES: [&str; 5] = ["sites", "people", "activities", "participations", "audit"];

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What a path holds, found without writing to it.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    /// No file, an empty file, or an SQLite file without any table: nothing to lose.
    Nothing,
    /// A Unisson database at this schema version (≥ 1).
    Unisson(i64),
}

impl Store {
    /// Opens the Unisson database at `path` and migrates it to [`SCHEMA_VERSION`] (copying an older one first, as
    /// `<name>.v<old>-<now>.bak`). Creates nothing: a missing file is [`Error::NoDatabase`]. See
    /// [`Store::open_with`] for the commands that create one.
    pub fn open(path: &Path, now: DateTime<Utc>) -> Result<Store> {
        Store::open_with(path, OpenMode::Existing, now)
    }

    /// Opens or creates the database at `path` as `mode` allows, then migrates it like [`Store::open`]. A file that
    /// is not a Unisson database is refused untouched, whatever the mode.
    pub fn open_with(path: &Path, mode: OpenMode, now: DateTime<Utc>) -> Result<Store> {
        let found = inspect(path)?;
        let shown = || path.display().to_string();
        match (found, mode) {
            (Found::Nothing, OpenMode::Existing) => {
                return Err(Error::NoDatabase { path: shown() })
            }
            (Found::Unisson(_), OpenMode::CreateNew) => {
                return Err(Error::DatabaseExists { path: shown() })
            }
            (Found::Unisson(found), _) if found > SCHEMA_VERSION => {
                return Err(Error::TooNew {
                    found,
                    known: SCHEMA_VERSION,
                })
            }
            (Found::Nothing, _) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)?;
                }
            }
            (Found::Unisson(_), _) => {}
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        let backup = migrate(&mut conn, path, now)?;
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
            backup,
        })
    }
}

/// Tells what `path` holds, reading it only: its first bytes, then its schema through a read-only connection.
fn inspect(path: &Path) -> Result<Found> {
    let not_ours = |reason: String| Error::NotUnissonDatabase {
        path: path.display().to_string(),
        reason,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(e.into()),
    };
    if meta.is_dir() {
        return Err(not_ours("it is a folder".into()));
    }
    if meta.len() == 0 {
        return Ok(Found::Nothing);
    }
    let mut head = Vec::with_capacity(SQLITE_MAGIC.len());
    std::fs::File::open(path)?
        .take(SQLITE_MAGIC.len() as u64)
        .read_to_end(&mut head)?;
    if head != SQLITE_MAGIC {
        return Err(not_ours("it is not an SQLite file".into()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // A writer (the app, another command) may hold the file: wait for it as a write would.
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| not_ours(format!("SQLite cannot read it: {e}")))?;
    let tables = table_names(&conn).map_err(|e| not_ours(format!("SQLite cannot read it: {e}")))?;
    if tables.is_empty() && version == 0 {
        return Ok(Found::Nothing);
    }
    let missing: Vec<&str> = UNISSON_TABLES
        .into_iter()
        .filter(|t| !tables.iter().any(|have| have == t))
        .collect();
    if version >= 1 && missing.is_empty() {
        return Ok(Found::Unisson(version));
    }
    let mut listed = tables
        .iter()
        .take(5)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if tables.len() > 5 {
        listed.push_str(", …");
    }
    Err(not_ours(format!(
        "it is an SQLite database of another application: schema version {version}, tables: {}",
        if listed.is_empty() { "none" } else { &listed }
    )))
}

/// The names of the tables in `conn`'s main schema, sorted.
fn table_names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get(0))?;
    names.collect()
}

/// Brings `conn` to [`SCHEMA_VERSION`] in one immediate transaction; returns the backup taken first, if the file
/// held an older schema.
pub(super) fn migrate(
    conn: &mut Connection,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>> {
    let before: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if before == SCHEMA_VERSION {
        return Ok(None);
    }
    let backup = if before > 0 {
        Some(back_up(conn, path, before, now)?)
    } else {
        None
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Under the write lock: another process may have migrated the file since `before` was read.
    let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    let done = usize::try_from(found).unwrap_or(0);
    for step in MIGRATION_STEPS.iter().skip(done) {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(backup)
}

/// Copies the database next to itself as `<name>.v<version>-<now>.bak` with the online backup API.
fn back_up(conn: &Connection, path: &Path, version: i64, now: DateTime<Utc>) -> Result<PathBuf> {
    let name = format!(
        "{}.v{version}-{}.bak",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        now.format("%Y%m%dT%H%M%SZ")
    );
    let target = path.with_file_name(name);
    conn.backup(rusqlite::MAIN_DB, &target, None)?;
    Ok(target)
}
