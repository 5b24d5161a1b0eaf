//! Every objective metric on the demo data, checked against an independent count made here from
//! `ops::activities::list` (not from the metrics' code), with the evidence and the holders back.

use super::{evaluate, parse_period, ObjectiveProgress, ObjectiveStatus as S};
use crate::demo::{generate, DemoOptions};
use crate::model::{
    ActivityKind as K, ActivityRecord, ActivityStatus as A, Cadence, Department, Id,
    ObjectiveInput, ObjectiveMetric as M, ParticipantRecord, ParticipationStatus as P, PersonRow,
    Role,
};
use crate::ops;
use crate::store::activities::Filter;
use crate::store::{people, Store};
use crate::testkit::{at, day};
use std::collections::{BTreeMap, HashMap};

/// The rule of "took place", written again from the record types.
fn took(a: &ActivityRecord, p: &ParticipantRecord) -> bool {
    a.status != A::Cancelled
        && (p.status == P::Attended
            || (a.status == A::Done && [P::Invited, P::Accepted, P::Tentative].contains(&p.status)))
}

#[test]
fn every_metric_on_the_demo_matches_an_independent_count() {
    let now = at("2026-11-27T10:00:00Z");
    let mut store = Store::open_in_memory().expect("store");
    generate(&mut store, &DemoOptions::default(), now).expect("demo");
    let shipped: Vec<M> = ops::objectives::list(&store)
        .expect("list")
        .iter()
        .map(|o| o.metric)
        .collect();
    let mut want = vec![
        M::EachPersonVisits,
        M::EachTeamHosts,
        M::BriefsWithMarketer,
        M::MixedTrainings,
    ];
    let mut sorted = shipped.clone();
    sorted.sort();
    want.sort();
    assert_eq!(
        sorted, want,
        "the demo comes with the four example objectives, so the page is not empty"
    );
    let input = ObjectiveInput {
        title: "check exchanges".into(),
        department: Department::Marketing,
        metric: M::EachPersonExchanges,
        target: 2.0,
        cadence: Cadence::Quarter,
        active_from: day("2026-01-01"),
        active_to: None,
    };
    ops::objectives::add(&mut store, &input, now, "test").expect("add");
    let period = parse_period("2026-Q4").expect("period");
    let all = ops::activities::list(&store, &Filter::default()).expect("list");
    let everyone: HashMap<Id, PersonRow> = people::list_rows(store.conn())
        .expect("people")
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let series_team: HashMap<Id, String> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT id, team FROM series")
            .expect("series");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("teams")
    };
    let in_q4: Vec<&ActivityRecord> = all
        .iter()
        .filter(|a| {
            let tz: chrono_tz::Tz = a.zone.parse().expect("IANA");
            a.status != A::Cancelled && period.contains(a.start.with_timezone(&tz).date_naive())
        })
        .collect();
    let records = evaluate(&store, &period, now).expect("evaluate");
    assert_eq!(records.len(), 5, "five quarterly objectives, one quarter");
    for r in &records {
        let (met, total, mut evidence) = independent(r, &in_q4, &everyone, &series_team);
        let mut got = r.evidence.clone();
        got.sort_unstable();
        evidence.sort_unstable();
        assert_eq!(
            (r.met, r.total),
            (met, total),
            "{}: units met and measured must match a count made from the activity list",
            r.objective.metric
        );
        assert_eq!(
            got, evidence,
            "{}: the evidence is exactly what was counted",
            r.objective.metric
        );
        assert!(
            total > 0,
            "{}: the demo has something to measure",
            r.objective.metric
        );
        assert_eq!(
            r.holders_back.len() as i64,
            total - met,
            "{}: every unit not met is listed as holding it back",
            r.objective.metric
        );
        if met == total {
            assert_eq!(
                r.status,
                S::OnTrack,
                "{}: met is on track",
                r.objective.metric
            );
        }
    }
}

/// (met, total, evidence) for one record, from the activity list.
fn independent(
    r: &ObjectiveProgress,
    acts: &[&ActivityRecord],
    everyone: &HashMap<Id, PersonRow>,
    series_team: &HashMap<Id, String>,
) -> (i64, i64, Vec<Id>) {
    let o = &r.objective;
    let n = o.target as usize;
    let dept_of = |id: Id| everyone[&id].department;
    let exchange = |a: &ActivityRecord, p: &ParticipantRecord| match (a.kind, p.role) {
        (K::Shadowing, Role::Visitor | Role::Host) => true,
        (K::Training | K::Colocation, Role::Attendee) => true,
        (K::Brief, Role::Attendee) => dept_of(p.person_id) != Department::Sales,
        _ => false,
    };
    let mut per: BTreeMap<String, Vec<Id>> = BTreeMap::new();
    let mut units: Vec<String> = Vec::new();
    match o.metric {
        M::EachPersonVisits | M::EachPersonExchanges => {
            units = everyone
                .values()
                .filter(|p| p.active && p.department == o.department)
                .map(|p| p.id.to_string())
                .collect();
            for a in acts {
                for p in a.participants.iter().filter(|p| took(a, p)) {
                    let counts = match o.metric {
                        M::EachPersonVisits => a.kind == K::Shadowing && p.role == Role::Visitor,
                        _ => exchange(a, p),
                    };
                    if counts {
                        per.entry(p.person_id.to_string()).or_default().push(a.id);
                    }
                }
            }
        }
        M::EachTeamHosts => {
            let mut teams: Vec<String> = everyone
                .values()
                .filter(|p| p.active && p.department == o.department && !p.team.is_empty())
                .map(|p| p.team.clone())
                .collect();
            teams.sort();
            teams.dedup();
            units = teams;
            for a in acts.iter().filter(|a| a.kind == K::Shadowing) {
                for p in a
                    .participants
                    .iter()
                    .filter(|p| took(a, p) && p.role == Role::Host)
                {
                    let q = &everyone[&p.person_id];
                    if q.department == o.department {
                        per.entry(q.team.clone()).or_default().push(a.id);
                    }
                }
            }
        }
        M::BriefsWithMarketer | M::MixedTrainings => {
            let brief = o.metric == M::BriefsWithMarketer;
            let teams: Vec<&str> = everyone
                .values()
                .filter(|p| p.department == o.department)
                .map(|p| p.team.as_str())
                .collect();
            for a in acts
                .iter()
                .filter(|a| a.kind == if brief { K::Brief } else { K::Training })
            {
                if brief
                    && !a
                        .series_id
                        .is_some_and(|s| teams.contains(&series_team[&s].as_str()))
                {
                    continue;
                }
                units.push(a.id.to_string());
                let came = |d: Department| {
                    a.participants.iter().any(|p| {
                        p.role == Role::Attendee && took(a, p) && dept_of(p.person_id) == d
                    })
                };
                let ok = came(Department::Marketing) && (brief || came(Department::Sales));
                if ok {
                    per.insert(a.id.to_string(), vec![a.id]);
                }
            }
        }
    }
    let need = if o.metric.is_percent() { 1 } else { n };
    let met = units
        .iter()
        .filter(|u| per.get(*u).map_or(0, Vec::len) >= need)
        .count();
    let evidence = units
        .iter()
        .flat_map(|u| per.get(u).cloned().unwrap_or_default())
        .collect();
    (met as i64, units.len() as i64, evidence)
}
