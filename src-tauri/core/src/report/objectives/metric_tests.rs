//! Each objective metric on hand-built cases: a team's hosted days, briefs that need a marketer who came (an
//! unattended brief counts, a cancelled one does not), trainings mixed only when both sides attended.

use super::tests::{only, world};
use super::{HoldbackKind, ObjectiveStatus as S};
use crate::model::{
    ActivityKind as K, ActivityStatus as A, Cadence, Department, Id, ObjectiveMetric as M,
    ParticipationStatus as P, Role,
};
use std::collections::BTreeMap;

#[test]
fn teams_host_days_count_by_team_with_the_team_short_listed() {
    let mut w = world();
    let (mia, max, sam, sue) = (w.mia, w.max, w.sam, w.sue);
    let a = w.add(
        K::Shadowing,
        A::Done,
        "2026-02-10T08:00:00Z",
        None,
        &[
            (mia, Role::Visitor, P::Attended),
            (sam, Role::Host, P::Attended),
        ],
    );
    let b = w.add(
        K::Shadowing,
        A::Done,
        "2026-02-17T08:00:00Z",
        None,
        &[
            (max, Role::Visitor, P::Attended),
            (sam, Role::Host, P::Attended),
        ],
    );
    w.add(
        K::Shadowing,
        A::Done,
        "2026-02-18T08:00:00Z",
        None,
        &[
            (max, Role::Visitor, P::Attended),
            (sue, Role::Host, P::Excused),
        ],
    );
    w.objective(Department::Sales, M::EachTeamHosts, 2.0, Cadence::Quarter);
    let r = only(w.eval("2026-Q1", "2026-04-02T10:00:00Z"));
    assert_eq!(
        (r.met, r.total),
        (1, 2),
        "Ventes A hosted two days; Ventes B's excused host did not host"
    );
    assert_eq!(
        r.evidence,
        vec![a, b],
        "the evidence is Ventes A's two days"
    );
    assert_eq!(
        r.holders_back
            .iter()
            .map(|h| (h.kind, h.label.as_str(), h.done))
            .collect::<Vec<_>>(),
        vec![(HoldbackKind::Team, "Ventes B", 0)],
        "the team that holds it back is named"
    );
}

#[test]
fn briefs_need_a_marketer_who_came_and_an_unattended_brief_counts() {
    let mut w = world();
    let (mia, max, sam, sue, sa, sb) = (w.mia, w.max, w.sam, w.sue, w.series_a, w.series_b);
    let covered = w.add(
        K::Brief,
        A::Done,
        "2026-02-02T08:00:00Z",
        Some(sa),
        &[
            (mia, Role::Attendee, P::Attended),
            (sam, Role::Attendee, P::Attended),
        ],
    );
    let sellers_only = w.add(
        K::Brief,
        A::Done,
        "2026-02-09T08:00:00Z",
        Some(sa),
        &[
            (sam, Role::Attendee, P::Attended),
            (max, Role::Attendee, P::NoShow),
        ],
    );
    let empty = w.add(K::Brief, A::Done, "2026-02-03T08:00:00Z", Some(sb), &[]);
    w.add(
        K::Brief,
        A::Cancelled,
        "2026-02-10T08:00:00Z",
        Some(sb),
        &[(sue, Role::Attendee, P::Attended)],
    );
    w.objective(
        Department::Sales,
        M::BriefsWithMarketer,
        100.0,
        Cadence::Quarter,
    );
    let r = only(w.eval("2026-Q1", "2026-04-02T10:00:00Z"));
    assert_eq!(
        (r.met, r.total),
        (1, 3),
        "three briefs held (the cancelled one is not), one with a marketer"
    );
    let share = r.share.expect("briefs exist");
    assert!(
        (share - 100.0 / 3.0).abs() < 1e-9,
        "a third of the briefs: {share}"
    );
    assert_eq!(
        r.evidence,
        vec![covered],
        "the evidence is the covered brief"
    );
    assert_eq!(
        r.holders_back.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![Some(empty), Some(sellers_only)],
        "the uncovered briefs hold it back, by date (a marketer's no-show does not cover one)"
    );
    assert_eq!(
        r.holders_back[0].team, "Ventes B",
        "each brief names its team"
    );
    assert_eq!(
        r.status,
        S::Behind,
        "33% of 100% in a finished quarter is behind"
    );
}

#[test]
fn mixed_trainings_need_both_sides_among_attendees_who_came() {
    let mut w = world();
    let (mia, max, sam, sue) = (w.mia, w.max, w.sam, w.sue);
    let mixed = w.add(
        K::Training,
        A::Done,
        "2026-02-02T08:00:00Z",
        None,
        &[
            (mia, Role::Attendee, P::Attended),
            (sam, Role::Attendee, P::Accepted),
        ],
    );
    let no_show = w.add(
        K::Training,
        A::Done,
        "2026-02-03T08:00:00Z",
        None,
        &[
            (mia, Role::Attendee, P::Attended),
            (sam, Role::Attendee, P::NoShow),
        ],
    );
    let trainer = w.add(
        K::Training,
        A::Done,
        "2026-02-04T08:00:00Z",
        None,
        &[
            (max, Role::Attendee, P::Attended),
            (sue, Role::Trainer, P::Attended),
        ],
    );
    let future = w.add(
        K::Training,
        A::Planned,
        "2026-03-20T08:00:00Z",
        None,
        &[
            (max, Role::Attendee, P::Invited),
            (sue, Role::Attendee, P::Accepted),
        ],
    );
    w.objective(
        Department::Marketing,
        M::MixedTrainings,
        50.0,
        Cadence::Quarter,
    );
    let r = only(w.eval("2026-Q1", "2026-03-01T10:00:00Z"));
    assert_eq!(
        (r.met, r.total),
        (1, 4),
        "only the first training had both sides attending"
    );
    assert_eq!(
        (r.evidence.clone(), r.planned.clone()),
        (vec![mixed], vec![future]),
        "evidence vs planned"
    );
    assert_eq!(
        r.projected_share,
        Some(50.0),
        "the planned training would make half of them mixed"
    );
    assert_eq!(
        r.status,
        S::AtRisk,
        "a third of the trainings held so far were mixed, short of 50%"
    );
    let missing: BTreeMap<Option<Id>, Vec<Department>> = r
        .holders_back
        .iter()
        .map(|h| (h.id, h.missing.clone()))
        .collect();
    assert_eq!(
        missing[&Some(no_show)],
        vec![Department::Sales],
        "the no-show leaves sales missing"
    );
    assert_eq!(
        missing[&Some(trainer)],
        vec![Department::Sales],
        "a trainer is not an attendee"
    );
}
