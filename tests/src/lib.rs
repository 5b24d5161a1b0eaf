//! Unisson's acceptance tests live in `tests/` (one file per property) and the fixtures they load in `fixtures/`.
//! The `crash-writer` binary is the child process that `tests/crash_safety.rs` kills mid-write.
