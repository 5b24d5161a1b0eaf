//! What a database holds, counted in one read: the first-run screen asks it whether the organisation is set up yet,
//! and whether the file is the demo organisation (a `settings` row the demo generator writes, so the label follows the
//! file and not its name).

use super::Tx;
use crate::error::Result;
use rusqlite::Connection;

/// How much of an organisation a database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Sites.
    pub sites: i64,
    /// People, active or not (anonymised ones included: they are history).
    pub people: i64,
    /// Activities of every kind and status (cancelled ones included).
    pub activities: i64,
}

/// The counts, in one statement.
pub fn counts(conn: &Connection) -> Result<Counts> {
    Ok(conn.query_row(
        "SELECT (SELECT COUNT(*) FROM sites), (SELECT COUNT(*) FROM people), (SELECT COUNT(*) FROM activities)",
        [],
        |row| {
            Ok(Counts {
                sites: row.get(0)?,
                people: row.get(1)?,
                activities: row.get(2)?,
            })
        },
    )?)
}

/// The `settings` key that marks the demo organisation's database.
const DEMO_KEY: &str = "demo_organisation";

/// Whether this database holds the generated demo organisation.
pub fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM settings WHERE key = ?1")?
        .exists([DEMO_KEY])?)
}

/// Marks this database as the demo organisation (written by the demo generator, in its transaction).
pub fn mark_demo(tx: &Tx<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, '1') ON CONFLICT(key) DO NOTHING",
        [DEMO_KEY],
    )?;
    Ok(())
}
