//! The `outbox` table: every iMIP e-mail, written before any byte of it goes to the SMTP server.
//!
//! Invariants:
//! - one row per (UID, SEQUENCE, METHOD, address); a `sent` row is never queued again, so one version of an invite
//!   reaches one address once;
//! - a row moves `queued → sent | retrying | failed`; `retrying` and `failed` rows go back to `queued` only when a
//!   new send plans them again; the server's last reply is kept in `reply`;
//! - queueing a newer version of an invite for an address drops that address's older versions not yet sent (they
//!   would only confuse the calendar), never a `sent` row;
//! - a `sent` row keeps no message text (see [`mark`]).

use super::{ts, Tx};
use crate::error::Result;
use crate::ical::Method;
use crate::model::Id;
use rusqlite::{params, Connection, OptionalExtension};

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Written, not yet tried.
    Queued,
    /// Accepted by the server.
    Sent,
    /// Refused for now (4xx) or cut off: tried again by the next pass or the next send.
    Retrying,
    /// Refused for good (5xx).
    Failed,
}

impl Status {
    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Sent => "sent",
            Status::Retrying => "retrying",
            Status::Failed => "failed",
        }
    }
}

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// The activity (`None` for a brief series calendar).
    pub activity_id: Option<Id>,
    /// The recipient.
    pub person_id: Id,
    /// The recipient's address.
    pub email: String,
    /// The calendar's UID.
    pub uid: String,
    /// Its SEQUENCE.
    pub sequence: i64,
    /// Its METHOD.
    pub method: Method,
    /// The Message-ID's local part.
    pub message_id: String,
    /// The whole RFC 5322 text.
    pub message: String,
}

/// A queued row, as a send reads it.
#[derive(Debug, Clone)]
pub struct Queued {
    /// Row id.
    pub id: Id,
    /// The activity, if any.
    pub activity_id: Option<Id>,
    /// The recipient.
    pub person_id: Id,
    /// The recipient's address.
    pub email: String,
    /// SEQUENCE sent.
    pub sequence: i64,
    /// `true` for a CANCEL.
    pub cancel: bool,
    /// The message text.
    pub message: String,
    /// Tries so far.
    pub attempts: i64,
}

