//! What every CLI test file needs: run the real binary headless, and read its JSON.
#![allow(dead_code)] // each test binary uses its own part of this module

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use std::process::{Command, Output};

/// The instant the binary under test takes as "now": `UNISSON_NOW` when the run fixes the clock (CI runs these tests
/// at several dates; the child inherits the variable), else the system clock. Tests derive their periods from this,
/// never from the wall clock alone, so they agree with the demo the binary builds around the same instant.
pub fn now() -> DateTime<Utc> {
    match std::env::var("UNISSON_NOW") {
        Ok(text) => DateTime::parse_from_rfc3339(&text)
            .expect("UNISSON_NOW must be RFC 3339 for the tests too")
            .with_timezone(&Utc),
        Err(_) => Utc::now(),
    }
}

/// The day of [`now`] in UTC.
pub fn today() -> NaiveDate {
    now().date_naive()
}

/// Runs the `unisson` binary with `args`, as on a server or in CI: no display of any kind, no database from the
/// environment.
pub fn unisson(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unisson"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("UNISSON_DB")
        .output()
        .expect("run the unisson binary")
}

/// The JSON a successful command printed.
pub fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "the command must succeed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON document on stdout")
}

/// Creates an empty Unisson database at `db` with `unisson init` (the other commands need one there).
pub fn init(db: &str) {
    let out = unisson(&["init", "--db", db]);
    assert!(
        out.status.success(),
        "init must create an empty database at {db}: {out:?}"
    );
}
