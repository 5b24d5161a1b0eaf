//! Progress toward shared objectives: for each objective active in a period, its value against its target, a status,
//! who or what holds it back, and the activity ids behind the figure.
//!
//! **Counting** reuses the rules of [`crate::report`]: a participation counts when it *took place*
//! ([`crate::store::report::took_place`]), an activity belongs to the period in which it starts on the local date of
//! its own zone, cancelled activities never count, and people are grouped by department and team as they are today.
//! Each metric is measured over *units* (people, teams, brief occurrences or trainings); a unit is **met** when what
//! took place reaches what it needs:
//! - `each_person_visits` (target N): units are the department's *active* people; each needs N shadowing days as
//!   visitor (role `visitor`) that took place.
//! - `each_team_hosts` (target N): units are the teams (non-empty team names) of the department's active people; a
//!   team needs N shadowing days hosted (role `host`) that took place, by anyone of the department in that team today
//!   (inactive members' past days included, as in the participation report).
//! - `briefs_with_marketer` (target X%): units are the brief occurrences whose series' team is a team of the
//!   department; one is met when at least one person of `marketing` attended it (it took place). An occurrence
//!   nobody attended counts, as not met.
//! - `mixed_trainings` (target X%): units are all the trainings of the period (the department only owns the
//!   objective); one is met when its attendees who took part (role `attendee`; a trainer does not count) include
//!   someone from `marketing` *and* someone from `sales`.
//! - `each_person_exchanges` (target N): as `each_person_visits`, counting exchanges of any kind (see
//!   [`crate::report`]: a brief attended by a salesperson is not one).
//!
//! **Value**: `share` is the percentage of units met (`None` without units, which counts as met: nothing holds it
//! back). A count metric requires 100% of its units; a percentage metric requires `target`%. `progress` is
//! `share / required`, at most 1.
//!
//! **Planned**: a participation that has not taken place but still may (activity not cancelled and not `done`,
//! participant `invited`, `accepted` or `tentative`). This includes a past activity whose attendance is not confirmed
//! yet. `projected_share` counts what took place plus what is planned.
//!
//! **Status**: for a finished period (its last day before today, in the default zone of Settings): met → `on_track`,
//! else `behind`. For a running or future period: met → `on_track`; met with what is planned *and* on pace →
//! `on_track`; met only with what is planned → `at_risk`; short even with everything planned → `behind`. On pace
//! means: for a count metric, the units' capped progress so far (Σ min(done, N) / Σ N) is at least the share of the
//! period's days already begun; for a percentage metric, the share met among the units that already started is at
//! least the target (or none started yet).
//!
//! **Periods**: `2027-Q1`, `2027-03` or `2027` ([`parse_period`]). Each objective is evaluated over each period of
//! its own cadence that overlaps the requested one (several quarters for a year; the enclosing quarter for a month),
//! when it is active in it (`active_from <= last day` and `active_to` unset or `>= first day`).

#[cfg(test)]
mod demo_tests;
#[cfg(test)]
mod metric_tests;
mod metrics;
mod period;
#[cfg(test)]
mod tests;

pub use period::{cadence_periods, parse_period, period_label};

use super::Period;
use crate::error::Result;
use crate::model::{Department, Id, Objective};
use crate::store::{objectives, settings, Store};
use chrono::{DateTime, NaiveDate, Utc};
use metrics::Unit;
use serde::Serialize;
use ts_rs::TS;

crate::model::text_enum! {
    /// How an objective stands in a period.
    ObjectiveStatus {
        /// Met, or on course to be met with what is planned at the pace so far.
        OnTrack => "on_track",
        /// Only what is still planned would meet it, and the pace so far is short.
        AtRisk => "at_risk",
        /// Not met, and what is planned would not meet it either.
        Behind => "behind",
    }
}

crate::model::text_enum! {
    /// What holds an objective back.
    HoldbackKind {
        /// A person below their count.
        Person => "person",
        /// A team below its count.
        Team => "team",
        /// A brief occurrence or training that misses its condition.
        Activity => "activity",
    }
}

/// One person, team or activity that holds an objective back.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Holdback {
    /// Person, team or activity.
    pub kind: HoldbackKind,
    /// The person's or the activity's id (`None` for a team).
    #[ts(type = "number | null")]
    pub id: Option<Id>,
    /// The person's name, the team's name or the activity's title.
    pub label: String,
    /// The person's team, or the brief's team (empty otherwise).
    pub team: String,
    /// The activity's local day (activities only).
    pub day: Option<NaiveDate>,
    /// What took place so far for this unit.
    #[ts(type = "number")]
    pub done: i64,
    /// What is planned and would count.
    #[ts(type = "number")]
    pub planned: i64,
    /// What the unit needs (N for a person or team, 1 for an activity).
    #[ts(type = "number")]
    pub needed: i64,
    /// For a training that is not mixed: the sides missing among its attendees.
    pub missing: Vec<Department>,
}

