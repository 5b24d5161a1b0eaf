//! The `settings` key/value table. A missing key reads as its default; writes are audited under entity `settings`.

use super::Tx;
use crate::error::Result;
use crate::model::{PlanningRules, Retention, Settings};
use rusqlite::{params, Connection};

/// The current settings, defaults filled in.
pub fn get(conn: &Connection) -> Result<Settings> {
    let mut settings = Settings::default();
    let mut stmt = conn.prepare("SELECT key, value FROM settings")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let value: String = row.get(1)?;
        match key.as_str() {
            "organizer_name" => settings.organizer_name = value,
            "organizer_email" => settings.organizer_email = value,
            "default_timezone" => settings.default_timezone = value,
            // An unknown spelling (written by a later version) falls back to following the system.
            "language" => settings.language = value.parse().ok(),
            _ => {}
        }
    }
    Ok(settings)
}

/// Stores validated settings.
pub fn put(tx: &Tx<'_>, settings: &Settings) -> Result<Settings> {
    let before = get(tx)?;
    let pairs = [
        ("organizer_name", Some(settings.organizer_name.clone())),
        ("organizer_email", Some(settings.organizer_email.clone())),
        ("default_timezone", Some(settings.default_timezone.clone())),
        ("language", settings.language.map(|l| l.as_str().to_owned())),
    ];
    for (key, value) in pairs {
        match value {
            Some(v) => tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
                params![key, v],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
    }
    let after = get(tx)?;
    tx.audit("settings", 0, "update", Some(&before), Some(&after))?;
    Ok(after)
}

/// The planning rules, defaults filled in.
pub fn rules(conn: &Connection) -> Result<PlanningRules> {
    let mut rules = PlanningRules::default();
    let mut stmt = conn.prepare_cached(
        "SELECT key, value FROM settings WHERE key IN ('host_capacity_per_half_day', 'max_host_days_per_month')",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let value: String = row.get(1)?;
        let Ok(n) = value.parse::<i32>() else {
            continue;
        };
        match key.as_str() {
            "host_capacity_per_half_day" => rules.host_capacity_per_half_day = n,
            _ => rules.max_host_days_per_month = n,
        }
    }
    Ok(rules)
}

/// Stores validated planning rules.
pub fn put_rules(tx: &Tx<'_>, new: &PlanningRules) -> Result<PlanningRules> {
    let before = rules(tx)?;
    for (key, value) in [
        ("host_capacity_per_half_day", new.host_capacity_per_half_day),
        ("max_host_days_per_month", new.max_host_days_per_month),
    ] {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
            params![key, value.to_string()],
        )?;
    }
    let after = rules(tx)?;
    tx.audit("planning_rules", 0, "update", Some(&before), Some(&after))?;
    Ok(after)
}

/// A setting stored as JSON under `key` (e.g. `department_aliases`), if it was ever saved.
pub fn get_json(conn: &Connection, key: &str) -> Result<Option<serde_json::Value>> {
    use rusqlite::OptionalExtension;
    let text: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    // A value this version cannot read (hand-edited, or from a later version) reads as never saved.
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Stores a JSON setting under `key`, audited as entity `settings`, action `update:<key>`.
pub fn put_json(tx: &Tx<'_>, key: &str, value: &serde_json::Value) -> Result<()> {
    let before = get_json(tx, key)?;
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        params![key, value.to_string()],
    )?;
    tx.audit(
        "settings",
        0,
        &format!("update:{key}"),
        before.as_ref(),
        Some(value),
    )
}

/// The retention setting (key `retention_months`: a number of months or `never`), default filled in.
pub fn retention(conn: &Connection) -> Result<Retention> {
    use rusqlite::OptionalExtension;
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'retention_months'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match text.as_deref() {
        Some("never") => Retention { months: None },
        // An unreadable value keeps the default rather than switching retention off.
        Some(n) => n
            .parse()
            .map(|m| Retention { months: Some(m) })
            .unwrap_or_default(),
        None => Retention::default(),
    })
}

/// Stores a validated retention setting, audited as entity `settings`, action `update:retention_months`.
pub fn put_retention(tx: &Tx<'_>, new: &Retention) -> Result<Retention> {
    let before = retention(tx)?;
    let value = new
        .months
        .map_or_else(|| "never".to_owned(), |m| m.to_string());
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('retention_months', ?1) ON CONFLICT(key) DO UPDATE SET value = ?1",
        [value],
    )?;
    let after = retention(tx)?;
    tx.audit(
        "settings",
        0,
        "update:retention_months",
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}
