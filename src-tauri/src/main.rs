//! Entry point: a subcommand runs headless and exits; no subcommand opens the app window.

fn main() -> std::process::ExitCode {
    unisson_lib::main()
}
