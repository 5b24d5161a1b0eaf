//! SMTP delivery: the server's settings (read from a URL such as `smtp+starttls://user@host:587`) and one session per
//! batch of messages.
//!
//! Invariants:
//! - plain text only to a loopback address; `smtp+starttls` requires STARTTLS (never falls back to plain text);
//! - certificates are verified against the operating system's store, plus an optional extra CA file;
//! - the password is never in a message, a `Debug` output or an error ([`Secret`] redacts itself);
//! - a negative reply to one message resets the transaction (RSET) and keeps the session; a dropped connection is
//!   reopened once for the message in hand, so a batch goes on after a server restart.

use crate::error::{Error, ErrorCode, FieldCode, Result};
use lettre::address::{Address as MailAddress, Envelope};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::response::Response;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587); the upgrade is required.
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only to a loopback address (a local relay or a test server).
    Plain,
}

/// Where and how to reach the SMTP server (everything but the password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpServer {
    /// Protection of the connection.
    pub security: Security,
    /// Host name or IP address.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Login, if the server wants AUTH.
    pub username: Option<String>,
    /// An extra CA certificate (PEM) to trust, for a company's own mail server.
    pub ca_file: Option<PathBuf>,
}

/// A password that never shows itself in `Debug` or `Display` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a password.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

fn url_error(message: impl Into<String>) -> Error {
    Error::field("smtp", FieldCode::InvalidSmtpUrl, message)
}

fn percent_decode(text: &str) -> Result<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| url_error(format!("bad %-escape in the user name {text:?}")))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| url_error("the user name is not UTF-8"))
}

/// Whether `host` is a loopback address (`127.0.0.0/8`, `::1` or `localhost`).
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Reads `smtp+starttls://user@host:587`, `smtps://user@host:465` or `smtp://127.0.0.1:2525` (loopback only). A
/// password in the URL is refused: it would end up in shell history and process lists.
pub fn parse_url(url: &str) -> Result<SmtpServer> {
    let (scheme, rest) = url.split_once("://").ok_or_else(|| {
        url_error(format!(
            "{url:?} is not a URL like smtp+starttls://user@host:587"
        ))
    })?;
    let (security, default_port) = match scheme.to_ascii_lowercase().as_str() {
        "smtp+starttls" => (Security::StartTls, 587),
        "smtps" => (Security::Tls, 465),
        "smtp" => (Security::Plain, 25),
        other => {
            return Err(url_error(format!(
            "unknown scheme {other:?}: use smtp+starttls://, smtps:// or smtp:// (loopback only)"
        )))
        }
    };
    let rest = rest.trim_end_matches('/');
    let (user, hostport) = match rest.rsplit_once('@') {
        Some((user, hostport)) => (Some(user), hostport),
        None => (None, rest),
    };
    if user.is_some_and(|u| u.contains(':')) {
        return Err(url_error(
            "put no password in the URL: set UNISSON_SMTP_PASSWORD or the secret store instead",
        ));
    }
    let (host, port) = match hostport.rsplit_once(':').filter(|(h, _)| !h.ends_with(':')) {
        Some((host, port)) if !host.is_empty() && !port.contains(']') => {
            let port = port
                .parse::<u16>()
                .map_err(|_| url_error(format!("bad port {port:?} in {url:?}")))?;
            (host, port)
        }
        _ => (hostport, default_port),
    };
    if host.is_empty() {
        return Err(url_error(format!("no host in {url:?}")));
    }
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    if security == Security::Plain && !is_loopback(&host) {
        return Err(url_error(format!(
            "smtp:// sends in plain text, allowed only to a loopback address, not {host}: use smtp+starttls:// or smtps://"
        )));
    }
    Ok(SmtpServer {
        security,
        host,
        port,
        username: user
            .map(percent_decode)
            .transpose()?
            .filter(|u| !u.is_empty()),
        ca_file: None,
    })
}

/// What the server said about one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted (2xx); the server's reply.
    Accepted(String),
    /// Refused for now (4xx, or the connection dropped twice): try again later.
    Transient(String),
    /// Refused for good (5xx): the reason.
    Permanent(String),
}

/// Something that delivers messages one by one over one session.
pub trait Mailer {
    /// Delivers `message` from `from` to `to`. `Err` means the whole batch cannot go on (the server cannot be
    /// reached, TLS or login failed); a refusal of this one message is an [`Outcome`].
    fn deliver(&mut self, from: &str, to: &str, message: &[u8]) -> Result<Outcome>;
}

/// One SMTP session, reopened when the server drops it.
pub struct Session {
    server: SmtpServer,
    password: Option<Secret>,
    tls: Option<TlsParameters>,
    conn: Option<SmtpConnection>,
    connections: usize,
}

