//! The error vocabulary shared with the UI: [`ErrorCode`] (what kind of failure) and [`FieldCode`] (what is wrong
//! with one input field). Both cross the IPC boundary and the CLI's JSON as snake_case strings and are exported to
//! TypeScript, where each language's translation table is a `Record` over them, so a code without French or English
//! text does not compile.
//!
//! Invariants: every variant is listed once in its `codes!` block, which gives its wire string; `ALL` lists every
//! variant; serde, `as_str` and `Display` all use that one string. Adding a code is one line here plus its text in
//! `ui/src/lib/i18n/codes.fr.ts` and `codes.en.ts`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares a code enum whose variants carry their wire string, with `ALL`, `as_str`, `Display` and comparison with
/// a `&str` (so tests and logs can still name a code by its text).
macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $text:tt, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum $name {
            $( $(#[doc = $doc])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as sent to the UI and printed by the CLI.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }
    };
}

codes! {
    /// What kind of failure a command met. The UI branches on it and shows its own translation of it.
    pub enum ErrorCode {
        /// One or more fields break a rule; see the field errors.
        Validation = "validation",
        /// The entity asked for does not exist (any more).
        NotFound = "not_found",
        /// A site still used by people or activities cannot be deleted.
        SiteInUse = "site_in_use",
        /// The database could not be read, written or migrated.
        Storage = "storage",
        /// A file could not be read or written.
        Io = "io",
        /// The database was written by a newer Unisson.
        TooNew = "too_new",
        /// Nothing at the path holds a Unisson database, and the command does not create one.
        NoDatabase = "no_database",
        /// The file is not a Unisson database (a text file, another application's SQLite file); it was not touched.
        NotUnissonDatabase = "not_a_unisson_database",
        /// A new database was asked for where one already exists; nothing was changed.
        DatabaseExists = "database_exists",
        /// An .ics file could not be read.
        InvalidIcs = "invalid_ics",
        /// The change breaks a scheduling rule.
        Clash = "clash",
        /// The change raises warnings the user must confirm.
        NeedsConfirmation = "needs_confirmation",
        /// The SMTP server could not be reached or spoke unexpectedly.
        Smtp = "smtp",
        /// The SMTP server refused the login.
        SmtpAuth = "smtp_auth",
        /// The SMTP server does not offer STARTTLS, so nothing is sent in plain text.
        SmtpNoStarttls = "smtp_no_starttls",
        /// The extra CA file cannot be read or is not a PEM certificate.
        SmtpCaFile = "smtp_ca_file",
        /// A login is set but no password was given.
        SmtpPasswordMissing = "smtp_password_missing",
        /// A failure outside the core (the shell's own problems: a poisoned lock, a missing directory).
        Internal = "internal",
    }
}

codes! {
    /// What is wrong with one input field. The UI shows its translation next to the field.
    pub enum FieldCode {
        /// The field is empty but must be filled.
        Required = "required",
        /// The value is not acceptable for this field (a generic refusal; the message says why).
        Invalid = "invalid",
        /// The text is longer than the field allows.
        TooLong = "too_long",
        /// The number is below the field's minimum.
        TooSmall = "too_small",
        /// The number is above the field's maximum.
        TooLarge = "too_large",
        /// The number cannot be negative.
        Negative = "negative",
        /// The number must be whole.
        NotWhole = "not_whole",
        /// A share is outside 0–100 %.
        OutOfRange = "out_of_range",
        /// Too many items in a list (people, rows, ...).
        TooMany = "too_many",
        /// A chart or series would have too many points.
        TooManyPoints = "too_many_points",
        /// An email address is malformed.
        InvalidEmail = "invalid_email",
        /// An email address is already someone else's.
        DuplicateEmail = "duplicate_email",
        /// A name is already used.
        DuplicateName = "duplicate_name",
        /// A department alias is already in the table.
        DuplicateAlias = "duplicate_alias",
        /// A label is missing in one of the languages.
        MissingLabel = "missing_label",
        /// An activity spans more days than allowed.
        TooManyDays = "too_many_days",
        /// The time zone is not an IANA name this build knows.
        UnknownTimezone = "unknown_timezone",
        /// A local time is not valid (malformed, or skipped by a daylight-saving change).
        InvalidTime = "invalid_time",
        /// A period (month, quarter, year) is malformed.
        InvalidPeriod = "invalid_period",
        /// A date range ends before it starts.
        InvalidRange = "invalid_range",
        /// The last day of a period is before its first.
        BeforeFrom = "before_from",
        /// The end comes before the start.
        EndBeforeStart = "end_before_start",
        /// A recurrence rule is malformed or unsupported.
        InvalidRrule = "invalid_rrule",
        /// The site does not exist.
        UnknownSite = "unknown_site",
        /// The manager does not exist.
        UnknownManager = "unknown_manager",
        /// The person does not exist.
        UnknownPerson = "unknown_person",
        /// A person would be their own manager.
        SelfManager = "self_manager",
        /// A manager choice would make a reporting loop.
        ManagerCycle = "manager_cycle",
        /// A column named in a request does not exist.
        UnknownColumn = "unknown_column",
        /// A shadowing pair does not join marketing with the field.
        InvalidDirection = "invalid_direction",
        /// A person is listed twice among the participants.
        DuplicateParticipant = "duplicate_participant",
        /// A host already hosts on as many days this month as allowed.
        HostDaysPerMonth = "host_days_per_month",
        /// The status change is not allowed from the current status.
        InvalidTransition = "invalid_transition",
        /// The value cannot change once set (e.g. an activity's kind).
        Immutable = "immutable",
        /// There is no earlier state to go back to.
        NothingToUndo = "nothing_to_undo",
        /// An import was already undone.
        AlreadyUndone = "already_undone",
        /// People of an import were changed since, so it cannot be undone.
        ChangedSince = "changed_since",
        /// Not yet possible: the activity has not started (attendance, debriefs).
        NotYet = "not_yet",
        /// Only shadowing days and trainings are debriefed.
        NotDebriefed = "not_debriefed",
        /// A cancelled activity has no debrief.
        Cancelled = "cancelled",
        /// The person is not a participant of the activity.
        NotParticipant = "not_participant",
        /// The person's role on the activity is not one that debriefs.
        RoleNotDebriefed = "role_not_debriefed",
        /// The person did not attend (declined, waitlisted, no-show, excused or removed).
        NotAttended = "not_attended",
        /// The attendance mark is not one of attended, no-show, excused.
        InvalidMark = "invalid_mark",
        /// Changing an attendance already recorded needs a reason.
        ReasonRequired = "reason_required",
        /// The person was anonymised; their record cannot change.
        Anonymised = "anonymised",
        /// The output folder is not empty.
        NotEmpty = "not_empty",
        /// The organiser's name or email is not set.
        OrganizerMissing = "organizer_missing",
        /// Nobody to invite.
        NoAttendees = "no_attendees",
        /// An invite cannot be written from this data (a value is empty or malformed).
        InvalidInvite = "invalid_invite",
        /// The SMTP server address is not a usable URL (scheme, port, plain text off loopback, a password in it).
        InvalidSmtpUrl = "invalid_smtp_url",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    /// Each code serialises to its `as_str` text and reads back from it, and the texts are unique snake_case.
    fn travel_as_their_text<T>(all: &[T], text: fn(T) -> &'static str)
    where
        T: Copy + Eq + std::fmt::Debug + Serialize + DeserializeOwned,
    {
        for code in all {
            let wire = serde_json::to_value(code).unwrap_or_default();
            assert_eq!(
                wire.as_str(),
                Some(text(*code)),
                "serde and as_str must agree for {code:?}, or the UI misreads it"
            );
            let back: T = serde_json::from_value(wire)
                .unwrap_or_else(|e| panic!("{code:?} must read back from its text: {e}"));
            assert_eq!(
                back, *code,
                "the text of {code:?} must name it and nothing else"
            );
        }
        let mut texts: Vec<&str> = all.iter().map(|c| text(*c)).collect();
        for t in &texts {
            assert!(
                !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{t:?} must be snake_case: scripts and logs match on it"
            );
        }
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), all.len(), "two variants share a wire text");
    }

    #[test]
    fn error_codes_travel_as_their_text() {
        travel_as_their_text(ErrorCode::ALL, ErrorCode::as_str);
        assert_eq!(
            ErrorCode::NeedsConfirmation.to_string(),
            "needs_confirmation",
            "Display prints the wire text, which the CLI and logs show"
        );
    }

    #[test]
    fn field_codes_travel_as_their_text() {
        travel_as_their_text(FieldCode::ALL, FieldCode::as_str);
        assert!(
            FieldCode::InvalidEmail == "invalid_email" && "required" == FieldCode::Required,
            "a code compares equal to its text, so tests may name it either way"
        );
    }
}
