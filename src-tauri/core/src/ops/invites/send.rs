//! Sending invites as iMIP e-mail (RFC 6047): the same changed-only plan as the export, one message per recipient,
//! through the outbox.
//!
//! Invariants:
//! - the plan is the export's (`plan::plan` with `changed_only`): REQUESTs, CANCELs (to everyone of a cancelled
//!   activity, and to each removed attendee) and the brief series' calendars; personal "all my sessions" calendars
//!   are not mailed;
//! - every message is in the outbox, in one transaction with the batch's audit entry, before any byte of it goes
//!   out; each reply of the server is then committed on its own, so a kill loses at most the one message in flight
//!   (sent again by the next run, with the same Message-ID);
//! - the invite log moves for a message only in the transaction that marks it sent;
//! - a dry run reads only: nothing is queued, logged or audited;
//! - From is the sender, who is the ORGANIZER of every calendar sent.

use super::build::{self, Labels};
use super::folder::subject_and_body;
use super::plan::{self, File};
use super::{load, person_by_email, InviteExportOptions};
use crate::error::{Error, FieldCode, Result};
use crate::ical::imip::{self, Message};
use crate::ical::{Address, Method};
use crate::mail::smtp::{Mailer, Outcome};
use crate::model::{is_valid_email, Id};
use crate::store::outbox::{self, NewMessage, Status};
use crate::store::{invite_log, Store};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use ts_rs::TS;

/// What to send.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SendOptions {
    /// Only this person's invites (their email).
    pub person_email: Option<String>,
    /// First day (in the organisation's zone); default: from now on.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive; default: no end.
    pub to: Option<NaiveDate>,
    /// The sender, written as ORGANIZER too; default: the organizer's email in Settings.
    pub sender: Option<String>,
}

/// One message that was refused for good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SendFailure {
    /// The recipient.
    pub email: String,
    /// The activity (none for a series calendar).
    pub activity_id: Option<Id>,
    /// The server's words.
    pub reason: String,
}

/// One message a send would write (dry run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlannedMessage {
    /// The recipient.
    pub email: String,
    /// The activity (none for a series calendar).
    pub activity_id: Option<Id>,
    /// REQUEST, CANCEL or PUBLISH.
    pub method: String,
    /// The calendar's UID.
    pub uid: String,
    /// Its SEQUENCE.
    pub sequence: i64,
    /// The subject line.
    pub subject: String,
}

/// What a send did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SendSummary {
    /// Messages the server accepted.
    pub sent: usize,
    /// Messages refused for good, with the reason.
    pub failed: Vec<SendFailure>,
    /// Messages refused for now (4xx) after every pass: the next send tries them again.
    pub retrying: usize,
    /// Messages not sent because the recipient already has this version.
    pub skipped: usize,
    /// Messages left queued because the send was stopped.
    pub stopped: usize,
    /// A dry run's messages (empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<PlannedMessage>,
}

/// Where a send stands, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// Messages tried so far in this pass.
    pub done: usize,
    /// Messages of this pass.
    pub total: usize,
    /// Who the next message is for.
    pub email: &'a str,
}

/// Back-off before each further pass over the messages refused for now.
pub const BACK_OFF: [Duration; 2] = [Duration::from_secs(1), Duration::from_secs(4)];

struct Batch {
    messages: Vec<(NewMessage, PlannedMessage)>,
    unchanged: usize,
    sender: String,
}

/// The sender asked for, checked; `None` keeps the organizer of Settings.
fn sender_of(options: &SendOptions) -> Result<Option<String>> {
    match options
        .sender
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) if is_valid_email(s) => Ok(Some(s.to_owned())),
        Some(s) => Err(Error::field(
            "sender",
            FieldCode::InvalidEmail,
            format!("{s:?} is not an e-mail address"),
        )),
        None => Ok(None),
    }
}

fn one_message(
    f: &File,
    to: &plan::Recipient,
    organizer: Address<'_>,
    labels: &Labels,
    now: DateTime<Utc>,
) -> (NewMessage, PlannedMessage) {
    let (subject, body) = subject_and_body(f, labels, organizer);
    let message_id = crate::mail::message_id(&f.uid, f.sequence, f.method, &to.email);
    let text = imip::message(&Message {
        from: organizer,
        to: vec![Address {
            name: &to.name,
            email: &to.email,
        }],
        subject: &subject,
        body: &body,
        method: f.method,
        ics: &f.ics,
        date: now,
        id: &message_id,
        draft: false,
    });
    (
        NewMessage {
            activity_id: f.activity_id,
            person_id: to.person_id,
            email: to.email.clone(),
            uid: f.uid.clone(),
            sequence: f.sequence,
            method: f.method,
            message_id,
            message: text,
        },
        PlannedMessage {
            email: to.email.clone(),
            activity_id: f.activity_id,
            method: f.method.as_str().to_owned(),
            uid: f.uid.clone(),
            sequence: f.sequence,
            subject,
        },
    )
}

