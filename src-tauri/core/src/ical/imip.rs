//! iMIP messages (RFC 6047): what `unisson send` hands to the SMTP server, and the .eml a manager opens in Outlook or
//! Thunderbird and sends.
//!
//! The message is `multipart/mixed`: a `multipart/alternative` with a plain-text part, the same text as HTML and a
//! `text/calendar; method=…` part carrying the .ics, then the same .ics attached as `invite.ics` for clients that only
//! look at attachments. A draft has `X-Unsent: 1`, which makes Outlook open it with a Send button.
//!
//! Invariants: CRLF everywhere; every header line is ASCII (names and subjects are RFC 2047 encoded words, bodies are
//! base64), so no name or title can add a header or a MIME part; the boundary cannot occur in base64 text.

use super::model::{Address, Method};
use super::text::clean_text;
use chrono::{DateTime, Utc};

/// What to put in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message<'a> {
    /// Sender (the organizer).
    pub from: Address<'a>,
    /// Recipients.
    pub to: Vec<Address<'a>>,
    /// Subject line.
    pub subject: &'a str,
    /// Plain-text body.
    pub body: &'a str,
    /// The calendar's METHOD (the `method` parameter of the calendar part).
    pub method: Method,
    /// The .ics text.
    pub ics: &'a str,
    /// Date header.
    pub date: DateTime<Utc>,
    /// A unique id (letters, digits, `.`, `-`), without `<>` or domain.
    pub id: &'a str,
    /// An .eml to open and send by hand (`X-Unsent: 1`), rather than a message sent as it is.
    pub draft: bool,
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, on one line.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_body(out: &mut String, bytes: &[u8]) {
    let encoded = base64(bytes);
    for line in encoded.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(line).unwrap_or(""));
        out.push_str("\r\n");
    }
}

/// `text` as RFC 2047 encoded words (each at most 75 characters), separated by CRLF + space; plain ASCII words are
/// kept as they are.
fn encoded_words(text: &str) -> String {
    let text = clean_text(text).replace('\n', " ");
    if text.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        && !text.contains("=?")
        && text.len() < 60
    {
        return text;
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

fn mailbox(a: &Address<'_>) -> String {
    let name = clean_text(a.name).replace('\n', " ");
    let email: String = a
        .email
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"<>\",;".contains(*c))
        .collect();
    if name.is_empty() {
        return format!("<{email}>");
    }
    let simple = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-' || c == '.');
    if simple && name.len() < 60 {
        format!("\"{name}\" <{email}>")
    } else {
        format!("{} <{email}>", encoded_words(&name))
    }
}

/// The body text as a minimal HTML document (escaped, one paragraph per blank-line-separated block).
pub fn html_of(body: &str) -> String {
    let escaped = body
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let paragraphs: Vec<String> = escaped
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.trim_matches('\n').replace('\n', "<br>")))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{}\n</body></html>\n",
        paragraphs.join("\n")
    )
}

fn part(out: &mut String, boundary: &str, headers: &str, bytes: &[u8]) {
    out.push_str(&format!(
        "--{boundary}\r\n{headers}\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    ));
    base64_body(out, bytes);
}

/// The full text of the message for `m`.
pub fn message(m: &Message<'_>) -> String {
    let id: String =
        m.id.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
            .take(120)
            .collect();
    let mixed = format!("=_unisson_m_{id}");
    let alternative = format!("=_unisson_a_{id}");
    let mut out = String::with_capacity(m.ics.len() * 3 + 4096);
    out.push_str("From: ");
    out.push_str(&mailbox(&m.from));
    out.push_str("\r\nTo: ");
    let to: Vec<String> = m.to.iter().map(mailbox).collect();
    out.push_str(&to.join(",\r\n "));
    out.push_str("\r\nSubject: ");
    out.push_str(&encoded_words(m.subject));
    out.push_str("\r\nDate: ");
    out.push_str(&m.date.format("%a, %d %b %Y %H:%M:%S +0000").to_string());
    out.push_str(&format!("\r\nMessage-ID: <{id}@unisson.app>\r\n"));
    out.push_str("MIME-Version: 1.0\r\n");
    if m.draft {
        out.push_str("X-Unsent: 1\r\n");
    }
    out.push_str(&format!(
        "Content-Type: multipart/mixed; boundary=\"{mixed}\"\r\n\r\n--{mixed}\r\nContent-Type: multipart/alternative; boundary=\"{alternative}\"\r\n\r\n"
    ));
    let body = m.body.replace("\r\n", "\n").replace('\n', "\r\n");
    part(
        &mut out,
        &alternative,
        "Content-Type: text/plain; charset=UTF-8",
        body.as_bytes(),
    );
    part(
        &mut out,
        &alternative,
        "Content-Type: text/html; charset=UTF-8",
        html_of(m.body).as_bytes(),
    );
    let method = m.method.as_str();
    part(
        &mut out,
        &alternative,
        &format!("Content-Type: text/calendar; charset=UTF-8; method={method}"),
        m.ics.as_bytes(),
    );
    out.push_str(&format!("--{alternative}--\r\n"));
    part(
        &mut out,
        &mixed,
        "Content-Type: application/ics; name=\"invite.ics\"\r\nContent-Disposition: attachment; filename=\"invite.ics\"",
        m.ics.as_bytes(),
    );
    out.push_str(&format!("--{mixed}--\r\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(
                base64(plain.as_bytes()),
                encoded,
                "RFC 4648 §10 test vector for {plain:?}"
            );
        }
    }

    #[test]
    fn headers_stay_ascii_and_cannot_be_injected() {
        let from = Address {
            name: "Hélène Dupré",
            email: "helene@example.fr",
        };
        let evil = Address {
            name: "Eve\r\nBcc: all@example.com",
            email: "eve@example.fr",
        };
        let text = message(&Message {
            from,
            to: vec![evil],
            subject: "Invitation : Vis ma vie ☕\r\nX-Evil: 1",
            body: "Bonjour",
            method: Method::Request,
            ics: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            date: DateTime::from_timestamp(1_740_000_000, 0).unwrap_or_default(),
            id: "abc.0.request",
            draft: true,
        });
        let headers = text.split("\r\n\r\n").next().unwrap_or("");
        assert!(
            headers.is_ascii(),
            "header lines must be ASCII (RFC 5322):\n{headers}"
        );
        for line in headers.split("\r\n") {
            assert!(
                !line.starts_with("Bcc") && !line.starts_with("X-Evil"),
                "a name or a subject must not add a header: {line:?}"
            );
        }
        assert!(
            text.contains("Content-Type: text/calendar; charset=UTF-8; method=REQUEST"),
            "RFC 6047 needs the method on the calendar part"
        );
        assert!(
            text.contains("X-Unsent: 1"),
            "Outlook opens the message as a draft to send"
        );
    }
}
