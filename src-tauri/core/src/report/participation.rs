//! The participation summary by group, and the drill-down behind each of its figures.
//!
//! Invariant: for every group and metric, `evidence(...).len()` equals the summary's figure (the summary sums in
//! SQL, the evidence walks rows in Rust; the tests hold them to each other and to an independent count).

use super::{classify, group_of, is_exchange, sums_in, GroupBy, Metric, Period};
use crate::error::Result;
use crate::model::{Department, Id};
use crate::store::report::ReportPerson;
use crate::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// One group's figures over a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParticipationRow {
    /// The group key (email, team, department or site name).
    pub group: String,
    /// Active people in the group today.
    #[ts(type = "number")]
    pub active_people: i64,
    /// Active people of the group with at least one exchange in the period.
    #[ts(type = "number")]
    pub participants: i64,
    /// `participants / active_people`; `None` without active people.
    pub participation_rate: Option<f64>,
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
    /// Training absences excused.
    #[ts(type = "number")]
    pub training_excused: i64,
    /// Briefs attended.
    #[ts(type = "number")]
    pub briefs_attended: i64,
    /// Co-location days.
    #[ts(type = "number")]
    pub colocation_days: i64,
    /// Exchanges (see the module docs of `report`).
    #[ts(type = "number")]
    pub exchanges: i64,
}

impl ParticipationRow {
    pub(crate) fn empty(group: String) -> ParticipationRow {
        ParticipationRow {
            group,
            active_people: 0,
            participants: 0,
            participation_rate: None,
            shadowing_visitor: 0,
            shadowing_host: 0,
            trainings_attended: 0,
            training_no_shows: 0,
            training_excused: 0,
            briefs_attended: 0,
            colocation_days: 0,
            exchanges: 0,
        }
    }

    /// The value of one metric.
    pub fn get(&self, metric: Metric) -> i64 {
        match metric {
            Metric::ShadowingVisitor => self.shadowing_visitor,
            Metric::ShadowingHost => self.shadowing_host,
            Metric::TrainingsAttended => self.trainings_attended,
            Metric::TrainingNoShows => self.training_no_shows,
            Metric::TrainingExcused => self.training_excused,
            Metric::BriefsAttended => self.briefs_attended,
            Metric::ColocationDays => self.colocation_days,
            Metric::Exchanges => self.exchanges,
        }
    }

    fn add(&mut self, sums: &[i64; 7], department: Department) -> i64 {
        let [sv, sh, ta, ns, ex, ba, cd] = *sums;
        self.shadowing_visitor += sv;
        self.shadowing_host += sh;
        self.trainings_attended += ta;
        self.training_no_shows += ns;
        self.training_excused += ex;
        self.briefs_attended += ba;
        self.colocation_days += cd;
        let exchanges: i64 = Metric::BASE
            .iter()
            .zip(sums)
            .filter(|(m, _)| is_exchange(**m, department))
            .map(|(_, n)| n)
            .sum();
        self.exchanges += exchanges;
        exchanges
    }
}

/// The participation summary of every group over `period`, sorted by group. Every group with at least one person
/// (active or not) has a row.
pub fn summary(store: &Store, period: &Period, by: GroupBy) -> Result<Vec<ParticipationRow>> {
    let sums = sums_in(store.conn(), period)?;
    let people = crate::store::report::people(store.conn())?;
    Ok(fold(&people, &sums, |p| group_of(by, p)))
}

/// Folds each person's sums of the base metrics into one row per group key (`key` of the person), sorted by key.
/// Every key with at least one person (active or not) has a row.
pub(crate) fn fold(
    people: &[ReportPerson],
    sums: &HashMap<Id, [i64; 7]>,
    key: impl Fn(&ReportPerson) -> String,
) -> Vec<ParticipationRow> {
    let mut groups: BTreeMap<String, ParticipationRow> = BTreeMap::new();
    for person in people {
        let key = key(person);
        let row = groups
            .entry(key.clone())
            .or_insert_with(|| ParticipationRow::empty(key));
        let exchanges = sums
            .get(&person.id)
            .map_or(0, |s| row.add(s, person.department));
        if person.active {
            row.active_people += 1;
            row.participants += i64::from(exchanges > 0);
        }
    }
    groups
        .into_values()
        .map(|mut row| {
            row.participation_rate =
                (row.active_people > 0).then(|| row.participants as f64 / row.active_people as f64);
            row
        })
        .collect()
}

/// The activity ids behind one figure of [`summary`]: `group` is the row's `group` under `by`. An id appears once per
/// counted participation (two people of the group on one training give it twice), in start order, so the list's
/// length is the figure.
pub fn evidence(
    store: &Store,
    by: GroupBy,
    group: &str,
    metric: Metric,
    period: &Period,
) -> Result<Vec<Id>> {
    evidence_of(store, metric, period, |p| group_of(by, p) == group)
}

/// The activity ids behind one figure of everyone together (a point of [`super::trends::trends`]), as
/// [`evidence`] gives them for a group.
pub fn evidence_everyone(store: &Store, metric: Metric, period: &Period) -> Result<Vec<Id>> {
    evidence_of(store, metric, period, |_| true)
}

/// The activity ids behind `metric` for the people `member` keeps.
fn evidence_of(
    store: &Store,
    metric: Metric,
    period: &Period,
    member: impl Fn(&ReportPerson) -> bool,
) -> Result<Vec<Id>> {
    let members: HashMap<Id, Department> = crate::store::report::people(store.conn())?
        .into_iter()
        .filter(|p| member(p))
        .map(|p| (p.id, p.department))
        .collect();
    Ok(super::facts_in(store.conn(), period, None)?
        .into_iter()
        .filter_map(|f| {
            let department = *members.get(&f.person_id)?;
            let m = classify(&f)?;
            let hit = m == metric || (metric == Metric::Exchanges && is_exchange(m, department));
            hit.then_some(f.activity_id)
        })
        .collect())
}
