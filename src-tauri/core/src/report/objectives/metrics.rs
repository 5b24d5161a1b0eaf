//! The units each objective metric is measured over, and what took place and what is planned for each (the rules
//! are in the parent module's docs). Classification reuses [`crate::report::classify`] and
//! [`crate::report::metric_of`], so "took place" means here exactly what it means in the participation report.

use super::{Holdback, HoldbackKind};
use crate::error::Result;
use crate::model::{
    ActivityKind, ActivityStatus, Department, Id, Objective, ObjectiveMetric,
    ParticipationStatus as P, PersonRow,
};
use crate::report::{classify, facts_in, is_exchange, local_day, metric_of, Metric, Period, EDGE};
use crate::store::report::{took_place, Fact};
use crate::store::{objectives, people, Store};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One person, team, brief occurrence or training an objective is measured over.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    /// How it is shown when it holds the objective back (its counts are filled in by [`Unit::into_holdback`]).
    pub holdback: Holdback,
    /// What took place.
    pub done: i64,
    /// What is planned and would count.
    pub planned: i64,
    /// What it needs.
    pub needed: i64,
    /// Whether it already started (activities only; pace of percentage metrics).
    pub started: bool,
    /// Activity ids of what took place and counted.
    pub evidence: Vec<Id>,
    /// Activity ids of what is planned and would count.
    pub planned_ids: Vec<Id>,
}

impl Unit {
    fn new(kind: HoldbackKind, id: Option<Id>, label: &str, team: &str, needed: i64) -> Unit {
        Unit {
            holdback: Holdback {
                kind,
                id,
                label: label.to_owned(),
                team: team.to_owned(),
                day: None,
                done: 0,
                planned: 0,
                needed,
                missing: Vec::new(),
            },
            done: 0,
            planned: 0,
            needed,
            started: false,
            evidence: Vec::new(),
            planned_ids: Vec::new(),
        }
    }

    /// Met with what took place.
    pub fn met(&self) -> bool {
        self.done >= self.needed
    }

    /// Met with what took place and what is planned.
    pub fn projected(&self) -> bool {
        self.done + self.planned >= self.needed
    }

    /// The holdback line, with the unit's counts.
    pub fn into_holdback(self) -> Holdback {
        Holdback {
            done: self.done,
            planned: self.planned,
            needed: self.needed,
            ..self.holdback
        }
    }

    fn count(&mut self, activity: Id, took: bool) {
        if took {
            self.done += 1;
            self.evidence.push(activity);
        } else {
            self.planned += 1;
            self.planned_ids.push(activity);
        }
    }
}

/// The metric a participation counts for: `(metric, true)` when it took place, `(metric, false)` when it has not
/// but still may (activity neither cancelled nor done, participant invited, accepted or tentative), counted as what
/// it would be once attended.
fn standing(f: &Fact) -> Option<(Metric, bool)> {
    if took_place(f.activity_status, f.status) {
        return classify(f).map(|m| (m, true));
    }
    let open = f.activity_status != ActivityStatus::Done
        && matches!(f.status, P::Invited | P::Accepted | P::Tentative);
    if open {
        metric_of(f.kind, f.role, f.activity_status, P::Attended).map(|m| (m, false))
    } else {
        None
    }
}

/// The units of `objective` over `p`, with their counts.
pub(super) fn units(
    store: &Store,
    objective: &Objective,
    p: &Period,
    now: DateTime<Utc>,
) -> Result<Vec<Unit>> {
    let conn = store.conn();
    let everyone: HashMap<Id, PersonRow> = people::list_rows(conn)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let dept = objective.department;
    let n = objective.target.round() as i64;
    Ok(match objective.metric {
        ObjectiveMetric::EachPersonVisits => {
            let facts = facts_in(conn, p, Some(ActivityKind::Shadowing))?;
            each_person(&everyone, dept, n, &facts, |m, _| {
                m == Metric::ShadowingVisitor
            })
        }
        ObjectiveMetric::EachPersonExchanges => {
            let facts = facts_in(conn, p, None)?;
            each_person(&everyone, dept, n, &facts, is_exchange)
        }
        ObjectiveMetric::EachTeamHosts => {
            let facts = facts_in(conn, p, Some(ActivityKind::Shadowing))?;
            each_team(&everyone, dept, n, &facts)
        }
        ObjectiveMetric::BriefsWithMarketer => {
            let teams: BTreeSet<&str> = everyone
                .values()
                .filter(|q| q.department == dept && !q.team.is_empty())
                .map(|q| q.team.as_str())
                .collect();
            activities(store, &everyone, p, now, ActivityKind::Brief, |team| {
                teams.contains(team)
            })?
        }
        ObjectiveMetric::MixedTrainings => {
            activities(store, &everyone, p, now, ActivityKind::Training, |_| true)?
        }
    })
}