/// Plans the messages: the export's changed-only plan, one message per (file, recipient).
fn batch(store: &Store, options: &SendOptions, now: DateTime<Utc>) -> Result<Batch> {
    let person = person_by_email(store, options.person_email.as_deref())?;
    let export = InviteExportOptions {
        changed_only: true,
        person_email: options.person_email.clone(),
        from: options.from,
        to: options.to,
        eml: false,
    };
    let mut loaded = load(store, &export, now)?;
    if let Some(sender) = sender_of(options)? {
        loaded.settings.organizer_email = sender;
    }
    let plan = plan::plan(&loaded, &export, person.as_ref().map(|p| p.id), now)?;
    let organizer = plan::organizer(&loaded.settings)?;
    let labels = build::labels(loaded.settings.language);
    let messages = plan
        .files
        .iter()
        .filter(|f| f.method != Method::Publish || f.path.starts_with("series/"))
        .flat_map(|f| f.recipients.iter().map(move |r| (f, r)))
        .map(|(f, r)| one_message(f, r, organizer, labels, now))
        .collect();
    Ok(Batch {
        messages,
        unchanged: plan.unchanged,
        sender: organizer.email.to_owned(),
    })
}

/// What [`send`] would send, without queueing or sending anything.
pub fn dry_run(store: &Store, options: &SendOptions, now: DateTime<Utc>) -> Result<SendSummary> {
    let batch = batch(store, options, now)?;
    let already = outbox::already_sent(store.conn(), batch.messages.iter().map(|(m, _)| m))?;
    let total = batch.messages.len();
    let messages: Vec<PlannedMessage> = batch
        .messages
        .into_iter()
        .zip(already)
        .filter(|(_, sent)| !sent)
        .map(|((_, p), _)| p)
        .collect();
    Ok(SendSummary {
        skipped: batch.unchanged + (total - messages.len()),
        messages,
        ..SendSummary::default()
    })
}

/// Queues the changed-only plan's messages in the outbox, then sends each through `mailer` (one session), passing
/// again over those refused for now after each delay of `back_off`. `progress` is called before each message;
/// returning `false` stops the send (what is left stays queued for the next one).
pub fn send(
    store: &mut Store,
    options: &SendOptions,
    mailer: &mut dyn Mailer,
    back_off: &[Duration],
    now: DateTime<Utc>,
    actor: &str,
    progress: &mut dyn FnMut(Progress<'_>) -> bool,
) -> Result<SendSummary> {
    let batch = batch(store, options, now)?;
    let new: Vec<NewMessage> = batch.messages.into_iter().map(|(m, _)| m).collect();
    let (mut pending, already) = store.write(actor, now, |tx| {
        let queued = outbox::enqueue(tx, &new)?;
        tx.audit(
            "invites",
            0,
            "send",
            None::<&()>,
            Some(&(options, queued.0.len())),
        )?;
        Ok(queued)
    })?;
    let mut summary = SendSummary {
        skipped: batch.unchanged + already,
        ..SendSummary::default()
    };
    let mut delays = back_off.iter();
    loop {
        let mut again = Vec::new();
        let total = pending.len();
        for (done, &id) in pending.iter().enumerate() {
            let Some(m) = outbox::waiting(store.conn(), id)? else {
                continue;
            };
            if !progress(Progress {
                done,
                total,
                email: &m.email,
            }) {
                summary.stopped = total - done + again.len();
                return Ok(summary);
            }
            let outcome = mailer.deliver(&batch.sender, &m.email, m.message.as_bytes())?;
            let (status, reply) = match &outcome {
                Outcome::Accepted(r) => (Status::Sent, r),
                Outcome::Transient(r) => (Status::Retrying, r),
                Outcome::Permanent(r) => (Status::Failed, r),
            };
            store.write(actor, now, |tx| {
                outbox::mark(tx, m.id, status, reply)?;
                if let (Status::Sent, Some(activity)) = (status, m.activity_id) {
                    invite_log::record(tx, &[(activity, m.person_id, m.sequence, m.cancel)])?;
                }
                Ok(())
            })?;
            match status {
                Status::Sent => summary.sent += 1,
                Status::Failed => summary.failed.push(SendFailure {
                    email: m.email.clone(),
                    activity_id: m.activity_id,
                    reason: reply.clone(),
                }),
                _ => again.push(id),
            }
        }
        match delays.next() {
            Some(delay) if !again.is_empty() => {
                std::thread::sleep(*delay);
                pending = again;
            }
            _ => {
                summary.retrying = again.len();
                return Ok(summary);
            }
        }
    }
}
