//! The store may change while a plan is searched (the app releases its lock during the search) or before it is
//! accepted: the final re-check and the apply step both see the change and report it, never writing a clashing plan.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::sync::atomic::AtomicBool;
use unisson_core::model::{
    ActivityInput, ActivityKind, ActivityStatus, Department, HalfDay, Id, ParticipantInput,
    ParticipationStatus, PersonInput, Role, SiteInput,
};
use unisson_core::ops::{activities, people, plan, sites};
use unisson_core::plan::planner::{PlanRequest, Weights};
use unisson_core::schedule::halfday;
use unisson_core::store::activities::Filter;
use unisson_core::store::Store;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 4, 8, 0, 0)
        .single()
        .expect("fixed instant")
}

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, 1).expect("date")
}

/// Paris, one marketer, two sellers; returns the store, the site and the people (marketer first).
fn world() -> (Store, Id, Vec<Id>) {
    let mut store = Store::open_in_memory().expect("store");
    let site = SiteInput {
        name: "Paris".into(),
        timezone: "Europe/Paris".into(),
        seats: 10,
        is_crc: false,
    };
    let paris = sites::add(&mut store, &site, now(), "t").expect("site").id;
    let mut ids = Vec::new();
    for (name, dept) in [
        ("Marie", Department::Marketing),
        ("Paul", Department::Sales),
        ("Sara", Department::Sales),
    ] {
        let input = PersonInput {
            full_name: name.into(),
            email: format!("{}@ex.fr", name.to_lowercase()),
            department: dept,
            team: if dept == Department::Sales {
                "Ventes".into()
            } else {
                String::new()
            },
            site_id: Some(paris),
            manager_id: None,
            active: true,
        };
        ids.push(
            people::add(&mut store, &input, now(), "t")
                .expect("person")
                .id,
        );
    }
    (store, paris, ids)
}

fn request() -> PlanRequest {
    PlanRequest {
        from: monday(),
        to: monday(),
        visitors: vec![Department::Marketing],
        hosts: vec![Department::Sales],
        per_visitor: 1,
        half_days: false,
        cross_site: false,
        seed: 1,
        weights: Weights::default(),
    }
}

/// Someone else books Marie with `host` for the whole Monday, as a colleague would from another window.
fn book_marie(store: &mut Store, paris: Id, marie: Id, host: Id) {
    let (start, end) = halfday::bounds(chrono_tz::Europe::Paris, monday(), HalfDay::Full);
    let person = |person_id, role| ParticipantInput {
        person_id,
        role,
        status: ParticipationStatus::Invited,
    };
    let input = ActivityInput {
        kind: ActivityKind::Shadowing,
        title: String::new(),
        description: String::new(),
        site_id: Some(paris),
        location: String::new(),
        start,
        end,
        timezone: "Europe/Paris".into(),
        all_day: false,
        status: ActivityStatus::Planned,
        organizer_id: None,
        half_day: Some(HalfDay::Full),
        capacity: None,
        mix_min_marketing: None,
        mix_min_sales: None,
        series_id: None,
        goals: String::new(),
        participants: vec![person(marie, Role::Visitor), person(host, Role::Host)],
    };
    activities::create(store, &input, true, now(), "t").expect("booked meanwhile");
}

fn shadowing_count(store: &Store) -> usize {
    activities::list(store, &Filter::default())
        .expect("list")
        .iter()
        .filter(|a| a.kind == ActivityKind::Shadowing)
        .count()
}

#[test]
fn a_booking_made_during_the_search_drops_the_proposal_at_the_re_check() {
    let (mut store, paris, ids) = world();
    let req = request();
    let inst = plan::prepare(&store, &req, now(), &mut |_| {}).expect("prepare");
    let found = plan::search(&inst, &req, &AtomicBool::new(false), &mut |_| {});
    assert_eq!(
        found.proposals.len(),
        1,
        "Marie is free on the Monday when the input is read: one exchange"
    );
    // Meanwhile (the lock is free during the search) someone books Marie that day.
    book_marie(&mut store, paris, ids[0], ids[2]);
    let checked = plan::recheck(&store, &inst, found, &mut |_| {}).expect("recheck");
    assert!(
        checked.proposals.is_empty(),
        "the re-check against the current store drops the now double-booked proposal: {checked:?}"
    );
    assert!(
        checked
            .unplaced
            .iter()
            .any(|u| u.email == "marie@ex.fr" && u.reason.contains("clash check")),
        "and says why in `unplaced`: {:?}",
        checked.unplaced
    );
}

#[test]
fn accepting_a_plan_after_the_store_changed_refuses_the_clash_and_writes_nothing_bad() {
    let (mut store, paris, ids) = world();
    let suggested = plan::suggest(
        &store,
        &request(),
        now(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("suggest");
    assert_eq!(suggested.proposals.len(), 1, "one exchange suggested");
    book_marie(&mut store, paris, ids[0], ids[2]);
    let before = shadowing_count(&store);
    let applied = plan::apply(&mut store, &suggested, now(), "t").expect("apply");
    assert!(
        applied.created.is_empty(),
        "Marie was booked meanwhile: nothing is created over it: {applied:?}"
    );
    assert_eq!(
        applied.refused.len(),
        1,
        "the proposal is reported as refused"
    );
    assert_eq!(
        applied.refused[0].code, "clash",
        "the re-validation is the clash check: {:?}",
        applied.refused[0]
    );
    assert_eq!(
        shadowing_count(&store),
        before,
        "no activity was written for the refused proposal"
    );
}

#[test]
fn invalid_weights_are_refused_before_any_search() {
    let (store, _, _) = world();
    let req = PlanRequest {
        weights: Weights {
            coverage: -5,
            ..Weights::default()
        },
        ..request()
    };
    let err = plan::prepare(&store, &req, now(), &mut |_| {}).expect_err("bad weights");
    assert_eq!(err.code(), "validation", "weights are validated: {err}");
}
