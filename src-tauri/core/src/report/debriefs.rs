//! Debrief completion: of the debriefs expected over a period, how many were filled, overall and by group, and who
//! has not filled theirs (the drill-down).
//!
//! Definitions:
//! - **Expected**: one debrief per participation that *took place* (see `report`) in a non-cancelled shadowing day or
//!   training starting in the period (local date of its zone), for a debriefed role (a shadowing day's visitor and
//!   host, a training's attendees and trainer: `crate::model::debriefs_role`). A no-show, an excused absence, a
//!   decline or a cancelled activity expects nothing.
//! - **Filled**: an expected participation that has its debrief. A debrief from someone not expected (an activity
//!   not yet signed off) is not counted, so the rate never passes 100 %.
//! - **Group**: as in the participation summary (person, team, department, site; people as they are today).

use super::{group_of, local_day, GroupBy, Period};
use crate::error::Result;
use crate::model::{debriefs_role, DebriefRecord, PendingDebrief};
use crate::store::debriefs::{self as sql, Expected, Joined};
use crate::store::report::{people, took_place};
use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// Expected and filled debriefs of one group.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CompletionRow {
    /// The group key (email, team, department or site name); empty for the whole organisation.
    pub group: String,
    /// Debriefs expected.
    pub expected: i64,
    /// Of those, filled.
    pub filled: i64,
    /// `filled / expected`; `None` when nothing is expected.
    pub rate: Option<f64>,
}

impl CompletionRow {
    fn new(group: String) -> CompletionRow {
        CompletionRow {
            group,
            expected: 0,
            filled: 0,
            rate: None,
        }
    }

    fn finish(mut self) -> CompletionRow {
        self.rate = (self.expected > 0).then(|| self.filled as f64 / self.expected as f64);
        self
    }
}

/// The completion rate of a period, overall and by group.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DebriefCompletion {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    /// Everyone together (`group` empty).
    pub total: CompletionRow,
    /// One row per group with at least one expected debrief, sorted by group.
    pub groups: Vec<CompletionRow>,
}

/// Whether an expected row took place and is a debriefed role (the SQL already keeps only those roles).
pub(crate) fn is_expected(e: &Expected) -> bool {
    debriefs_role(e.fact.kind, e.fact.role) && took_place(e.fact.activity_status, e.fact.status)
}

/// The debriefs expected over `period`, filled or not, newest first.
pub(crate) fn expected_in(store: &Store, period: &Period) -> Result<Vec<Expected>> {
    let (lo, hi) = period.search_bounds();
    let mut rows = sql::expected(store.conn(), lo, hi)?;
    rows.retain(|e| is_expected(e) && period.contains(local_day(e.fact.start, &e.fact.zone)));
    Ok(rows)
}

/// The completion of `period`, grouped `by`.
pub fn completion(store: &Store, period: &Period, by: GroupBy) -> Result<DebriefCompletion> {
    let groups: HashMap<_, _> = people(store.conn())?
        .iter()
        .map(|p| (p.id, group_of(by, p)))
        .collect();
    let mut total = CompletionRow::new(String::new());
    let mut rows: BTreeMap<String, CompletionRow> = BTreeMap::new();
    for e in expected_in(store, period)? {
        let key = groups.get(&e.fact.person_id).cloned().unwrap_or_default();
        let row = rows
            .entry(key.clone())
            .or_insert_with(|| CompletionRow::new(key));
        let filled = i64::from(e.debrief.is_some());
        for r in [&mut total, row] {
            r.expected += 1;
            r.filled += filled;
        }
    }
    Ok(DebriefCompletion {
        from: period.from,
        to: period.to,
        total: total.finish(),
        groups: rows.into_values().map(CompletionRow::finish).collect(),
    })
}

/// Who has not filled an expected debrief of `period` (of one group under `by`, or everyone), newest first.
pub fn missing(
    store: &Store,
    period: &Period,
    by: GroupBy,
    group: Option<&str>,
) -> Result<Vec<PendingDebrief>> {
    let members: Option<Vec<_>> = match group {
        Some(g) => Some(
            people(store.conn())?
                .into_iter()
                .filter(|p| group_of(by, p) == g)
                .map(|p| p.id)
                .collect(),
        ),
        None => None,
    };
    Ok(expected_in(store, period)?
        .into_iter()
        .filter(|e| e.debrief.is_none())
        .filter(|e| {
            members
                .as_ref()
                .is_none_or(|m| m.contains(&e.fact.person_id))
        })
        .map(pending_of)
        .collect())
}

/// An expected participation as the pending list shows it.
pub(crate) fn pending_of(e: Expected) -> PendingDebrief {
    PendingDebrief {
        day: local_day(e.fact.start, &e.fact.zone),
        activity_id: e.fact.activity_id,
        kind: e.fact.kind,
        activity_title: e.title,
        start: e.fact.start,
        person_id: e.fact.person_id,
        person_name: e.name,
        email: e.email,
        team: e.team,
        department: e.department,
        role: e.fact.role,
    }
}

/// A debrief with its activity and person as lists show it.
pub(crate) fn record_of(j: Joined) -> DebriefRecord {
    DebriefRecord {
        day: local_day(j.start, &j.zone),
        debrief: j.debrief,
        kind: j.kind,
        activity_title: j.title,
        start: j.start,
        person_name: j.name,
        team: j.team,
        department: j.department,
        role: j.role,
    }
}

/// The completion as CSV for French Excel (UTF-8 BOM, `;`, text cells neutralised): header
/// `group;expected;filled;rate`, the whole organisation first (group empty), then one line per group.
pub fn completion_csv(c: &DebriefCompletion) -> Result<String, csv::Error> {
    let mut w = super::csv::writer();
    w.write_record(["group", "expected", "filled", "rate"])?;
    for r in std::iter::once(&c.total).chain(&c.groups) {
        w.write_record([
            crate::export::neutralise(&r.group).into_owned(),
            r.expected.to_string(),
            r.filled.to_string(),
            super::csv::rate(r.rate),
        ])?;
    }
    super::csv::finish(w)
}
