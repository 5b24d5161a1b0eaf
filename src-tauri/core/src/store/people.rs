//! The `people` table. People are never deleted; every write is audited under entity `person`.

use super::{get_ts, ts, Tx};
use crate::error::{Error, Result};
use crate::model::{Id, Person, PersonInput, PersonRow};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, full_name, email, department, team, site_id, manager_id, active, created_at, updated_at, anonymised_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        full_name: row.get(1)?,
        email: row.get(2)?,
        department: row.get(3)?,
        team: row.get(4)?,
        site_id: row.get(5)?,
        manager_id: row.get(6)?,
        active: row.get(7)?,
        created_at: get_ts(row, 8)?,
        updated_at: get_ts(row, 9)?,
        anonymised_at: row
            .get::<_, Option<String>>(10)?
            .map(|_| get_ts(row, 10))
            .transpose()?,
    })
}

/// One person by id.
pub fn get(conn: &Connection, id: Id) -> Result<Person> {
    find(conn, id)?.ok_or(Error::NotFound {
        entity: "person",
        id: id.to_string(),
    })
}

/// One person by id, if present.
pub fn find(conn: &Connection, id: Id) -> Result<Option<Person>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM people WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// The person with this email (case-insensitive), if any.
pub fn find_by_email(conn: &Connection, email: &str) -> Result<Option<Person>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM people WHERE email = ?1"),
            [email.trim()],
            from_row,
        )
        .optional()?)
}

/// The manager of `id`, if any.
pub fn manager_of(conn: &Connection, id: Id) -> Result<Option<Id>> {
    Ok(conn
        .query_row("SELECT manager_id FROM people WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

/// Everyone, with site and manager names, sorted by name.
pub fn list_rows(conn: &Connection) -> Result<Vec<PersonRow>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.full_name, p.email, p.department, p.team, p.site_id, s.name, p.manager_id, m.full_name, p.active,
                p.anonymised_at IS NOT NULL
         FROM people p
         LEFT JOIN sites s ON s.id = p.site_id
         LEFT JOIN people m ON m.id = p.manager_id
         ORDER BY p.full_name COLLATE NOCASE, p.id",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(PersonRow {
            id: row.get(0)?,
            full_name: row.get(1)?,
            email: row.get(2)?,
            department: row.get(3)?,
            team: row.get(4)?,
            site_id: row.get(5)?,
            site_name: row.get(6)?,
            manager_id: row.get(7)?,
            manager_name: row.get(8)?,
            active: row.get(9)?,
            anonymised: row.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Number of people, active or not.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM people", [], |r| r.get(0))?)
}

/// Inserts a validated person.
pub fn insert(tx: &Tx<'_>, input: &PersonInput) -> Result<Person> {
    tx.execute(
        "INSERT INTO people (full_name, email, department, team, site_id, manager_id, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            input.full_name,
            input.email,
            input.department,
            input.team,
            input.site_id,
            input.manager_id,
            input.active,
            ts(tx.now())
        ],
    )?;
    let person = get(tx, tx.last_insert_rowid())?;
    tx.audit(
        "person",
        person.id,
        "create",
        None::<&Person>,
        Some(&person),
    )?;
    Ok(person)
}

/// Replaces a person's fields; `action` names the change in the audit log (`update`, `deactivate`, ...).
pub fn update(tx: &Tx<'_>, id: Id, input: &PersonInput, action: &str) -> Result<Person> {
    let before = get(tx, id)?;
    tx.execute(
        "UPDATE people SET full_name = ?2, email = ?3, department = ?4, team = ?5, site_id = ?6, manager_id = ?7,
                active = ?8, updated_at = ?9
         WHERE id = ?1",
        params![
            id,
            input.full_name,
            input.email,
            input.department,
            input.team,
            input.site_id,
            input.manager_id,
            input.active,
            ts(tx.now())
        ],
    )?;
    let after = get(tx, id)?;
    tx.audit("person", id, action, Some(&before), Some(&after))?;
    Ok(after)
}

impl From<&Person> for PersonInput {
    fn from(p: &Person) -> Self {
        PersonInput {
            full_name: p.full_name.clone(),
            email: p.email.clone(),
            department: p.department,
            team: p.team.clone(),
            site_id: p.site_id,
            manager_id: p.manager_id,
            active: p.active,
        }
    }
}

/// Deletes a person nothing refers to (an activity, a participation, an absence, a report...), audited as `delete`.
/// Returns `false`, changing nothing, when the foreign keys refuse because something does.
pub fn delete_unreferenced(tx: &Tx<'_>, id: Id) -> Result<bool> {
    let before = get(tx, id)?;
    match tx.execute("DELETE FROM people WHERE id = ?1", [id]) {
        Ok(_) => {
            tx.audit("person", id, "delete", Some(&before), None::<&Person>)?;
            Ok(true)
        }
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// Ids of the people whose record was created at or after `since` (newcomers), leaving out the first load of the
/// directory (records created within 7 days of the very first one), whose creation says nothing of hiring.
pub fn created_since(conn: &Connection, since: chrono::DateTime<chrono::Utc>) -> Result<Vec<Id>> {
    let first: Option<String> =
        conn.query_row("SELECT min(created_at) FROM people", [], |r| r.get(0))?;
    let Some(first) = first.and_then(|f| chrono::DateTime::parse_from_rfc3339(&f).ok()) else {
        return Ok(Vec::new());
    };
    let since = since.max(first.with_timezone(&chrono::Utc) + chrono::Duration::days(7));
    let mut stmt = conn.prepare("SELECT id FROM people WHERE created_at >= ?1 ORDER BY id")?;
    let rows = stmt.query_map([ts(since)], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
