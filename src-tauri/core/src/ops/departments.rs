//! The department alias table ("Mktg" is marketing, "Ventes" is sales...) that imports map HR's values through.
//!
//! Invariants: stored as JSON in the settings table under `department_aliases`; never saved means the built-in
//! defaults; a saved table is validated first (no blank or duplicate alias) and replaces the old one whole.

use crate::error::Result;
use crate::import::departments::{default_aliases, validated, DepartmentAlias};
use crate::store::{settings, Store};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

const KEY: &str = "department_aliases";

/// The alias table in `conn` (the defaults until one is saved).
pub fn aliases_in(conn: &Connection) -> Result<Vec<DepartmentAlias>> {
    Ok(settings::get_json(conn, KEY)?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_else(default_aliases))
}

/// The current alias table.
pub fn aliases(store: &Store) -> Result<Vec<DepartmentAlias>> {
    aliases_in(store.conn())
}

/// Validates and saves a new alias table; returns it as stored.
pub fn set_aliases(
    store: &mut Store,
    aliases: &[DepartmentAlias],
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Vec<DepartmentAlias>> {
    let clean = validated(aliases)?;
    let value =
        serde_json::to_value(&clean).map_err(|e| crate::Error::Io(std::io::Error::other(e)))?;
    store.write(actor, now, |tx| settings::put_json(tx, KEY, &value))?;
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Department;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
            .map(|d| d.to_utc())
            .expect("fixed instant")
    }

    #[test]
    fn defaults_until_saved_then_the_saved_table() {
        let mut store = Store::open_in_memory().expect("store");
        assert_eq!(
            aliases(&store).expect("read"),
            default_aliases(),
            "a new database uses the built-in table"
        );
        let table = vec![DepartmentAlias {
            alias: " Growth ".into(),
            department: Department::Marketing,
        }];
        let saved = set_aliases(&mut store, &table, now(), "t").expect("save");
        assert_eq!(
            saved[0].alias, "Growth",
            "aliases are trimmed before they are stored"
        );
        assert_eq!(
            aliases(&store).expect("read"),
            saved,
            "the saved table replaces the defaults whole"
        );
        let entries = crate::store::audit::for_entity(store.conn(), "settings", 0).expect("audit");
        assert_eq!(
            entries.last().map(|e| e.action.as_str()),
            Some("update:department_aliases"),
            "changing how imports read departments is audited"
        );
    }
}
