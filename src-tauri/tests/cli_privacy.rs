//! `unisson person export` and `unisson person erase` on the real binary, against the demo.

use serde_json::Value;
use std::process::Output;
mod common;
use common::unisson;

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON on stdout ({e}): {out:?}"))
}

/// The demo database and its busiest person's (email, name, participations), counted from `activity list`.
fn demo(dir: &std::path::Path) -> (String, String, String, usize) {
    let db = dir.join("demo.sqlite").to_str().expect("utf-8").to_owned();
    let out = unisson(&["demo", "--db", &db, "--seed", "3"]);
    assert!(out.status.success(), "the demo must build: {out:?}");
    let out = unisson(&[
        "activity",
        "list",
        "--db",
        &db,
        "--from",
        "2000-01-01",
        "--to",
        "2100-12-31",
    ]);
    assert!(out.status.success(), "activity list must succeed: {out:?}");
    let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for a in json(&out).as_array().expect("array") {
        for p in a["participants"].as_array().expect("participants") {
            let key = (
                p["email"].as_str().expect("email").to_owned(),
                p["name"].as_str().expect("name").to_owned(),
            );
            *counts.entry(key).or_default() += 1;
        }
    }
    let ((email, name), n) = counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .expect("someone takes part");
    (db, email, name, n)
}

#[test]
fn person_export_writes_every_participation_and_prints_its_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, email, _, expected) = demo(dir.path());
    let out_dir = dir.path().join("acces");
    let out = unisson(&[
        "person",
        "export",
        "--db",
        &db,
        "--email",
        &email,
        "--out",
        out_dir.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "person export must succeed: {out:?}");
    let summary = json(&out);
    let files: Vec<&str> = summary["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    for name in [
        "access.json",
        "participations.csv",
        "profile.csv",
        "audit.csv",
    ] {
        assert!(files.contains(&name), "the summary lists {name}: {summary}");
        assert!(out_dir.join(name).is_file(), "{name} is written");
    }
    let access: Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("access.json")).expect("read"))
            .expect("json");
    assert_eq!(
        access["participations"].as_array().map(Vec::len),
        Some(expected),
        "the export holds as many participations as `activity list` shows for {email}"
    );
    let csv = std::fs::read_to_string(out_dir.join("participations.csv")).expect("csv");
    assert_eq!(
        csv.lines().count(),
        expected + 1,
        "one CSV line per participation, plus the header"
    );
    let again = unisson(&[
        "person",
        "export",
        "--db",
        &db,
        "--email",
        &email,
        "--out",
        out_dir.to_str().expect("utf-8"),
    ]);
    assert!(
        !again.status.success(),
        "a non-empty folder is refused rather than mixed: {again:?}"
    );
}

#[test]
fn person_erase_previews_without_yes_and_erases_with_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, email, name, expected) = demo(dir.path());
    let out = unisson(&["person", "erase", "--db", &db, "--email", &email]);
    assert!(
        !out.status.success(),
        "without --yes nothing is erased and the exit code says so: {out:?}"
    );
    let preview = json(&out);
    assert_eq!(
        preview["email"],
        email.as_str(),
        "the preview names who would be erased"
    );
    assert_eq!(
        preview["participations"], expected,
        "the preview counts the participations kept"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--yes"),
        "the refusal says how to confirm: {stderr}"
    );
    let list = unisson(&["people", "list", "--db", &db]);
    assert!(
        String::from_utf8_lossy(&list.stdout).contains(&email),
        "a refused erasure changes nothing"
    );

    let out = unisson(&["person", "erase", "--db", &db, "--email", &email, "--yes"]);
    assert!(out.status.success(), "with --yes the erasure runs: {out:?}");
    assert_eq!(
        json(&out)["participations"],
        expected,
        "the erasure did what the preview said"
    );
    for args in [
        vec!["people", "list", "--db", &db],
        vec![
            "activity",
            "list",
            "--db",
            &db,
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
        ],
    ] {
        let text = String::from_utf8_lossy(&unisson(&args).stdout).into_owned();
        assert!(
            !text.contains(&email) && !text.contains(&name),
            "`{}` must no longer show {name} <{email}>",
            args.join(" ")
        );
    }
    let again = unisson(&["person", "erase", "--db", &db, "--email", &email, "--yes"]);
    assert!(
        !again.status.success(),
        "the old email no longer finds anyone: {again:?}"
    );
}
