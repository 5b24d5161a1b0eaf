//! `unisson export` and `unisson import-ics` through the real binary: the folder and its JSON summary, "changed
//! only", a person's filter, dry-run previews, replies, and clear errors for malformed files.

use std::path::Path;
mod common;
use common::{json, unisson};

fn demo(dir: &Path) -> String {
    let db = dir.join("demo.sqlite").to_str().expect("utf-8").to_owned();
    json(&unisson(&["demo", "--db", &db]));
    db
}

#[test]
fn export_writes_the_folder_then_only_what_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let out = dir.path().join("invites");
    let summary = json(&unisson(&[
        "export",
        "--db",
        &db,
        "--out",
        out.to_str().expect("path"),
        "--eml",
    ]));
    assert!(
        summary["requests"].as_u64().unwrap_or(0) > 10,
        "the demo quarter has upcoming activities: {summary}"
    );
    assert_eq!(
        summary["emails"],
        summary["requests"].as_u64().unwrap_or(0) + summary["cancels"].as_u64().unwrap_or(0),
        "one .eml per invite"
    );
    let index = std::fs::read_to_string(out.join("index.csv")).expect("index.csv");
    assert!(
        index.starts_with("\u{feff}file;method;recipient_name;recipient_email"),
        "BOM + ; for French Excel"
    );
    assert_eq!(
        index.lines().count() as u64,
        1 + summary["deliveries"].as_u64().unwrap_or(0),
        "one row per delivery"
    );

    let again = dir.path().join("again");
    let quiet = json(&unisson(&[
        "export",
        "--db",
        &db,
        "--out",
        again.to_str().expect("path"),
        "--changed-only",
    ]));
    assert_eq!(
        quiet["requests"], 0,
        "nothing changed since the last export: {quiet}"
    );
    assert_eq!(quiet["cancels"], 0, "nothing was cancelled: {quiet}");

    let refused = unisson(&["export", "--db", &db, "--out", out.to_str().expect("path")]);
    assert!(!refused.status.success(), "a used folder is refused");
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("not empty"),
        "the error says why"
    );
}

#[test]
fn export_for_one_person_and_a_date_range() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    // Chosen by query, not by position: the demo is built around "now", so who takes part in something depends on the
    // day. A recipient of the full export surely has a delivery of their own.
    let all = dir.path().join("all");
    json(&unisson(&[
        "export",
        "--db",
        &db,
        "--out",
        all.to_str().expect("path"),
    ]));
    let index = std::fs::read_to_string(all.join("index.csv")).expect("index.csv");
    let email = index
        .lines()
        .skip(1)
        .find(|l| l.contains(";REQUEST;"))
        .and_then(|l| l.split(';').nth(3))
        .expect("the demo's full export has at least one REQUEST delivery")
        .to_owned();
    let out = dir.path().join("mine");
    let summary = json(&unisson(&[
        "export",
        "--db",
        &db,
        "--out",
        out.to_str().expect("path"),
        "--person",
        &email,
        "--from",
        "2000-01-01",
        "--to",
        "2100-12-31",
    ]));
    let index = std::fs::read_to_string(out.join("index.csv")).expect("index.csv");
    assert!(
        index.lines().skip(1).all(|l| l.contains(&email)),
        "every delivery is for {email}:\n{index}"
    );
    assert!(
        summary["deliveries"].as_u64().unwrap_or(0) >= 1,
        "they take part in something: {summary}"
    );
    let bad = unisson(&[
        "export",
        "--db",
        &db,
        "--out",
        dir.path().join("x").to_str().expect("p"),
        "--person",
        "nobody@nowhere.fr",
    ]);
    assert!(
        !bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("nobody@nowhere.fr"),
        "an unknown person is named"
    );
}

