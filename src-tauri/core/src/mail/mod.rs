//! E-mail for invites (iMIP, RFC 6047): message identity and the SMTP transport. The messages themselves are built
//! by [`crate::ical::imip`]; what to send comes from the invite plan in `ops::invites`, queued in `store::outbox`.
//!
//! Invariants: a message's Message-ID depends only on its UID, SEQUENCE, METHOD and recipient, so the same invite
//! sent twice (after a crash between the server's "250" and our commit) carries the same id and a client or the
//! server can drop the copy; nothing here reads the clock.

pub mod smtp;

use crate::ical::Method;

/// FNV-1a, 64 bits: a stable fingerprint (not a secret) that keeps recipients' addresses out of Message-IDs.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The local part of the Message-ID of one invite to one recipient: the UID's letters and digits, the SEQUENCE, the
/// METHOD and a fingerprint of the (lower-cased) recipient.
pub fn message_id(uid: &str, sequence: i64, method: Method, recipient: &str) -> String {
    let uid: String = uid
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '.'
            }
        })
        .take(80)
        .collect();
    format!(
        "{uid}.{sequence}.{}.{:016x}",
        method.as_str().to_ascii_lowercase(),
        fnv1a(&recipient.trim().to_lowercase())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_follow_uid_sequence_method_and_recipient() {
        let a = message_id("u-1@unisson.app", 3, Method::Request, "Marie@exemple.fr");
        assert_eq!(
            a,
            message_id("u-1@unisson.app", 3, Method::Request, "marie@exemple.fr "),
            "the same invite to the same person has the same id whatever the case of the address"
        );
        for other in [
            message_id("u-1@unisson.app", 4, Method::Request, "marie@exemple.fr"),
            message_id("u-1@unisson.app", 3, Method::Cancel, "marie@exemple.fr"),
            message_id("u-1@unisson.app", 3, Method::Request, "paul@exemple.fr"),
            message_id("u-2@unisson.app", 3, Method::Request, "marie@exemple.fr"),
        ] {
            assert_ne!(
                a, other,
                "a new SEQUENCE, METHOD, recipient or UID must give a new Message-ID"
            );
        }
        assert!(
            !a.contains("marie") && !a.contains('@'),
            "the recipient's address is not readable in the id, and the local part has no '@': {a}"
        );
    }
}
