//! Scheduling rules. Every create or change of an activity, from any page, the CLI or a drag, goes through
//! [`check`], which returns specific findings naming the people, dates and rule involved. Errors block the change;
//! warnings need the user's confirmation, which the ops layer records in the audit log.
//!
//! The check reads the database as it is (other activities, absences, seats) and the proposed activity as given; it
//! never writes. Cancelled activities, and participants who are not coming (declined, waitlisted, removed), occupy
//! nobody.

pub mod halfday;
pub mod lifecycle;
mod normalize;
mod rules;
pub mod series;
pub mod when;

pub use normalize::{direction, normalize, MAX_TITLE_CHARS};
pub use rules::{check, coming};

use crate::model::text_enum;
use crate::model::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// How serious a finding is.
    Severity {
        /// Blocks the change.
        Error => "error",
        /// Needs a confirmation.
        Warning => "warning",
    }
}

text_enum! {
    /// Which rule a finding comes from.
    ClashRule {
        /// A person is in two places at once.
        DoubleBooking => "double_booking",
        /// A person is away.
        Absence => "absence",
        /// A company holiday.
        Holiday => "holiday",
        /// A host would receive more visitors than allowed in a half-day.
        HostCapacity => "host_capacity",
        /// More participants than a training's seats.
        TrainingCapacity => "training_capacity",
        /// More people on site than its desks.
        Seats => "seats",
        /// On a Saturday or Sunday.
        Weekend => "weekend",
        /// A sales brief with no marketer in the room.
        BriefWithoutMarketer => "brief_without_marketer",
        /// A training's marketing/sales mix is not met.
        MixRule => "mix_rule",
        /// An inactive person is planned.
        InactivePerson => "inactive_person",
    }
}

/// One problem with a proposed activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Finding {
    /// The rule.
    pub rule: ClashRule,
    /// Error or warning.
    pub severity: Severity,
    /// An English sentence naming people, dates and rule (the UI builds its own from the fields below).
    pub message: String,
    /// The people concerned.
    pub people: Vec<Id>,
    /// Their names, in the same order.
    pub person_names: Vec<String>,
    /// The local dates concerned.
    pub dates: Vec<NaiveDate>,
    /// Other activities involved (the one clashed with, ...).
    pub activities: Vec<Id>,
    /// Their titles, in the same order.
    pub activity_titles: Vec<String>,
    /// A number the rule is about (the limit that is exceeded, the share that is missing, ...).
    pub limit: Option<i64>,
    /// The department a mix rule finding is about.
    pub department: Option<crate::model::Department>,
    /// The reason of an absence or the name of a holiday.
    pub reason: Option<String>,
}

impl Finding {
    fn new(rule: ClashRule, severity: Severity, message: String) -> Self {
        Finding {
            rule,
            severity,
            message,
            people: Vec::new(),
            person_names: Vec::new(),
            dates: Vec::new(),
            activities: Vec::new(),
            activity_titles: Vec::new(),
            limit: None,
            department: None,
            reason: None,
        }
    }

    /// Whether this finding blocks the change.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