/// One unit per active person of `dept`, counting the facts whose metric `wants` (given the person's department).
fn each_person(
    everyone: &HashMap<Id, PersonRow>,
    dept: Department,
    n: i64,
    facts: &[Fact],
    wants: impl Fn(Metric, Department) -> bool,
) -> Vec<Unit> {
    let mut units: BTreeMap<Id, Unit> = everyone
        .values()
        .filter(|q| q.department == dept && q.active)
        .map(|q| {
            let unit = Unit::new(HoldbackKind::Person, Some(q.id), &q.full_name, &q.team, n);
            (q.id, unit)
        })
        .collect();
    for f in facts {
        let (Some(unit), Some((m, took))) = (units.get_mut(&f.person_id), standing(f)) else {
            continue;
        };
        if wants(m, dept) {
            unit.count(f.activity_id, took);
        }
    }
    units.into_values().collect()
}

/// One unit per team of the department's active people, counting the shadowing days hosted by the department's
/// people of that team (active or not).
fn each_team(
    everyone: &HashMap<Id, PersonRow>,
    dept: Department,
    n: i64,
    facts: &[Fact],
) -> Vec<Unit> {
    let ours = |q: &&PersonRow| q.department == dept && !q.team.is_empty();
    let mut units: BTreeMap<&str, Unit> = everyone
        .values()
        .filter(|q| ours(q) && q.active)
        .map(|q| {
            let unit = Unit::new(HoldbackKind::Team, None, &q.team, "", n);
            (q.team.as_str(), unit)
        })
        .collect();
    for f in facts {
        let Some(q) = everyone.get(&f.person_id).filter(ours) else {
            continue;
        };
        if let (Some(unit), Some((Metric::ShadowingHost, took))) =
            (units.get_mut(q.team.as_str()), standing(f))
        {
            unit.count(f.activity_id, took);
        }
    }
    units.into_values().collect()
}

/// One unit per non-cancelled activity of `kind` starting in `p` whose team `keeps`: a brief is met when a marketer
/// attended, a training when both marketing and sales did.
fn activities(
    store: &Store,
    everyone: &HashMap<Id, PersonRow>,
    p: &Period,
    now: DateTime<Utc>,
    kind: ActivityKind,
    keeps: impl Fn(&str) -> bool,
) -> Result<Vec<Unit>> {
    let conn = store.conn();
    let (lo, hi) = p.utc_bounds();
    let sides: &[Department] = match kind {
        ActivityKind::Training => &[Department::Marketing, Department::Sales],
        _ => &[Department::Marketing],
    };
    let attended = match kind {
        ActivityKind::Training => Metric::TrainingsAttended,
        _ => Metric::BriefsAttended,
    };
    // Per activity and side: (took place, planned).
    let mut seen: HashMap<(Id, Department), (bool, bool)> = HashMap::new();
    for f in facts_in(conn, p, Some(kind))? {
        let Some(q) = everyone.get(&f.person_id) else {
            continue;
        };
        if let Some((_, took)) = standing(&f).filter(|(m, _)| *m == attended) {
            let entry = seen.entry((f.activity_id, q.department)).or_default();
            entry.0 |= took;
            entry.1 |= !took;
        }
    }
    let mut out = Vec::new();
    for occ in objectives::occurrences(conn, kind, lo - EDGE, hi + EDGE)? {
        let day = local_day(occ.start, &occ.zone);
        if !p.contains(day) || !keeps(&occ.team) {
            continue;
        }
        let mut unit = Unit::new(
            HoldbackKind::Activity,
            Some(occ.id),
            &occ.title,
            &occ.team,
            1,
        );
        unit.holdback.day = Some(day);
        unit.started = occ.start <= now;
        let side = |d: &Department| seen.get(&(occ.id, *d)).copied().unwrap_or_default();
        let took = sides.iter().all(|d| side(d).0);
        let may = sides.iter().all(|d| side(d).0 || side(d).1);
        unit.holdback.missing = sides.iter().filter(|d| !side(d).0).copied().collect();
        if took || may {
            unit.count(occ.id, took);
        }
        out.push(unit);
    }
    Ok(out)
}
