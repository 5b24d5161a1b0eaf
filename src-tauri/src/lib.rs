//! Unisson's shell: the Tauri app (state, commands, plugins) and the headless CLI, in one binary. It holds no rules of
//! its own: commands and subcommands lock the store, pass `now` and the actor to `unisson_core::ops`, and map errors.

pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod error;
pub mod state;

use clap::Parser;

/// The git commit this binary was built from (short hash), or "unknown" when built outside a git checkout.
pub const COMMIT: &str = env!("UNISSON_COMMIT");

/// What `unisson --version` prints after the name: the version and the commit, e.g. `0.1.0 (3f0dda7c1a)`.
pub const VERSION_AND_COMMIT: &str =
    concat!(env!("CARGO_PKG_VERSION"), " (", env!("UNISSON_COMMIT"), ")");
use std::process::ExitCode;

/// Parses the command line and runs the CLI or the app.
pub fn main() -> ExitCode {
    let args = cli::Args::parse();
    if let Err(message) = clock::check() {
        eprintln!("unisson: {message}");
        return ExitCode::FAILURE;
    }
    match args.command {
        Some(command) => cli::run(command, args.db),
        None => app::run(args.db),
    }
}
