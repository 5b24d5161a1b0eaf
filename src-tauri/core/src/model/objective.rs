//! Shared objectives: a target for a department, measured over each period of its cadence while it is active.
//!
//! Invariants (checked by [`ObjectiveInput::validated`], so the UI, the CLI and the demo obey the same rules):
//! - the title is required (at most [`MAX_NAME_CHARS`] characters);
//! - a count metric ([`ObjectiveMetric::is_percent`] false) has a whole target from 1 to [`MAX_COUNT_TARGET`]; a
//!   percentage metric has a target above 0 and at most 100;
//! - `active_to`, when set, is not before `active_from`.
//!
//! What each metric counts is stated in `crate::report::objectives`.

use super::{check_text, text_enum, Department, Id, MAX_NAME_CHARS};
use crate::error::{Error, FieldError, Result};
use crate::FieldCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest per-person or per-team count an objective may ask for in one period.
pub const MAX_COUNT_TARGET: f64 = 1000.0;

text_enum! {
    /// What an objective measures (the counting rules are in `crate::report::objectives`).
    ObjectiveMetric {
        /// Each active person of the department has at least N shadowing days as visitor in the period.
        EachPersonVisits => "each_person_visits",
        /// Each team of the department hosts at least N shadowing days in the period.
        EachTeamHosts => "each_team_hosts",
        /// At least X% of the brief occurrences of the department's teams have a marketer attending.
        BriefsWithMarketer => "briefs_with_marketer",
        /// At least X% of the trainings have both marketing and sales among their attendees.
        MixedTrainings => "mixed_trainings",
        /// Each active person of the department has at least N exchanges of any kind in the period.
        EachPersonExchanges => "each_person_exchanges",
    }
}

impl ObjectiveMetric {
    /// Whether the target is a percentage (otherwise a count per person or per team).
    pub fn is_percent(self) -> bool {
        matches!(
            self,
            ObjectiveMetric::BriefsWithMarketer | ObjectiveMetric::MixedTrainings
        )
    }
}

text_enum! {
    /// How often an objective is measured.
    Cadence {
        /// Each calendar month.
        Month => "month",
        /// Each calendar quarter.
        Quarter => "quarter",
        /// Each calendar year.
        Year => "year",
    }
}

/// A stored objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Objective {
    /// Database id.
    #[ts(type = "number")]
    pub id: Id,
    /// What people call it, e.g. "Chaque marketeur en immersion chaque trimestre".
    pub title: String,
    /// The department it is set for.
    pub department: Department,
    /// What is measured.
    pub metric: ObjectiveMetric,
    /// A count per person or team, or a percentage (see [`ObjectiveMetric::is_percent`]).
    pub target: f64,
    /// The period it is measured over.
    pub cadence: Cadence,
    /// First day it applies.
    pub active_from: NaiveDate,
    /// Last day it applies, inclusive; `None` while it runs on.
    pub active_to: Option<NaiveDate>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// An objective as the user types it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ObjectiveInput {
    /// Title.
    pub title: String,
    /// Department.
    pub department: Department,
    /// Metric.
    pub metric: ObjectiveMetric,
    /// Target: a whole count, or a percentage.
    pub target: f64,
    /// Cadence.
    pub cadence: Cadence,
    /// First day it applies.
    pub active_from: NaiveDate,
    /// Last day it applies, inclusive.
    pub active_to: Option<NaiveDate>,
}

impl ObjectiveInput {
    /// Trims and checks the input; returns the cleaned copy or every field error at once.
    pub fn validated(&self) -> Result<ObjectiveInput> {
        let mut errors: Vec<FieldError> = Vec::new();
        let title = check_text(&mut errors, "title", &self.title, true, MAX_NAME_CHARS);
        let t = self.target;
        if self.metric.is_percent() {
            if !(t > 0.0 && t <= 100.0) {
                errors.push(FieldError::new(
                    "target",
                    FieldCode::OutOfRange,
                    "a percentage target is above 0 and at most 100",
                ));
            }
        } else if !t.is_finite() || t < 1.0 {
            errors.push(FieldError::new(
                "target",
                FieldCode::TooSmall,
                "a count target is at least 1",
            ));
        } else if t.fract() != 0.0 || t > MAX_COUNT_TARGET {
            errors.push(FieldError::new(
                "target",
                FieldCode::NotWhole,
                format!("a count target is a whole number up to {MAX_COUNT_TARGET}"),
            ));
        }
        if self.active_to.is_some_and(|to| to < self.active_from) {
            errors.push(FieldError::new(
                "activeTo",
                FieldCode::EndBeforeStart,
                "the last day cannot be before the first",
            ));
        }
        if errors.is_empty() {
            Ok(ObjectiveInput {
                title,
                ..self.clone()
            })
        } else {
            Err(Error::Validation(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(metric: ObjectiveMetric, target: f64) -> ObjectiveInput {
        ObjectiveInput {
            title: "  Objectif  ".into(),
            department: Department::Marketing,
            metric,
            target,
            cadence: Cadence::Quarter,
            active_from: NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"),
            active_to: None,
        }
    }

    fn codes(r: Result<ObjectiveInput>) -> Vec<(String, String)> {
        r.expect_err("invalid")
            .fields()
            .iter()
            .map(|f| (f.field.clone(), f.code.to_string()))
            .collect()
    }

    #[test]
    fn targets_are_checked_by_unit() {
        let ok = input(ObjectiveMetric::EachPersonVisits, 2.0).validated();
        assert_eq!(
            ok.expect("a whole count is fine").title,
            "Objectif",
            "titles are stored trimmed"
        );
        assert!(
            input(ObjectiveMetric::MixedTrainings, 80.0)
                .validated()
                .is_ok(),
            "80% is a valid share"
        );
        for (metric, target, code) in [
            (ObjectiveMetric::EachPersonVisits, 0.0, "too_small"),
            (ObjectiveMetric::EachTeamHosts, 1.5, "not_whole"),
            (ObjectiveMetric::EachPersonExchanges, f64::NAN, "too_small"),
            (ObjectiveMetric::MixedTrainings, 120.0, "out_of_range"),
            (ObjectiveMetric::BriefsWithMarketer, 0.0, "out_of_range"),
        ] {
            assert_eq!(
                codes(input(metric, target).validated()),
                vec![("target".to_owned(), code.to_owned())],
                "{metric} with target {target} must be refused as {code}, so the form can say why"
            );
        }
    }

    #[test]
    fn title_and_dates_are_checked_together() {
        let bad = ObjectiveInput {
            title: " ".into(),
            active_to: NaiveDate::from_ymd_opt(2026, 12, 31),
            ..input(ObjectiveMetric::EachPersonVisits, 1.0)
        };
        assert_eq!(
            codes(bad.validated()),
            vec![
                ("title".to_owned(), "required".to_owned()),
                ("activeTo".to_owned(), "end_before_start".to_owned())
            ],
            "every bad field is reported at once so the form shows them all"
        );
    }
}
