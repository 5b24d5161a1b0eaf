//! The headless CLI of the real binary: it never needs a display, prints stable JSON/CSV, and fails loudly.

use serde_json::Value;
use std::process::Output;
mod common;
use common::unisson;

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
fn version_names_the_release_and_the_commit() {
    let out = unisson(&["--version"]);
    assert!(
        out.status.success(),
        "--version must succeed headless: {out:?}"
    );
    let text = stdout(&out);
    let expected = format!(
        "unisson {} ({})\n",
        env!("CARGO_PKG_VERSION"),
        unisson_lib::COMMIT
    );
    assert_eq!(
        text, expected,
        "--version tells support which release and which commit a user runs"
    );
    let commit = unisson_lib::COMMIT;
    assert!(
        commit == "unknown" || (commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "the commit is a short git hash, or \"unknown\" outside a git checkout: {commit:?}"
    );
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
        err.contains("is not a Unisson database"),
        "the error names what failed: {err}"
    );
}

#[test]
fn activity_list_cancel_and_brief_rota_on_the_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.sqlite");
    let db = db.to_str().expect("utf-8 path");
    assert!(
        unisson(&["demo", "--db", db]).status.success(),
        "demo must fill a new database"
    );

    let out = unisson(&[
        "activity",
        "list",
        "--db",
        db,
        "--kind",
        "shadowing",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "activity list must succeed: {out:?}");
    let list: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    assert!(!list.is_empty(), "the demo has shadowing days");
    for key in [
        "id",
        "kind",
        "title",
        "start",
        "end",
        "zone",
        "site",
        "status",
        "uid",
        "sequence",
        "participants",
    ] {
        assert!(
            list[0].get(key).is_some(),
            "each record has `{key}`, the documented JSON shape"
        );
    }
    for key in ["email", "role", "status"] {
        assert!(
            list[0]["participants"][0].get(key).is_some(),
            "each participant has `{key}`"
        );
    }
    assert!(
        list.iter().all(|a| a["kind"] == "shadowing"),
        "--kind filters"
    );

    let target = list
        .iter()
        .find(|a| a["status"] != "cancelled" && a["status"] != "done")
        .expect("an open activity");
    let id = target["id"].as_i64().expect("id").to_string();
    let out = unisson(&["activity", "cancel", "--db", db, "--id", &id]);
    assert!(out.status.success(), "cancel must succeed: {out:?}");
    let cancelled: Value = serde_json::from_str(&stdout(&out)).expect("the cancelled record");
    assert_eq!(
        cancelled["status"], "cancelled",
        "the activity is cancelled, not deleted"
    );
    assert_eq!(
        cancelled["sequence"].as_i64(),
        target["sequence"].as_i64().map(|s| s + 1),
        "a cancellation is re-sent with a higher SEQUENCE"
    );

    let email = target["participants"][0]["email"].as_str().expect("email");
    let out = unisson(&["activity", "list", "--db", db, "--person", email]);
    let mine: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    assert!(
        mine.iter().all(|a| a["participants"]
            .as_array()
            .is_some_and(|p| p.iter().any(|x| x["email"] == email))),
        "--person keeps only that person's activities"
    );

    let series = list_series(db);
    let out = unisson(&[
        "brief", "rota", "--db", db, "--series", &series, "--next", "4",
    ]);
    assert!(out.status.success(), "rota preview must succeed: {out:?}");
    let rota: Value = serde_json::from_str(&stdout(&out)).expect("rota JSON");
    let filled = rota["assignments"].as_array().map_or(0, Vec::len)
        + rota["kept"].as_array().map_or(0, Vec::len)
        + rota["gaps"].as_array().map_or(0, Vec::len);
    assert_eq!(
        filled, 4,
        "every one of the next 4 occurrences is assigned, kept or reported as a gap: {rota}"
    );
}

/// The id of the first brief series, found through a brief occurrence.
fn list_series(db: &str) -> String {
    let out = unisson(&["activity", "list", "--db", db, "--kind", "brief"]);
    let briefs: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("briefs");
    briefs[0]["seriesId"]
        .as_i64()
        .expect("a brief belongs to a series")
        .to_string()
}

#[test]
fn bad_activity_arguments_are_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("empty.sqlite");
    let db = db.to_str().expect("utf-8 path");
    let made = unisson(&["init", "--db", db]);
    assert!(
        made.status.success(),
        "init makes the empty database the arguments are checked against: {made:?}"
    );
    let out = unisson(&["activity", "list", "--db", db, "--kind", "party"]);
    assert!(
        !out.status.success(),
        "an unknown kind is an error, not an empty list"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("shadowing"),
        "the error lists the valid kinds"
    );
    let out = unisson(&["activity", "cancel", "--db", db, "--id", "999"]);
    assert!(!out.status.success(), "cancelling a missing activity fails");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not found"),
        "the error says what is missing"
    );
}

#[test]
fn unisson_now_fixes_the_clock_of_every_subcommand_and_a_bad_value_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("clock.sqlite");
    let db = db.to_str().expect("utf-8 path");
    // A day no test run will ever be on, so only UNISSON_NOW can put the demo there.
    let at = "2031-07-09T08:00:00Z";
    let run = |args: &[&str], now: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_unisson"))
            .args(args)
            .env("UNISSON_NOW", now)
            .env_remove("UNISSON_DB")
            .output()
            .expect("run the unisson binary")
    };
    common::json(&run(&["demo", "--db", db], at));
    let list = common::json(&run(&["activity", "list", "--db", db], at));
    let starts: Vec<&str> = list
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|a| a["start"].as_str())
        .collect();
    assert!(
        !starts.is_empty(),
        "the demo has activities around its clock"
    );
    assert!(
        starts.iter().all(|s| s.starts_with("2031-")),
        "the demo is built around UNISSON_NOW, not the system clock: {starts:?}"
    );
    assert!(
        starts.iter().any(|s| *s < at) && starts.iter().any(|s| *s > at),
        "the demo quarter has a past and a future around the fixed instant: {starts:?}"
    );

    let bad = run(&["people", "list", "--db", db], "2031-02-30");
    assert!(
        !bad.status.success(),
        "a clock that is not an instant must stop the command, not run on today"
    );
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("UNISSON_NOW") && err.contains("RFC 3339"),
        "the error names the variable and the expected form: {err}"
    );
}
