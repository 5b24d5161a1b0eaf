//! `unisson people import` and `unisson people export` through the real binary: JSON report, exit codes, no database
//! created by an import (HR's first import goes into one made by `unisson init`), and an export that imports back
//! unchanged.

use serde_json::Value;
use std::path::Path;
use std::process::Output;
mod common;
use common::{init, unisson};

fn fixture(name: &str) -> String {
    format!(
        "{}/../tests/fixtures/csv/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn report(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("a JSON report on stdout ({e}): {out:?}"))
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn import_into_a_new_database_reports_in_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("new").join("hr.sqlite");
    let file = fixture("excel_fr_cp1252.csv");

    let out = unisson(&["people", "import", "--db", path(&db), &file]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an import into a mistyped path must fail, not start an organisation there: {out:?}"
    );
    assert!(
        !dir.path().join("new").exists(),
        "a refused import creates no folder and no database"
    );
    init(path(&db));

    let out = unisson(&[
        "people",
        "import",
        "--db",
        path(&db),
        &file,
        "--dry-run",
        "--create-missing",
    ]);
    assert!(out.status.success(), "a clean dry run succeeds: {out:?}");
    let dry = report(&out);
    assert_eq!(
        dry["created"], 5,
        "the dry run says what would be created: {dry}"
    );
    assert_eq!(dry["encoding"], "windows1252", "and how the file was read");
    assert_eq!(dry["applied"], false, "a dry run writes nothing");

    let out = unisson(&[
        "people",
        "import",
        "--db",
        path(&db),
        &file,
        "--create-missing",
    ]);
    assert!(out.status.success(), "the import succeeds: {out:?}");
    let done = report(&out);
    for key in ["created", "updated", "unchanged", "deactivated", "errors"] {
        assert!(
            done.get(key).is_some(),
            "the report has `{key}`, the documented shape: {done}"
        );
    }
    assert_eq!(done["created"], 5, "five people created");
    assert!(
        done["importId"].as_i64().is_some(),
        "the import can be referred to for undo"
    );

    let out = unisson(&["people", "list", "--db", path(&db), "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON list");
    assert!(
        rows.iter().any(|r| r["fullName"] == "Zoé Cœur"),
        "accents from Windows-1252 are stored intact"
    );
}

#[test]
fn bad_files_exit_non_zero_with_every_error_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("hr.sqlite");
    init(path(&db));
    let out = unisson(&[
        "people",
        "import",
        "--db",
        path(&db),
        &fixture("manager_cycle.csv"),
        "--strict",
    ]);
    assert!(
        !out.status.success(),
        "strict mode with a bad line imports nothing, so it fails"
    );
    let r = report(&out);
    let errors = r["errors"].as_array().expect("errors array");
    assert_eq!(errors.len(), 2, "both lines of the loop are reported: {r}");
    assert_eq!(
        (
            errors[0]["line"].as_u64(),
            errors[0]["field"].as_str(),
            errors[0]["code"].as_str()
        ),
        (Some(2), Some("manager"), Some("manager_cycle")),
        "each error has a line, a field and a reason code"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nothing could be imported"),
        "stderr says why it failed: {stderr}"
    );

    let out = unisson(&[
        "people",
        "import",
        "--db",
        path(&db),
        &fixture("manager_cycle.csv"),
    ]);
    assert!(
        out.status.success(),
        "without --strict the valid line goes in, so it succeeds: {out:?}"
    );
    assert_eq!(report(&out)["created"], 1, "only the line outside the loop");

    let out = unisson(&[
        "people",
        "import",
        "--db",
        path(&db),
        &fixture("problems_tab.csv"),
        "--delimiter",
        ";",
    ]);
    assert!(
        !out.status.success(),
        "a forced wrong delimiter finds no email column and imports nothing"
    );
    let out = unisson(&[
        "people",
        "import",
        "--db",
        path(&db),
        &fixture("problems_tab.csv"),
        "--encoding",
        "ebcdic",
    ]);
    assert!(!out.status.success(), "an unknown encoding is refused");
}

#[test]
fn export_writes_excel_csv_that_imports_back_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.sqlite");
    let out_file = dir.path().join("annuaire.csv");
    assert!(
        unisson(&["demo", "--db", path(&db)]).status.success(),
        "demo database"
    );

    let out = unisson(&[
        "people",
        "export",
        "--db",
        path(&db),
        "--out",
        path(&out_file),
    ]);
    assert!(out.status.success(), "export succeeds: {out:?}");
    let bytes = std::fs::read(&out_file).expect("exported file");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFid;full_name;email;"),
        "UTF-8 BOM and ; for French Excel"
    );

    let out = unisson(&[
        "people",
        "import",
        "--db",
        path(&db),
        path(&out_file),
        "--deactivate-missing",
    ]);
    assert!(out.status.success(), "our export imports: {out:?}");
    let r = report(&out);
    assert_eq!(
        (
            r["created"].as_u64(),
            r["updated"].as_u64(),
            r["deactivated"].as_u64(),
            r["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(0), Some(120)),
        "a round trip changes nothing: {r}"
    );

    let out = unisson(&[
        "people",
        "export",
        "--db",
        path(&db),
        "--out",
        path(&out_file),
        "--delimiter",
        ",",
    ]);
    assert!(out.status.success(), "export with , succeeds: {out:?}");
    let text = std::fs::read_to_string(&out_file).expect("exported file");
    assert!(
        text.starts_with("\u{feff}id,full_name,email,"),
        "the , option is honoured"
    );
}
