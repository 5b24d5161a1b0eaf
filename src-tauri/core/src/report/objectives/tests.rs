//! Hand-built edge cases of objective evaluation: cancelled and no-show not counted, holders back, each status in a
//! finished and a running period, periods of a cadence, period parsing.

use super::{
    cadence_periods, evaluate, parse_period, HoldbackKind, ObjectiveProgress, ObjectiveStatus as S,
};
use crate::model::{
    ActivityKind as K, ActivityStatus as A, Cadence, Department, Id, ObjectiveInput,
    ObjectiveMetric as M, ParticipationStatus as P, Role,
};
use crate::ops;
use crate::store::Store;
use crate::testkit::{at, day, insert_activity, new_activity, person, Part, PARIS};

pub(super) struct World {
    pub(super) store: Store,
    pub(super) mia: Id,
    pub(super) max: Id,
    pub(super) sam: Id,
    pub(super) sue: Id,
    pub(super) series_a: Id,
    pub(super) series_b: Id,
}

/// Two marketers (team Marque), two salespeople (Ventes A, Ventes B), a brief series for each sales team.
pub(super) fn world() -> World {
    let mut store = Store::open_in_memory().expect("store");
    let (mia, max, sam, sue, series_a, series_b) = store
        .write("test", at("2026-01-01T00:00:00Z"), |tx| {
            let series = |team: &str| -> crate::error::Result<Id> {
                tx.execute(
                    "INSERT INTO series (title, team, rrule, first_day, local_start, duration_minutes, timezone, uid,
                                         created_at, updated_at)
                     VALUES ('Brief', ?1, 'FREQ=WEEKLY', '2026-01-05', '09:00', 30, 'Europe/Paris', ?1, '', '')",
                    [team],
                )?;
                Ok(tx.last_insert_rowid())
            };
            Ok((
                person(tx, "mia", Department::Marketing, "Marque", None)?,
                person(tx, "max", Department::Marketing, "Marque", None)?,
                person(tx, "sam", Department::Sales, "Ventes A", None)?,
                person(tx, "sue", Department::Sales, "Ventes B", None)?,
                series("Ventes A")?,
                series("Ventes B")?,
            ))
        })
        .expect("people");
    World {
        store,
        mia,
        max,
        sam,
        sue,
        series_a,
        series_b,
    }
}

impl World {
    pub(super) fn add(
        &mut self,
        kind: K,
        status: A,
        start: &str,
        series: Option<Id>,
        parts: &[Part],
    ) -> Id {
        let start = at(start);
        let mut activity = new_activity(
            kind,
            status,
            start,
            start + chrono::Duration::hours(2),
            PARIS,
        );
        activity.series_id = series;
        insert_activity(&mut self.store, activity, parts)
    }

    pub(super) fn objective(
        &mut self,
        department: Department,
        metric: M,
        target: f64,
        cadence: Cadence,
    ) {
        let input = ObjectiveInput {
            title: format!("{metric}"),
            department,
            metric,
            target,
            cadence,
            active_from: day("2025-01-01"),
            active_to: None,
        };
        ops::objectives::add(&mut self.store, &input, at("2026-01-01T00:00:00Z"), "test")
            .expect("objective");
    }

    pub(super) fn eval(&self, period: &str, now: &str) -> Vec<ObjectiveProgress> {
        evaluate(&self.store, &parse_period(period).expect("period"), at(now)).expect("evaluate")
    }
}

pub(super) fn only(records: Vec<ObjectiveProgress>) -> ObjectiveProgress {
    assert_eq!(records.len(), 1, "one objective, one period: one record");
    records.into_iter().next().expect("one")
}

