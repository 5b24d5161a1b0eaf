//! Which commands may create a database. Only `init` and `demo` do; every other command on a missing path fails with
//! one message and leaves nothing behind, and a file that is not a Unisson database is refused untouched, whatever the
//! command.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;
mod common;
use common::json;

/// A fixed clock far from any real date: the demo and the backups do not depend on the day the test runs.
const NOW: &str = "2027-04-14T07:00:00Z";

/// Runs the binary as `common::unisson` does, with its clock fixed at [`NOW`].
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unisson"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("UNISSON_DB")
        .env("UNISSON_NOW", NOW)
        .output()
        .expect("run the unisson binary")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// The exact message a command prints on a path that holds no database.
fn no_database(path: &Path) -> String {
    let p = text(path);
    format!(
        "unisson: no Unisson database at {p} (create one with 'unisson init --db {p}' or 'unisson demo --db {p}')"
    )
}

/// Every file (and folder) under `dir`, so a test sees anything a command left behind, `-wal` and `-shm` included.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).expect("read a test folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                todo.push(path.clone());
            }
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The read commands a script runs, each with the arguments it needs besides `--db`.
fn read_commands(out_dir: &Path) -> Vec<Vec<String>> {
    let owned = |args: &[&str]| args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    vec![
        owned(&["people", "list"]),
        owned(&["activity", "list"]),
        owned(&[
            "report",
            "participation",
            "--from",
            "2027-01-01",
            "--to",
            "2027-03-31",
        ]),
        owned(&["export", "--out", text(out_dir)]),
    ]
}

#[test]
fn read_commands_on_a_missing_path_fail_and_create_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("no").join("such").join("x.sqlite");
    let out_dir = dir.path().join("invites");
    for args in read_commands(&out_dir) {
        let mut full: Vec<&str> = args.iter().map(String::as_str).collect();
        full.extend(["--db", text(&db)]);
        let out = run(&full);
        assert_eq!(
            out.status.code(),
            Some(1),
            "`{}` on a mistyped path must fail, or an HR script reads an empty organisation as real: {out:?}",
            args.join(" ")
        );
        assert_eq!(
            stderr(&out).trim_end(),
            no_database(&db),
            "`{}` must say there is no database and how to create one",
            args.join(" ")
        );
        assert!(
            out.stdout.is_empty(),
            "`{}` must print no result (such as `[]`) on a missing database",
            args.join(" ")
        );
        assert_eq!(
            listing(dir.path()),
            Vec::<PathBuf>::new(),
            "`{}` must create no folder, no database and no output on a missing database",
            args.join(" ")
        );
    }
}

#[test]
fn a_file_without_a_schema_is_no_database_either() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("empty.sqlite");
    fs::write(&db, b"").expect("an empty file, as `touch` or `mktemp` leaves");
    let out = run(&["people", "list", "--db", text(&db)]);
    assert_eq!(
        (out.status.code(), stderr(&out).trim_end().to_owned()),
        (Some(1), no_database(&db)),
        "an empty file holds no organisation: the command must say so rather than print an empty one"
    );
    assert_eq!(
        fs::metadata(&db).expect("still there").len(),
        0,
        "a read command must not turn an empty file into a database"
    );
    let made = json(&run(&["init", "--db", text(&db)]));
    assert_eq!(
        made["path"],
        text(&db),
        "init may use an empty file: there is nothing in it to lose"
    );
}

#[test]
fn init_then_people_list_is_empty_and_a_second_init_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("new").join("org.sqlite");
    let made = json(&run(&["init", "--db", text(&db)]));
    assert_eq!(
        made["path"],
        text(&db),
        "init says where it created the database"
    );
    assert!(
        made["schemaVersion"].as_i64().is_some_and(|v| v >= 1),
        "init says which schema it wrote: {made}"
    );
    let people = json(&run(&["people", "list", "--db", text(&db)]));
    assert_eq!(
        people,
        serde_json::json!([]),
        "a new organisation has nobody in it"
    );

    let before = snapshot(&db);
    let again = run(&["init", "--db", text(&db)]);
    assert_eq!(
        (again.status.code(), stderr(&again).trim_end().to_owned()),
        (
            Some(1),
            format!(
                "unisson: a Unisson database already exists at {}; nothing was changed",
                text(&db)
            )
        ),
        "init on an existing organisation must refuse, so a script cannot believe it started from nothing"
    );
    assert_eq!(
        snapshot(&db),
        before,
        "a refused init must leave the database as it was"
    );
}

#[test]
fn demo_still_creates_its_database_and_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("fresh").join("demo.sqlite");
    let summary = json(&run(&["demo", "--db", text(&db)]));
    assert!(summary.is_object(), "demo prints its summary: {summary}");
    let people = json(&run(&["people", "list", "--db", text(&db)]));
    assert!(
        people.as_array().is_some_and(|p| !p.is_empty()),
        "the demo organisation must be readable by the other commands"
    );
}

/// The bytes and modification time of a file.
fn snapshot(path: &Path) -> (Vec<u8>, SystemTime) {
    let meta = fs::metadata(path).expect("the file exists");
    (
        fs::read(path).expect("read the file"),
        meta.modified().expect("mtime"),
    )
}

/// Runs every command that could create or write on `file` and checks each is refused with `reason` and the folder
/// is exactly as before: same bytes, same mtime, no new file beside it.
fn refused_untouched(file: &Path, reason: &str) {
    let dir = file.parent().expect("a folder");
    let before = snapshot(file);
    let files = listing(dir);
    let expected = format!(
        "unisson: {} is not a Unisson database: {reason}; it was left untouched",
        text(file)
    );
    for args in [
        vec!["people", "list"],
        vec!["init"],
        vec!["demo"],
        vec!["privacy", "retention"],
    ] {
        let mut full = args.clone();
        full.extend(["--db", text(file)]);
        let out = run(&full);
        assert_eq!(
            (out.status.code(), stderr(&out).trim_end().to_owned()),
            (Some(1), expected.clone()),
            "`{}` must refuse a file that is not a Unisson database, naming what it is",
            args.join(" ")
        );
        assert_eq!(
            snapshot(file),
            before,
            "`{}` must not change a byte of someone else's file, nor its mtime",
            args.join(" ")
        );
        assert_eq!(
            listing(dir),
            files,
            "`{}` must leave no journal, backup or other file beside it",
            args.join(" ")
        );
    }
}

#[test]
fn a_text_file_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("notes.txt");
    fs::write(
        &notes,
        "Réunion marketing / ventes : jeudi 9 h.\nthis is not a database, just text\n",
    )
    .expect("write");
    refused_untouched(&notes, "it is not an SQLite file");
}

#[test]
fn another_applications_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("crm.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).expect("create another app's database");
        conn.execute_batch(
            "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO contacts (name) VALUES ('Hélène Dupré');
             CREATE TABLE deals (id INTEGER PRIMARY KEY, amount REAL);",
        )
        .expect("fill it");
    }
    refused_untouched(
        &other,
        "it is an SQLite database of another application: schema version 0, tables: contacts, deals",
    );
}
