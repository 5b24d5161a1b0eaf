//! The app and the CLI read an .ics file through the same core function: the same file gives the same report, and a
//! file that is not UTF-8 gives the same line-numbered `invalid_ics` refusal through both faces (the app once said
//! only "file error", because it decoded the file itself).

mod common;
mod ipc_support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use unisson_core::store::{OpenMode, Store};

/// A company holiday, as a calendar exported from Outlook; line 6 holds the only non-ASCII text ("Fête").
fn holiday(summary: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for line in [
        b"BEGIN:VCALENDAR".as_slice(),
        b"VERSION:2.0",
        b"PRODID:-//Test//Jours feries//FR",
        b"BEGIN:VEVENT",
        b"UID:fete-du-travail-2027@test",
    ] {
        out.extend_from_slice(line);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"SUMMARY:");
    out.extend_from_slice(summary);
    out.extend_from_slice(b"\r\n");
    for line in [
        b"DTSTART;VALUE=DATE:20270501".as_slice(),
        b"DTEND;VALUE=DATE:20270502",
        b"END:VEVENT",
        b"END:VCALENDAR",
    ] {
        out.extend_from_slice(line);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// "Fête du Travail" as Windows-1252 writes it: `ê` is the single byte 0xEA, which is not UTF-8.
const CP1252_SUMMARY: &[u8] = b"F\xEAte du Travail";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the .ics file");
    path
}

/// The two faces on two empty organisations: the app (IPC, in-memory store) and the CLI (a database file).
struct Faces {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Faces {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("organisation.sqlite");
        Store::open_with(&db, OpenMode::CreateNew, common::now())
            .expect("an empty organisation for the CLI");
        Faces { dir, db }
    }

    fn app(&self, file: &Path) -> Result<Value, Value> {
        let (_app, window) = ipc_support::app();
        ipc_support::invoke(
            &window,
            "ics_import",
            json!({ "path": file, "options": { "personEmail": null, "dryRun": true } }),
        )
    }

    fn cli(&self, file: &Path) -> std::process::Output {
        let (db, file) = (self.db.to_string_lossy(), file.to_string_lossy());
        common::unisson(&["import-ics", "--db", &db, &file, "--dry-run"])
    }
}

#[test]
fn a_windows_1252_file_is_refused_alike_by_the_app_and_the_cli() {
    let faces = Faces::new();
    let file = write(faces.dir.path(), "feries.ics", &holiday(CP1252_SUMMARY));

    let err = faces
        .app(&file)
        .expect_err("a file that is not UTF-8 cannot be imported by the app");
    assert_eq!(
        err["code"], "invalid_ics",
        "the app names the problem (not a file-system `io` error), so the UI says the file is not a readable .ics: {err}"
    );
    let message = err["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("line 6") && message.contains("UTF-8"),
        "the app's message points at the line with the Windows-1252 byte and says why: {message:?}"
    );

    let out = faces.cli(&file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the CLI refuses the same file: {stderr}"
    );
    assert!(
        stderr.contains(message),
        "the CLI gives the very message the app gives, since both decode through core: app {message:?}, CLI {stderr:?}"
    );
}

#[test]
fn a_utf8_file_gives_the_same_report_through_the_app_and_the_cli() {
    let faces = Faces::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec(); // Notepad's BOM, which core drops
    bytes.extend(holiday("Fête du Travail".as_bytes()));
    let file = write(faces.dir.path(), "feries.ics", &bytes);

    let app = faces
        .app(&file)
        .expect("the app reads a UTF-8 file with a BOM");
    let cli = common::json(&faces.cli(&file));
    assert_eq!(
        app, cli,
        "the same file previews the same way in the app and in the CLI"
    );
    assert_eq!(
        app["absences"][0]["reason"], "Fête du Travail",
        "the holiday is read with its accent intact: {app}"
    );
}
