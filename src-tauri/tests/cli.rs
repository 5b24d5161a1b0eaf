//! The headless CLI of the real binary: it never needs a display, prints stable JSON/CSV, and fails loudly.

use serde_json::Value;
use std::process::{Command, Output};

fn unisson(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unisson"))
        .args(args)
        // A subcommand must work on a server or in CI: no display of any kind.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("UNISSON_DB")
        .output()
        .expect("run the unisson binary")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn help_lists_the_subcommands_without_a_display() {
    let out = unisson(&["--help"]);
    assert!(
        out.status.success(),
        "--help must succeed headless: {out:?}"
    );
    let text = stdout(&out);
    for sub in ["demo", "people"] {
        assert!(
            text.contains(sub),
            "--help must list `{sub}` so users can discover it:\n{text}"
        );
    }
}

#[test]
fn demo_then_people_list_in_json_and_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("nested").join("demo.sqlite");
    let db = db.to_str().expect("utf-8 path");

    let out = unisson(&["demo", "--db", db, "--seed", "7"]);
    assert!(
        out.status.success(),
        "demo must fill a new database: {out:?}"
    );
    let summary: Value = serde_json::from_str(&stdout(&out)).expect("demo prints a JSON summary");
    assert_eq!(summary["people"], 120, "the default demo has 120 staff");

    let out = unisson(&["people", "list", "--db", db, "--format", "json"]);
    assert!(out.status.success(), "people list must succeed: {out:?}");
    let rows: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    assert_eq!(rows.len(), 120, "everyone is listed");
    for key in [
        "id",
        "fullName",
        "email",
        "department",
        "team",
        "siteName",
        "managerName",
        "active",
    ] {
        assert!(
            rows[0].get(key).is_some(),
            "each record has `{key}`, the documented JSON shape"
        );
    }

    let out = unisson(&["people", "list", "--db", db, "--format", "csv"]);
    assert!(out.status.success(), "CSV listing must succeed: {out:?}");
    let csv = stdout(&out);
    assert_eq!(
        csv.lines().count(),
        121,
        "a header line plus one line per person"
    );
    assert!(
        csv.starts_with("id;full_name;email;"),
        "French Excel expects `;` by default:\n{}",
        &csv[..80]
    );

    let again = unisson(&["demo", "--db", db]);
    assert!(
        !again.status.success(),
        "the demo must refuse a database that already has people"
    );
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("already has people"),
        "the error says why: {err}"
    );
}

#[test]
fn a_bad_database_path_fails_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let not_a_db = dir.path().join("notes.txt");
    std::fs::write(
        &not_a_db,
        "this is not a database, just text long enough to have a header page",
    )
    .expect("write");
    let out = unisson(&["people", "list", "--db", not_a_db.to_str().expect("path")]);
    assert!(
        !out.status.success(),
        "a file that is not a database must not be treated as empty"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot open"),
        "the error names what failed: {err}"
    );
}
