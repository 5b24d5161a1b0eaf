//! Migrations from a database shipped in the past: `fixtures/v1.sql` is a frozen schema-v1 file with rows in every
//! table. Opening it with today's `Store::open` must back it up first, then migrate it to the current schema without
//! changing a single stored value.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;
use unisson_core::ops;
use unisson_core::store::{OpenMode, Store, SCHEMA_VERSION};

const V1_FIXTURE: &str = include_str!("../fixtures/v1.sql");
const V1_MIGRATION: &str = include_str!("../../src-tauri/core/src/store/migrations/001_init.sql");

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
        .map(|d| d.to_utc())
        .expect("fixed instant")
}

/// Every row of every table, column by column, in rowid order: table -> (column names, rows).
type Snapshot = BTreeMap<String, (Vec<String>, Vec<Vec<Value>>)>;

fn strings(conn: &Connection, sql: &str, param: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).expect("prepare");
    stmt.query_map([param], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
             ORDER BY name",
        )
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("table names")
}

fn rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<Vec<Value>> {
    let list: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let sql = format!("SELECT {} FROM \"{table}\" ORDER BY rowid", list.join(", "));
    let mut stmt = conn.prepare(&sql).expect("prepare row dump");
    stmt.query_map([], |r| {
        (0..columns.len())
            .map(|i| r.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<Value>>>()
    })
    .expect("query rows")
    .collect::<rusqlite::Result<_>>()
    .expect("rows")
}

fn snapshot(conn: &Connection) -> Snapshot {
    tables(conn)
        .into_iter()
        .map(|table| {
            let columns = strings(
                conn,
                "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
                &table,
            );
            let rows = rows(conn, &table, &columns);
            (table, (columns, rows))
        })
        .collect()
}

/// The schema as SQLite keeps it, whitespace-normalised: (type, name, table, sql).
fn schema(conn: &Connection) -> Vec<(String, String, String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master
             WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
        )
        .expect("prepare");
    stmt.query_map([], |r| {
        let sql: String = r.get(3)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            sql.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    })
    .expect("query")
    .collect::<rusqlite::Result<_>>()
    .expect("schema rows")
}

fn user_version(conn: &Connection) -> i64 {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("user_version")
}

fn foreign_key_problems(conn: &Connection) -> Vec<(String, i64, String)> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

fn backups_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".bak"))
        .collect();
    names.sort();
    names
}

/// Writes the fixture into a fresh file with plain rusqlite and returns what it holds.
fn load_v1(path: &Path) -> Snapshot {
    let conn = Connection::open(path).expect("create the v1 file");
    conn.execute_batch(V1_FIXTURE)
        .expect("the v1 fixture is a valid SQL dump");
    assert_eq!(
        user_version(&conn),
        1,
        "the fixture stands for a schema-v1 database and must say so"
    );
    let shipped = Connection::open_in_memory().expect("memory db");
    shipped
        .execute_batch(V1_MIGRATION)
        .expect("001_init.sql applies");
    assert_eq!(
        schema(&conn),
        schema(&shipped),
        "the fixture's schema must be exactly what 001_init.sql creates: either the fixture was regenerated from \
         something else or a shipped migration was edited, and both break users' databases"
    );
    let before = snapshot(&conn);
    for (table, (_, rows)) in &before {
        assert!(
            !rows.is_empty(),
            "the fixture must have rows in {table}, or the migration of that table is not tested"
        );
    }
    before
}

#[test]
fn a_v1_database_is_backed_up_then_migrated_without_losing_a_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("unisson.db");
    let before = load_v1(&path);

    let store = Store::open(&path, now()).expect("a v1 database must open in this version");
    let conn = store.conn();
    assert_eq!(
        user_version(conn),
        SCHEMA_VERSION,
        "opening an old database migrates it to the schema this build writes"
    );
    assert_eq!(
        store.integrity_check().expect("integrity_check"),
        "ok",
        "a migrated file must be sound"
    );
    assert_eq!(
        foreign_key_problems(conn),
        vec![],
        "migrations must not leave rows pointing at nothing"
    );
    for (table, (columns, old_rows)) in &before {
        assert_eq!(
            &rows(conn, table, columns),
            old_rows,
            "table {table}: a migration may add tables, columns and indexes but must keep every v1 value as it was"
        );
    }
    let fresh = Store::open_in_memory().expect("fresh store");
    assert_eq!(
        schema(conn),
        schema(fresh.conn()),
        "a migrated database must end with the same schema as a new one, or code would meet two different shapes"
    );

    // The migrated data still reads through the app's own queries, accents and reporting lines intact.
    let people = ops::people::list(&store).expect("people list on a migrated database");
    let eloise = people
        .iter()
        .find(|p| p.email == "eloise.berard@exemple-unisson.fr")
        .expect("Éloïse is in the v1 fixture");
    assert_eq!(
        (eloise.full_name.as_str(), eloise.manager_name.as_deref()),
        ("Éloïse Bérard", Some("Jérôme Lefèvre")),
        "names and managers must come through the migration unchanged"
    );

    let backup = store
        .backup_path()
        .expect("a database holding data must be backed up before it is migrated");
    assert_eq!(
        backup.parent(),
        path.parent(),
        "the backup sits next to the database, where a user or support will look for it"
    );
    assert_eq!(
        backup.file_name().map(|n| n.to_string_lossy().into_owned()),
        Some("unisson.db.v1-20261127T100000Z.bak".to_owned()),
        "the backup's name says which schema it holds and when it was taken"
    );
    let saved = Connection::open(backup).expect("the backup is an SQLite database");
    assert_eq!(
        user_version(&saved),
        1,
        "the backup is taken before migrating, so it is still a v1 database the previous version can open"
    );
    assert_eq!(
        saved
            .query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
            .expect("integrity_check"),
        "ok",
        "the backup must be a sound copy"
    );
    assert_eq!(
        snapshot(&saved),
        before,
        "the backup must hold every row of the original, to undo a bad migration"
    );
}

#[test]
fn opening_a_current_database_takes_no_backup() {
    let dir = tempfile::tempdir().expect("tempdir");

    let path = dir.path().join("current.db");
    {
        let mut store = Store::open_with(&path, OpenMode::CreateNew, now()).expect("create");
        let site = ops::sites::add(
            &mut store,
            &unisson_core::model::SiteInput {
                name: "Paris – Siège".into(),
                timezone: "Europe/Paris".into(),
                seats: 12,
                is_crc: false,
            },
            now(),
            "test",
        )
        .expect("add a site");
        assert!(site.id > 0, "the site is stored");
    }
    let store = Store::open(&path, now()).expect("reopen");
    assert!(
        store.backup_path().is_none(),
        "a database already at the current schema has nothing to migrate, so nothing to back up"
    );
    drop(store);
    assert_eq!(
        backups_in(dir.path()),
        Vec::<String>::new(),
        "no backup file may appear for a current database: they would pile up at every start"
    );

    // A database migrated once is current afterwards: reopening it takes no second backup.
    let old = dir.path().join("old.db");
    load_v1(&old);
    drop(Store::open(&old, now()).expect("migrate"));
    let later = now() + chrono::Duration::days(1);
    let store = Store::open(&old, later).expect("reopen the migrated database");
    assert!(
        store.backup_path().is_none(),
        "the migration already ran, so the second open has nothing to back up"
    );
    assert_eq!(
        backups_in(dir.path()),
        vec!["old.db.v1-20261127T100000Z.bak".to_owned()],
        "only the one backup taken before the real migration must exist"
    );
}