fn smtp_error(what: &str, server: &SmtpServer, e: &lettre::transport::smtp::Error) -> Error {
    Error::Mail {
        code: ErrorCode::Smtp,
        message: format!("{what} {}:{}: {e}", server.host, server.port),
    }
}

fn reply_text(r: &Response) -> String {
    let lines: Vec<&str> = r.message().collect();
    format!("{} {}", r.code(), lines.join(" "))
}

impl Session {
    /// Connects, upgrades to TLS and logs in, so a wrong setting is reported before anything is queued to send.
    pub fn open(server: SmtpServer, password: Option<Secret>) -> Result<Session> {
        let tls = match server.security {
            Security::Plain => None,
            _ => {
                let mut builder = TlsParameters::builder(server.host.clone());
                if let Some(path) = &server.ca_file {
                    let pem = std::fs::read(path).map_err(|e| Error::Mail {
                        code: ErrorCode::SmtpCaFile,
                        message: format!("cannot read the CA file {}: {e}", path.display()),
                    })?;
                    let cert = Certificate::from_pem(&pem).map_err(|e| Error::Mail {
                        code: ErrorCode::SmtpCaFile,
                        message: format!("{} is not a PEM certificate: {e}", path.display()),
                    })?;
                    builder = builder.add_root_certificate(cert);
                }
                Some(
                    builder
                        .build_native()
                        .map_err(|e| smtp_error("TLS setup for", &server, &e))?,
                )
            }
        };
        if server.username.is_some() && password.is_none() {
            return Err(Error::Mail {
                code: ErrorCode::SmtpPasswordMissing,
                message: format!(
                    "no password for {}: set UNISSON_SMTP_PASSWORD or store it in Settings",
                    server.username.as_deref().unwrap_or_default()
                ),
            });
        }
        let mut session = Session {
            server,
            password,
            tls,
            conn: None,
            connections: 0,
        };
        session.conn = Some(session.connect()?);
        Ok(session)
    }

    /// How many connections were opened so far (1 when nothing dropped).
    pub fn connections(&self) -> usize {
        self.connections
    }

    fn connect(&mut self) -> Result<SmtpConnection> {
        let s = &self.server;
        let hello = ClientId::default();
        let timeout = Some(Duration::from_secs(30));
        let implicit = if s.security == Security::Tls {
            self.tls.as_ref()
        } else {
            None
        };
        let mut conn =
            SmtpConnection::connect((s.host.as_str(), s.port), timeout, &hello, implicit, None)
                .map_err(|e| smtp_error("cannot connect to", s, &e))?;
        if s.security == Security::StartTls {
            if !conn.can_starttls() {
                conn.abort();
                return Err(Error::Mail {
                    code: ErrorCode::SmtpNoStarttls,
                    message: format!(
                        "{}:{} does not offer STARTTLS: refusing to send in plain text",
                        s.host, s.port
                    ),
                });
            }
            if let Some(tls) = &self.tls {
                conn.starttls(tls, &hello)
                    .map_err(|e| smtp_error("STARTTLS failed with", s, &e))?;
            }
        }
        if let (Some(user), Some(password)) = (&s.username, &self.password) {
            conn.auth(
                &[Mechanism::Plain, Mechanism::Login],
                &Credentials::new(user.clone(), password.0.clone()),
            )
            .map_err(|e| Error::Mail {
                code: ErrorCode::SmtpAuth,
                message: format!("{}:{} refused the login of {user}: {e}", s.host, s.port),
            })?;
        }
        self.connections += 1;
        Ok(conn)
    }

    fn transact(
        conn: &mut SmtpConnection,
        envelope: &Envelope,
        message: &[u8],
    ) -> std::result::Result<Response, lettre::transport::smtp::Error> {
        conn.command(Mail::new(envelope.from().cloned(), vec![]))?;
        for to in envelope.to() {
            conn.command(Rcpt::new(to.clone(), vec![]))?;
        }
        conn.command(Data)?;
        // The body and its final dot in one write: lettre's `message` writes them separately, and the small second
        // write then waits for the server's delayed ACK (Nagle), about 40 ms per message.
        conn.command(DataBody(message))
    }

    /// Says goodbye (QUIT); errors are ignored, everything was already delivered or not.
    pub fn close(mut self) {
        if let Some(mut conn) = self.conn.take() {
            let _ = conn.quit();
        }
    }
}

/// A message body as sent after DATA: dot-stuffed (RFC 5321 §4.5.2), CRLF-terminated, then the lone dot.
struct DataBody<'m>(&'m [u8]);