#[test]
fn periods_parse_and_bad_ones_are_refused_clearly() {
    let q1 = parse_period("2027-Q1").expect("quarter");
    assert_eq!(
        (q1.from, q1.to),
        (day("2027-01-01"), day("2027-03-31")),
        "Q1 is January to March"
    );
    let march = parse_period(" 2027-03 ").expect("month");
    assert_eq!(
        (march.from, march.to),
        (day("2027-03-01"), day("2027-03-31")),
        "a month, spaces ignored"
    );
    let q4 = parse_period("2026-q4").expect("lower-case q");
    assert_eq!(q4.from, day("2026-10-01"), "q is read in either case");
    let year = parse_period("2027").expect("year");
    assert_eq!(
        (year.from, year.to),
        (day("2027-01-01"), day("2027-12-31")),
        "a year"
    );
    for bad in [
        "2027-Q5", "2027-Q0", "2027-13", "27-Q1", "2027-3-1", "", "abcd", "2027-Q", "2027-003",
    ] {
        let err = parse_period(bad).expect_err(bad);
        assert_eq!(
            (err.code(), err.fields()[0].code),
            (
                crate::ErrorCode::Validation,
                crate::FieldCode::InvalidPeriod
            ),
            "{bad:?} is not a period and must say so, not guess"
        );
        assert!(
            err.to_string().contains("2027-Q1"),
            "the message shows the accepted forms: {err}"
        );
    }
    let quarters = cadence_periods(&year, Cadence::Quarter).expect("quarters");
    assert_eq!(quarters.len(), 4, "a year holds four quarters");
    assert_eq!(quarters[3].from, day("2027-10-01"), "the last one is Q4");
    let enclosing = cadence_periods(&march, Cadence::Quarter).expect("enclosing");
    assert_eq!(
        enclosing,
        vec![q1],
        "a month asked of a quarterly objective shows its quarter"
    );
}

#[test]
fn cancelled_and_no_show_are_not_counted_and_holders_back_are_listed() {
    let mut w = world();
    let (mia, max, sam) = (w.mia, w.max, w.sam);
    let counted = w.add(
        K::Shadowing,
        A::Done,
        "2026-02-10T08:00:00Z",
        None,
        &[
            (mia, Role::Visitor, P::Attended),
            (sam, Role::Host, P::Accepted),
        ],
    );
    w.add(
        K::Shadowing,
        A::Cancelled,
        "2026-02-11T08:00:00Z",
        None,
        &[
            (max, Role::Visitor, P::Attended),
            (w.sue, Role::Host, P::Attended),
        ],
    );
    w.add(
        K::Shadowing,
        A::Done,
        "2026-02-12T08:00:00Z",
        None,
        &[
            (max, Role::Visitor, P::NoShow),
            (w.sue, Role::Host, P::Attended),
        ],
    );
    w.objective(
        Department::Marketing,
        M::EachPersonVisits,
        1.0,
        Cadence::Quarter,
    );
    let r = only(w.eval("2026-Q1", "2026-05-01T10:00:00Z"));
    assert_eq!(
        (r.met, r.total),
        (1, 2),
        "mia's day counts; max's cancelled day and no-show do not"
    );
    assert_eq!(
        r.evidence,
        vec![counted],
        "the figure's evidence is the day that took place"
    );
    assert_eq!(
        r.status,
        S::Behind,
        "a finished quarter short of its target is behind"
    );
    assert!(r.finished, "Q1 is over on 1 May");
    assert_eq!(r.holders_back.len(), 1, "only max holds it back");
    let h = &r.holders_back[0];
    assert_eq!(
        (h.kind, h.id, h.done, h.needed, h.team.as_str()),
        (HoldbackKind::Person, Some(max), 0, 1, "Marque"),
        "the holder back is named with their team and how far they are"
    );
}

