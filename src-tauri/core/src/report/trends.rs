//! Participation over time: the period cut into months or ISO weeks, and for each one the exchanges, the figures of
//! the participation summary and the participation rate of everyone together.
//!
//! Invariants:
//! - the points tile the period: the first starts on its first day, each next one the day after the previous ends,
//!   the last ends on its last day (the first and last month or week are cut to the period);
//! - a point's figures are exactly the participation summary's over the point's days with everyone in one group
//!   (same "took place" rules, same local start date in the activity's own zone), so the figures of the points add up
//!   to the summary's over the whole period, and a point's participation rate is its participants over the people
//!   active today (the summary's denominator);
//! - at most [`MAX_POINTS`] points, so a decade by week is refused rather than scanned 520 times.

use super::participation::{fold, ParticipationRow};
use super::{sums_in, Period};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::FieldCode;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most points a trend may have.
pub const MAX_POINTS: usize = 400;

/// How long each point of a trend is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TrendStep {
    /// Calendar months, labelled `YYYY-MM`.
    Month,
    /// ISO weeks (Monday to Sunday), labelled `YYYY-Www` with the ISO week-numbering year.
    Week,
}

impl std::str::FromStr for TrendStep {
    type Err = Error;
    fn from_str(s: &str) -> Result<TrendStep> {
        match s {
            "month" => Ok(TrendStep::Month),
            "week" => Ok(TrendStep::Week),
            _ => Err(Error::field(
                "by",
                FieldCode::Invalid,
                "a trend is by month or week",
            )),
        }
    }
}

/// One month or week of a trend.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrendPoint {
    /// `YYYY-MM` or `YYYY-Www`.
    pub label: String,
    /// First day of the point (inside the period).
    pub from: NaiveDate,
    /// Last day, inclusive (inside the period).
    pub to: NaiveDate,
    /// People active today (the rate's denominator, as in the summary).
    #[ts(type = "number")]
    pub active_people: i64,
    /// Active people with at least one exchange in the point's days.
    #[ts(type = "number")]
    pub participants: i64,
    /// `participants / active_people`; `None` without active people.
    pub participation_rate: Option<f64>,
    /// Exchanges (see the module docs of `report`).
    #[ts(type = "number")]
    pub exchanges: i64,
    /// Shadowing days as visitor.
    #[ts(type = "number")]
    pub shadowing_visitor: i64,
    /// Shadowing days as host.
    #[ts(type = "number")]
    pub shadowing_host: i64,
    /// Trainings attended.
    #[ts(type = "number")]
    pub trainings_attended: i64,
    /// Training no-shows.
    #[ts(type = "number")]
    pub training_no_shows: i64,
    /// Briefs attended.
    #[ts(type = "number")]
    pub briefs_attended: i64,
    /// Co-location days.
    #[ts(type = "number")]
    pub colocation_days: i64,
}

impl TrendPoint {
    fn new(label: String, days: &Period, row: &ParticipationRow) -> TrendPoint {
        TrendPoint {
            label,
            from: days.from,
            to: days.to,
            active_people: row.active_people,
            participants: row.participants,
            participation_rate: row.participation_rate,
            exchanges: row.exchanges,
            shadowing_visitor: row.shadowing_visitor,
            shadowing_host: row.shadowing_host,
            trainings_attended: row.trainings_attended,
            training_no_shows: row.training_no_shows,
            briefs_attended: row.briefs_attended,
            colocation_days: row.colocation_days,
        }
    }
}

/// The months or weeks of `period`, each cut to the period, with their labels.
pub fn points(period: &Period, step: TrendStep) -> Result<Vec<(String, Period)>> {
    let mut out = Vec::new();
    let mut from = period.from;
    while from <= period.to {
        if out.len() == MAX_POINTS {
            return Err(Error::field(
                "by",
                FieldCode::TooManyPoints,
                "too many points for one chart: choose a shorter period or a trend by month",
            ));
        }
        let (label, end) = match step {
            TrendStep::Month => {
                let month = Period::month(from.year(), from.month())?;
                (super::month_of(from), month.to)
            }
            TrendStep::Week => {
                let week = from.iso_week();
                let sunday =
                    from + Duration::days(6 - i64::from(from.weekday().num_days_from_monday()));
                (format!("{:04}-W{:02}", week.year(), week.week()), sunday)
            }
        };
        let days = Period::new(from, end.min(period.to))?;
        out.push((label, days));
        from = days.to + Duration::days(1);
    }
    Ok(out)
}

/// Participation over `period`, one point per month or week (see the module docs).
pub fn trends(store: &Store, period: &Period, step: TrendStep) -> Result<Vec<TrendPoint>> {
    let people = crate::store::report::people(store.conn())?;
    points(period, step)?
        .into_iter()
        .map(|(label, days)| {
            let sums = sums_in(store.conn(), &days)?;
            let everyone = fold(&people, &sums, |_| String::new());
            let row = everyone
                .first()
                .cloned()
                .unwrap_or_else(|| ParticipationRow::empty(String::new()));
            Ok(TrendPoint::new(label, &days, &row))
        })
        .collect()
}

/// Whether a trend over `from..=to` reads better by week (up to about a quarter) than by month.
pub fn default_step(period: &Period) -> TrendStep {
    if (period.to - period.from).num_days() < 100 {
        TrendStep::Week
    } else {
        TrendStep::Month
    }
}
