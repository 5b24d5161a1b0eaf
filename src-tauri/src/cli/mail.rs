//! `unisson send`: the invites as iMIP e-mail through an SMTP server, headless.
//!
//! The password comes from `UNISSON_SMTP_PASSWORD` only (never from an argument, which would show in process lists
//! and shell history) and is handed to core wrapped in a `Secret`.

use super::invites::{message, InviteScope};
use super::print_json;
use chrono::{DateTime, Utc};
use clap::Args;
use std::path::PathBuf;
use unisson_core::mail::smtp::{self, Secret, Session};
use unisson_core::ops::invites::{self, SendOptions, BACK_OFF};
use unisson_core::store::Store;

/// The environment variable holding the SMTP password.
pub const PASSWORD_ENV: &str = "UNISSON_SMTP_PASSWORD";

/// `unisson send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// Print the messages that would be sent; queue and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Whose invites, and which days.
    #[command(flatten)]
    pub scope: InviteScope,
    /// The SMTP server: smtp+starttls://user@host:587, smtps://user@host:465, or smtp://127.0.0.1:PORT (plain text,
    /// loopback only). The password comes from $UNISSON_SMTP_PASSWORD.
    #[arg(long, value_name = "URL")]
    pub smtp: Option<String>,
    /// The sender, also the ORGANIZER of the invites; default: the organizer's email in Settings.
    #[arg(long, value_name = "EMAIL")]
    pub sender: Option<String>,
    /// An extra CA certificate (PEM) to trust, for a company's own mail server.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
}

/// Sends (or previews) and prints the JSON summary.
pub fn send(store: &mut Store, args: SendArgs, now: DateTime<Utc>) -> Result<(), String> {
    let options = SendOptions {
        person_email: args.scope.person,
        from: args.scope.from,
        to: args.scope.to,
        sender: args.sender,
    };
    if args.dry_run {
        let summary = invites::send_dry_run(store, &options, now).map_err(|e| message(&e))?;
        return print_json(&summary);
    }
    let url = args.smtp.ok_or(
        "no SMTP server: pass --smtp URL (for example smtp+starttls://user@mail.example.fr:587)",
    )?;
    let mut server = smtp::parse_url(&url).map_err(|e| message(&e))?;
    server.ca_file = args.ca_file;
    let password = std::env::var(PASSWORD_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Secret::new);
    let mut session = Session::open(server, password).map_err(|e| message(&e))?;
    let summary = invites::send(
        store,
        &options,
        &mut session,
        &BACK_OFF,
        now,
        "cli",
        &mut |_| true,
    )
    .map_err(|e| message(&e))?;
    session.close();
    print_json(&summary)
}