/// An objective's standing over one period of its cadence.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ObjectiveProgress {
    /// The objective.
    pub objective: Objective,
    /// The period's label (`2027-Q1`, `2027-03`, `2027`).
    pub period: String,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period, inclusive.
    pub to: NaiveDate,
    /// Whether the target is a percentage.
    pub percent: bool,
    /// Units (people, teams, briefs or trainings) measured.
    #[ts(type = "number")]
    pub total: i64,
    /// Units met with what took place.
    #[ts(type = "number")]
    pub met: i64,
    /// `met / total` in percent; `None` without units.
    pub share: Option<f64>,
    /// The share required: 100 for a count metric, the target for a percentage.
    pub required: f64,
    /// `share / required`, from 0 to 1 (1 without units).
    pub progress: f64,
    /// Units met with what took place and what is planned, in percent; `None` without units.
    pub projected_share: Option<f64>,
    /// Whether the period is over.
    pub finished: bool,
    /// The status (see the module docs).
    pub status: ObjectiveStatus,
    /// The units not met, worst first.
    pub holders_back: Vec<Holdback>,
    /// The activities behind the figure (what took place and counted), once per counted participation or unit.
    #[ts(type = "Array<number>")]
    pub evidence: Vec<Id>,
    /// The activities planned that would count.
    #[ts(type = "Array<number>")]
    pub planned: Vec<Id>,
}

/// Every objective active in `period`, evaluated over each period of its cadence overlapping it (one record per
/// objective and period, objectives in [`objectives::list`] order, periods in time order).
pub fn evaluate(
    store: &Store,
    period: &Period,
    now: DateTime<Utc>,
) -> Result<Vec<ObjectiveProgress>> {
    let conn = store.conn();
    let zone = settings::get(conn)?.default_timezone;
    let today = super::local_day(now, &zone);
    let mut out = Vec::new();
    for objective in objectives::list(conn)? {
        for p in cadence_periods(period, objective.cadence)? {
            let active =
                objective.active_from <= p.to && objective.active_to.is_none_or(|to| to >= p.from);
            if active {
                let units = metrics::units(store, &objective, &p, now)?;
                out.push(judge(objective.clone(), &p, today, units));
            }
        }
    }
    Ok(out)
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// Turns a metric's units into the record: value, projection, pace, status and holders back.
fn judge(
    objective: Objective,
    p: &Period,
    today: NaiveDate,
    mut units: Vec<Unit>,
) -> ObjectiveProgress {
    let is_percent = objective.metric.is_percent();
    let required = if is_percent { objective.target } else { 100.0 };
    let total = units.len();
    let met = units.iter().filter(|u| u.met()).count();
    let projected = units.iter().filter(|u| u.projected()).count();
    let share = percent(met, total);
    let projected_share = percent(projected, total);
    let reaches = |s: Option<f64>| s.is_none_or(|s| s + 1e-9 >= required);
    let finished = p.to < today;
    let on_pace = if is_percent {
        let started: Vec<&Unit> = units.iter().filter(|u| u.started).collect();
        reaches(percent(
            started.iter().filter(|u| u.met()).count(),
            started.len(),
        ))
    } else {
        let needed: i64 = units.iter().map(|u| u.needed).sum();
        let done: i64 = units.iter().map(|u| u.done.min(u.needed)).sum();
        let days = (p.to - p.from).num_days() + 1;
        let begun = ((today - p.from).num_days() + 1).clamp(0, days);
        needed == 0 || done as f64 / needed as f64 + 1e-9 >= begun as f64 / days as f64
    };
    let status = if reaches(share) {
        ObjectiveStatus::OnTrack
    } else if finished || !reaches(projected_share) {
        ObjectiveStatus::Behind
    } else if on_pace {
        ObjectiveStatus::OnTrack
    } else {
        ObjectiveStatus::AtRisk
    };
    let evidence = units.iter().flat_map(|u| u.evidence.clone()).collect();
    let planned = units.iter().flat_map(|u| u.planned_ids.clone()).collect();
    units.retain(|u| !u.met());
    // Worst first: the furthest from their need, then those with nothing planned, then by name or date.
    units.sort_by(|a, b| {
        (a.needed - a.done)
            .cmp(&(b.needed - b.done))
            .reverse()
            .then((a.done + a.planned).cmp(&(b.done + b.planned)))
            .then(a.holdback.day.cmp(&b.holdback.day))
            .then(a.holdback.label.cmp(&b.holdback.label))
    });
    ObjectiveProgress {
        period: period_label(p, objective.cadence),
        from: p.from,
        to: p.to,
        percent: is_percent,
        total: total as i64,
        met: met as i64,
        share,
        required,
        progress: share.map_or(1.0, |s| (s / required).min(1.0)),
        projected_share,
        finished,
        status,
        holders_back: units.into_iter().map(Unit::into_holdback).collect(),
        evidence,
        planned,
        objective,
    }
}