impl std::fmt::Display for DataBody<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = String::from_utf8_lossy(self.0);
        for line in text.split_inclusive("\r\n") {
            if line.starts_with('.') {
                f.write_str(".")?;
            }
            f.write_str(line)?;
        }
        if !text.ends_with("\r\n") {
            f.write_str("\r\n")?;
        }
        f.write_str(".\r\n")
    }
}

fn address(email: &str, field: &str) -> Result<MailAddress> {
    email.parse::<MailAddress>().map_err(|e| {
        Error::field(
            field,
            FieldCode::InvalidEmail,
            format!("{email:?} is not an e-mail address: {e}"),
        )
    })
}

impl Mailer for Session {
    fn deliver(&mut self, from: &str, to: &str, message: &[u8]) -> Result<Outcome> {
        let to = match address(to, "email") {
            Ok(a) => a,
            Err(e) => return Ok(Outcome::Permanent(e.to_string())),
        };
        let envelope = Envelope::new(Some(address(from, "sender")?), vec![to])
            .map_err(|e| Error::field("email", FieldCode::InvalidEmail, e.to_string()))?;
        let mut dropped = String::new();
        for _ in 0..2 {
            let mut conn = match self.conn.take() {
                Some(c) if !c.has_broken() => c,
                _ => self.connect()?,
            };
            match Self::transact(&mut conn, &envelope, message) {
                Ok(reply) => {
                    self.conn = Some(conn);
                    return Ok(Outcome::Accepted(reply_text(&reply)));
                }
                Err(e) if e.is_transient() || e.is_permanent() => {
                    // The session stays usable after a refusal: start a fresh mail transaction.
                    if conn.command(Rset).is_ok() {
                        self.conn = Some(conn);
                    } else {
                        conn.abort();
                    }
                    let reason = e.to_string();
                    return Ok(if e.is_transient() {
                        Outcome::Transient(reason)
                    } else {
                        Outcome::Permanent(reason)
                    });
                }
                Err(e) => {
                    conn.abort();
                    dropped = e.to_string();
                }
            }
        }
        Ok(Outcome::Transient(format!(
            "connection lost twice: {dropped}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_give_security_host_port_and_user() {
        let s = parse_url("smtp+starttls://marie%40exemple.fr@mail.exemple.fr:587")
            .expect("a STARTTLS URL");
        assert_eq!(
            (s.security, s.host.as_str(), s.port, s.username.as_deref()),
            (
                Security::StartTls,
                "mail.exemple.fr",
                587,
                Some("marie@exemple.fr")
            ),
            "the user name is %-decoded and the port read"
        );
        let s = parse_url("smtps://relay.exemple.fr").expect("an implicit TLS URL");
        assert_eq!(
            (s.security, s.port, s.username),
            (Security::Tls, 465, None),
            "smtps defaults to port 465"
        );
        let s = parse_url("smtp://127.0.0.1:2525").expect("plain text to loopback");
        assert_eq!(
            (s.security, s.port),
            (Security::Plain, 2525),
            "plain text is allowed to 127.0.0.1"
        );
        assert!(
            parse_url("smtp://[::1]:2525").is_ok(),
            "::1 is loopback too"
        );
    }

    #[test]
    fn plain_text_off_loopback_and_passwords_in_urls_are_refused() {
        let e = parse_url("smtp://mail.exemple.fr:25").expect_err("plain text to a remote host");
        assert!(
            e.to_string().contains("loopback"),
            "the error must say why: {e}"
        );
        let e = parse_url("smtps://u:hunter2@mail.exemple.fr").expect_err("a password in the URL");
        assert!(
            !e.to_string().contains("hunter2"),
            "the error must not repeat the password: {e}"
        );
        assert!(
            parse_url("http://x").is_err(),
            "only SMTP schemes are accepted"
        );
        assert!(
            parse_url("smtps://host:99999").is_err(),
            "a port above 65535 is refused"
        );
    }

    #[test]
    fn data_bodies_are_dot_stuffed_and_end_with_the_lone_dot() {
        assert_eq!(
            DataBody(b"a\r\n.b\r\n..\r\nc").to_string(),
            "a\r\n..b\r\n...\r\nc\r\n.\r\n",
            "a line starting with a dot gets one more (else the server would cut the message there)"
        );
        assert_eq!(
            DataBody(b"x\r\n").to_string(),
            "x\r\n.\r\n",
            "no blank line is added"
        );
    }

    #[test]
    fn a_secret_never_prints_itself() {
        let s = Secret::new("hunter2");
        assert!(
            !format!("{s:?}").contains("hunter2"),
            "Debug must redact the password"
        );
    }
}