#[test]
fn import_ics_previews_then_imports_holidays_and_reports_bad_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let file = dir.path().join("feries.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\nBEGIN:VEVENT\r\nUID:x@y\r\nDTSTART;VALUE=DATE:20990714\r\nDTEND;VALUE=DATE:20990715\r\nSUMMARY:Fête nationale\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("write");
    let path = file.to_str().expect("path");
    let preview = json(&unisson(&["import-ics", "--db", &db, path, "--dry-run"]));
    assert_eq!(preview["dryRun"], true, "a dry run says so");
    assert_eq!(
        preview["absences"][0]["firstDay"], "2099-07-14",
        "the preview shows the day: {preview}"
    );
    assert_eq!(preview["added"], 1, "one absence would be added");
    let done = json(&unisson(&["import-ics", "--db", &db, path]));
    assert_eq!(done["added"], 1, "the holiday is imported: {done}");
    let twice = json(&unisson(&["import-ics", "--db", &db, path]));
    assert_eq!(
        twice["added"], 0,
        "the same file adds nothing the second time"
    );

    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("write");
    let bad = unisson(&["import-ics", "--db", &db, path]);
    assert!(!bad.status.success(), "a malformed file fails");
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("line 3") && err.contains("DTSTART"),
        "the error names the line and the property: {err}"
    );
    std::fs::write(&file, b"BEGIN:VCALENDAR\r\nSUMMARY:\xff\xfe\r\n").expect("write");
    let err =
        String::from_utf8_lossy(&unisson(&["import-ics", "--db", &db, path]).stderr).into_owned();
    assert!(
        err.contains("line 2") && err.contains("UTF-8"),
        "bad bytes are located: {err}"
    );
}

#[test]
fn import_ics_applies_a_reply_to_an_exported_invite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let out = dir.path().join("out");
    json(&unisson(&[
        "export",
        "--db",
        &db,
        "--out",
        out.to_str().expect("path"),
    ]));
    let index = std::fs::read_to_string(out.join("index.csv")).expect("index");
    let row: Vec<&str> = index
        .lines()
        .find(|l| l.contains(";REQUEST;"))
        .expect("a REQUEST row")
        .split(';')
        .collect();
    let (email, uid, sequence) = (row[3], row[9], row[8]);
    let stamp = common::now().format("%Y%m%dT%H%M%SZ");
    let reply = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:{stamp}\r\nSEQUENCE:{sequence}\r\nATTENDEE;PARTSTAT=DECLINED;CN=\"X\":mailto:{email}\r\nDTSTART:20990101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let file = dir.path().join("reply.ics");
    std::fs::write(&file, reply).expect("write");
    let report = json(&unisson(&[
        "import-ics",
        "--db",
        &db,
        file.to_str().expect("path"),
    ]));
    assert_eq!(report["kind"], "replies", "METHOD:REPLY is read as replies");
    assert_eq!(
        report["replies"][0]["outcome"], "applied",
        "the answer is recorded: {report}"
    );
    assert_eq!(report["replies"][0]["to"], "declined", "as declined");
}

#[test]
fn import_ics_expands_a_repeating_absence_and_reports_the_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    // Every Wednesday, no end, one week skipped: expanded over two years, the cut reported.
    let file = dir.path().join("mercredis.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\nBEGIN:VEVENT\r\nUID:w@x\r\n\
         DTSTART;VALUE=DATE:20270106\r\nDTEND;VALUE=DATE:20270107\r\nRRULE:FREQ=WEEKLY;BYDAY=WE\r\n\
         EXDATE;VALUE=DATE:20270113\r\nSUMMARY:Mercredi off\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("write");
    let report = json(&unisson(&[
        "import-ics",
        "--db",
        &db,
        file.to_str().expect("path"),
        "--dry-run",
    ]));
    let days: Vec<&str> = report["absences"]
        .as_array()
        .expect("absences")
        .iter()
        .filter_map(|a| a["firstDay"].as_str())
        .collect();
    assert_eq!(
        days.first().copied(),
        Some("2027-01-06"),
        "the first Wednesday is the first absence: {report}"
    );
    assert!(
        !days.contains(&"2027-01-13") && days.contains(&"2027-01-20"),
        "the EXDATE is left out, the next Wednesday kept"
    );
    assert_eq!(
        report["capped"][0]["kept"].as_u64(),
        Some(days.len() as u64),
        "an endless rule is cut and says how many days it kept: {report}"
    );
    assert!(
        days.len() > 100 && days.len() < 106,
        "about two years of Wednesdays: {}",
        days.len()
    );
}
