//! The binary's one clock. Core never reads the time: every use case takes `now` as a value, and the shell gets it
//! here, so that a test or a demo can fix it for the whole process.
//!
//! `UNISSON_NOW` (RFC 3339, e.g. `2027-06-15T09:00:00Z`) stops the clock at that instant for the app and every
//! subcommand: the demo, retention, reports, exports, audit times. Unset, it is the system clock. A value that is not
//! RFC 3339 is refused at start-up by [`check`], so a mistyped date never silently runs on today.

use chrono::{DateTime, Utc};

/// The environment variable that fixes the clock.
pub const VAR: &str = "UNISSON_NOW";

/// The current instant: `UNISSON_NOW` if set (and valid), else the system clock.
pub fn now() -> DateTime<Utc> {
    fixed_instant().unwrap_or_else(Utc::now)
}

/// The instant `UNISSON_NOW` fixes, if it is set and valid (the UI takes it as its own "now").
pub fn fixed_instant() -> Option<DateTime<Utc>> {
    fixed().ok().flatten()
}

/// Refuses an unreadable `UNISSON_NOW` with a message that names the variable, the value and the expected form.
pub fn check() -> Result<(), String> {
    fixed().map(|_| ())
}

/// The fixed instant, if `UNISSON_NOW` is set; an error if it is set but is not RFC 3339.
fn fixed() -> Result<Option<DateTime<Utc>>, String> {
    match std::env::var(VAR) {
        Ok(text) => parse(&text).map(Some),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{VAR} is not valid text")),
    }
}

fn parse(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            format!("{VAR}={text:?} is not an RFC 3339 instant such as 2027-06-15T09:00:00Z ({e})")
        })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_rfc3339_with_any_offset_as_utc() {
        let t = parse("2027-03-28T03:30:00+02:00").expect("an offset is RFC 3339");
        assert_eq!(
            t.to_rfc3339(),
            "2027-03-28T01:30:00+00:00",
            "the instant is kept and expressed in UTC"
        );
    }

    #[test]
    fn refuses_a_bare_date_with_a_message_naming_the_variable() {
        let err = parse("2027-02-29").expect_err("a bare day is not an instant");
        assert!(
            err.contains("UNISSON_NOW") && err.contains("2027-06-15T09:00:00Z"),
            "the message says which variable and what form is expected: {err}"
        );
    }
}
