//! What every CLI test file needs: run the real binary headless, and read its JSON.
#![allow(dead_code)] // each test binary uses its own part of this module

use serde_json::Value;
use std::process::{Command, Output};

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