#[test]
fn status_is_on_track_at_risk_or_behind_by_what_is_planned_and_the_pace() {
    let mut w = world();
    let (mia, max, sam) = (w.mia, w.max, w.sam);
    w.add(
        K::Shadowing,
        A::Done,
        "2026-01-12T08:00:00Z",
        None,
        &[
            (mia, Role::Visitor, P::Attended),
            (sam, Role::Host, P::Attended),
        ],
    );
    let planned = w.add(
        K::Shadowing,
        A::Planned,
        "2026-03-25T08:00:00Z",
        None,
        &[
            (max, Role::Visitor, P::Accepted),
            (sam, Role::Host, P::Accepted),
        ],
    );
    w.objective(
        Department::Marketing,
        M::EachPersonVisits,
        1.0,
        Cadence::Quarter,
    );
    // On 20 January a fifth of the quarter has begun and half the marketers had their day: on pace.
    let early = only(w.eval("2026-Q1", "2026-01-20T10:00:00Z"));
    assert_eq!(
        early.status,
        S::OnTrack,
        "planned days meet it and the pace is fine"
    );
    assert_eq!(
        early.planned,
        vec![planned],
        "the planned day is listed apart from the evidence"
    );
    assert_eq!(
        early.projected_share,
        Some(100.0),
        "with the plan everyone has a day"
    );
    // On 10 March most of the quarter is gone with half the marketers done: only the plan would save it.
    let late = only(w.eval("2026-Q1", "2026-03-10T10:00:00Z"));
    assert_eq!(
        late.status,
        S::AtRisk,
        "met only if the planned day happens, and behind the pace"
    );
    assert_eq!(
        late.holders_back[0].planned, 1,
        "the holder back shows their planned day"
    );
    // After the quarter, the unconfirmed day does not count.
    let after = only(w.eval("2026-Q1", "2026-04-10T10:00:00Z"));
    assert_eq!(
        after.status,
        S::Behind,
        "a finished period is met or behind, never at risk"
    );
    // Without the planned day, even the plan falls short.
    ops::activities::set_status(
        &mut w.store,
        planned,
        A::Cancelled,
        at("2026-01-02T00:00:00Z"),
        "test",
    )
    .expect("cancel");
    let short = only(w.eval("2026-Q1", "2026-01-20T10:00:00Z"));
    assert_eq!(
        short.status,
        S::Behind,
        "nothing planned for max: behind even early in the quarter"
    );
    assert!(
        short.planned.is_empty(),
        "a cancelled activity is not planned either"
    );
    // Once max has had a day, it is met, whatever the date.
    w.add(
        K::Shadowing,
        A::Done,
        "2026-01-14T08:00:00Z",
        None,
        &[
            (max, Role::Visitor, P::Attended),
            (sam, Role::Host, P::Attended),
        ],
    );
    for now in ["2026-01-20T10:00:00Z", "2026-06-01T10:00:00Z"] {
        let met = only(w.eval("2026-Q1", now));
        assert_eq!(
            (met.status, met.progress),
            (S::OnTrack, 1.0),
            "met is on track ({now})"
        );
        assert!(
            met.holders_back.is_empty(),
            "nobody holds a met objective back"
        );
    }
}

#[test]
fn each_cadence_period_inside_the_request_while_active() {
    let mut w = world();
    w.objective(
        Department::Marketing,
        M::EachPersonVisits,
        1.0,
        Cadence::Quarter,
    );
    let input = ObjectiveInput {
        title: "Février".into(),
        department: Department::Marketing,
        metric: M::EachPersonExchanges,
        target: 1.0,
        cadence: Cadence::Month,
        active_from: day("2026-02-01"),
        active_to: Some(day("2026-02-28")),
    };
    ops::objectives::add(&mut w.store, &input, at("2026-01-01T00:00:00Z"), "test").expect("add");
    let year = w.eval("2026", "2026-06-01T00:00:00Z");
    let labels: Vec<(&str, &str)> = year
        .iter()
        .map(|r| (r.objective.title.as_str(), r.period.as_str()))
        .collect();
    assert_eq!(
        labels,
        vec![
            ("each_person_visits", "2026-Q1"),
            ("each_person_visits", "2026-Q2"),
            ("each_person_visits", "2026-Q3"),
            ("each_person_visits", "2026-Q4"),
            ("Février", "2026-02"),
        ],
        "a year shows each quarter of a quarterly objective, and a monthly one only where it is active"
    );
}