/// Queues `messages`; returns the ids to send, in order, and how many were skipped because that version was already
/// sent to that address.
pub fn enqueue(tx: &Tx<'_>, messages: &[NewMessage]) -> Result<(Vec<Id>, usize)> {
    let now = ts(tx.now());
    let mut find = tx.prepare(
        "SELECT id, status FROM outbox WHERE uid = ?1 AND sequence = ?2 AND method = ?3 AND email = ?4",
    )?;
    let mut drop_older = tx.prepare(
        "DELETE FROM outbox WHERE uid = ?1 AND email = ?2 AND sequence < ?3 AND status <> 'sent'",
    )?;
    let mut requeue = tx.prepare(
        "UPDATE outbox SET message = ?2, message_id = ?3, status = 'queued', updated_at = ?4 WHERE id = ?1",
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO outbox (activity_id, person_id, email, uid, sequence, method, message_id, message, status,
                             queued_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued', ?9, ?9)",
    )?;
    let mut ids = Vec::with_capacity(messages.len());
    let mut skipped = 0;
    for m in messages {
        let method = m.method.as_str();
        let found: Option<(Id, String)> = find
            .query_row(params![m.uid, m.sequence, method, m.email], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        drop_older.execute(params![m.uid, m.email, m.sequence])?;
        match found {
            Some((_, status)) if status == Status::Sent.as_str() => skipped += 1,
            Some((id, _)) => {
                requeue.execute(params![id, m.message, m.message_id, now])?;
                ids.push(id);
            }
            None => {
                insert.execute(params![
                    m.activity_id,
                    m.person_id,
                    m.email,
                    m.uid,
                    m.sequence,
                    method,
                    m.message_id,
                    m.message,
                    now
                ])?;
                ids.push(tx.last_insert_rowid());
            }
        }
    }
    Ok((ids, skipped))
}

/// For each message, whether that version was already sent to that address.
pub fn already_sent<'m>(
    conn: &Connection,
    messages: impl Iterator<Item = &'m NewMessage>,
) -> Result<Vec<bool>> {
    let mut stmt = conn.prepare(
        "SELECT 1 FROM outbox WHERE uid = ?1 AND sequence = ?2 AND method = ?3 AND email = ?4 AND status = 'sent'",
    )?;
    messages
        .map(|m| Ok(stmt.exists(params![m.uid, m.sequence, m.method.as_str(), m.email])?))
        .collect()
}

/// The row `id` if it still waits to be sent (`queued` or `retrying`).
pub fn waiting(conn: &Connection, id: Id) -> Result<Option<Queued>> {
    Ok(conn
        .query_row(
            "SELECT id, activity_id, person_id, email, sequence, method, message, attempts FROM outbox
             WHERE id = ?1 AND status IN ('queued', 'retrying')",
            [id],
            |r| {
                Ok(Queued {
                    id: r.get(0)?,
                    activity_id: r.get(1)?,
                    person_id: r.get(2)?,
                    email: r.get(3)?,
                    sequence: r.get(4)?,
                    cancel: r.get::<_, String>(5)? == "CANCEL",
                    message: r.get(6)?,
                    attempts: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// Records one try of row `id`: its new status and the server's reply. A sent message's text is dropped: it is in
/// the recipient's mailbox, and keeping it would keep every attendee's name long after an erasure.
pub fn mark(tx: &Tx<'_>, id: Id, status: Status, reply: &str) -> Result<()> {
    tx.execute(
        "UPDATE outbox SET status = ?2, reply = ?3, attempts = attempts + 1, updated_at = ?4,
                message = CASE WHEN ?2 = 'sent' THEN '' ELSE message END
         WHERE id = ?1",
        params![id, status.as_str(), reply, ts(tx.now())],
    )?;
    Ok(())
}

/// How many rows have each status (for tests and the UI).
pub fn counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt =
        conn.prepare("SELECT status, count(*) FROM outbox GROUP BY status ORDER BY status")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Drops a person's messages (GDPR erasure: they hold their name and address).
pub fn delete_for_person(conn: &Connection, person: Id) -> Result<()> {
    conn.execute("DELETE FROM outbox WHERE person_id = ?1", [person])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Department;
    use crate::store::Store;
    use crate::testkit::{at, person};

    fn message(person_id: Id, sequence: i64, method: Method) -> NewMessage {
        NewMessage {
            activity_id: None,
            person_id,
            email: "ana@ex.fr".into(),
            uid: "u-1@unisson.app".into(),
            sequence,
            method,
            message_id: format!("u-1.{sequence}"),
            message: format!("text {sequence}"),
        }
    }

    fn statuses(store: &Store) -> Vec<(i64, String)> {
        let mut stmt = store
            .conn()
            .prepare("SELECT sequence, status FROM outbox ORDER BY sequence")
            .expect("select");
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query");
        rows.collect::<rusqlite::Result<_>>().expect("rows")
    }

    #[test]
    fn a_sent_version_is_never_queued_again_and_newer_versions_replace_unsent_ones() {
        let mut store = Store::open_in_memory().expect("store");
        let now = at("2027-06-14T08:00:00Z");
        let ana = store
            .write("test", now, |tx| {
                person(tx, "ana", Department::Sales, "Sud", None)
            })
            .expect("person");
        let (ids, skipped) = store
            .write("test", now, |tx| {
                enqueue(tx, &[message(ana, 1, Method::Request)])
            })
            .expect("first queue");
        assert_eq!((ids.len(), skipped), (1, 0), "a new message is queued");
        store
            .write("test", now, |tx| mark(tx, ids[0], Status::Sent, "250 ok"))
            .expect("mark sent");
        let (ids, skipped) = store
            .write("test", now, |tx| {
                enqueue(tx, &[message(ana, 1, Method::Request)])
            })
            .expect("same version again");
        assert_eq!(
            (ids.len(), skipped),
            (0, 1),
            "the version already sent is skipped, not queued"
        );
        let (ids, _) = store
            .write("test", now, |tx| {
                enqueue(tx, &[message(ana, 2, Method::Request)])
            })
            .expect("a newer version");
        assert_eq!(ids.len(), 1, "a newer SEQUENCE is a new message");
        store
            .write("test", now, |tx| {
                enqueue(tx, &[message(ana, 3, Method::Cancel)])
            })
            .expect("cancelled before sending");
        assert_eq!(
            statuses(&store),
            vec![(1, "sent".to_owned()), (3, "queued".to_owned())],
            "the unsent SEQUENCE 2 gives way to the CANCEL; the sent row stays as history"
        );
        let text: String = store
            .conn()
            .query_row(
                "SELECT message FROM outbox WHERE status = 'sent'",
                [],
                |r| r.get(0),
            )
            .expect("sent row");
        assert!(
            text.is_empty(),
            "a sent row keeps no message text (names of attendees)"
        );
    }

    #[test]
    fn a_failed_message_goes_back_to_the_queue_when_planned_again() {
        let mut store = Store::open_in_memory().expect("store");
        let now = at("2027-06-14T08:00:00Z");
        let ana = store
            .write("test", now, |tx| {
                person(tx, "ana", Department::Sales, "Sud", None)
            })
            .expect("person");
        let (ids, _) = store
            .write("test", now, |tx| {
                enqueue(tx, &[message(ana, 1, Method::Request)])
            })
            .expect("queue");
        store
            .write("test", now, |tx| {
                mark(tx, ids[0], Status::Failed, "550 no such user")
            })
            .expect("mark failed");
        assert!(
            waiting(store.conn(), ids[0]).expect("read").is_none(),
            "a failed row is not waiting"
        );
        let (again, _) = store
            .write("test", now, |tx| {
                enqueue(tx, &[message(ana, 1, Method::Request)])
            })
            .expect("queue again");
        assert_eq!(again, ids, "the same row is queued again, not a second one");
        let row = waiting(store.conn(), ids[0])
            .expect("read")
            .expect("waiting again");
        assert_eq!(row.attempts, 1, "the attempts so far are kept");
    }
}
