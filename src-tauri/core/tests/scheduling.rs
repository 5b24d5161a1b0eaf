//! Scenario tests of the scheduling rules, through the same ops the UI and the CLI call.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use unisson_core::model::{
    AbsenceSource, ActivityInput, ActivityKind, ActivityStatus, Department, HalfDay, Id,
    ParticipantInput, ParticipationStatus, PersonInput, Role, SiteInput,
};
use unisson_core::ops::{activities, attendance, people, sites};
use unisson_core::schedule::{ClashRule, Severity};
use unisson_core::store::{absences, audit, Store};
use unisson_core::Error;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 4, 8, 0, 0)
        .single()
        .expect("fixed instant")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Noon in Paris on a day: any instant of the day works as a shadowing "start".
fn noon(d: NaiveDate) -> DateTime<Utc> {
    Paris
        .from_local_datetime(&d.and_hms_opt(12, 0, 0).expect("time"))
        .single()
        .expect("paris")
        .with_timezone(&Utc)
}

struct World {
    store: Store,
    paris: Id,
    crc: Id,
    marketers: Vec<Id>,
    sellers: Vec<Id>,
    crc_agents: Vec<Id>,
}

fn world() -> World {
    let mut store = Store::open_in_memory().expect("store");
    let site = |name: &str, seats, is_crc| SiteInput {
        name: name.into(),
        timezone: "Europe/Paris".into(),
        seats,
        is_crc,
    };
    let paris = sites::add(&mut store, &site("Paris", 10, false), now(), "t")
        .expect("paris")
        .id;
    let crc = sites::add(&mut store, &site("CRC Lyon", 2, true), now(), "t")
        .expect("crc")
        .id;
    let add = |store: &mut Store, name: &str, dept: Department, site: Id| {
        let email = format!("{}@ex.fr", name.to_lowercase());
        let input = PersonInput {
            full_name: name.into(),
            email,
            department: dept,
            team: String::new(),
            site_id: Some(site),
            manager_id: None,
            active: true,
        };
        people::add(store, &input, now(), "t").expect("person").id
    };
    let marketers = ["Mia", "Marc", "Maud", "Malo"]
        .iter()
        .map(|n| add(&mut store, n, Department::Marketing, paris))
        .collect();
    let sellers = ["Sam", "Sacha", "Sara", "Simon"]
        .iter()
        .map(|n| add(&mut store, n, Department::Sales, paris))
        .collect();
    let crc_agents = ["Clara", "Cyril"]
        .iter()
        .map(|n| add(&mut store, n, Department::Crc, crc))
        .collect();
    World {
        store,
        paris,
        crc,
        marketers,
        sellers,
        crc_agents,
    }
}

fn part(person: Id, role: Role) -> ParticipantInput {
    ParticipantInput {
        person_id: person,
        role,
        status: ParticipationStatus::Invited,
    }
}

fn shadowing(site: Id, d: NaiveDate, half: HalfDay, visitor: Id, host: Id) -> ActivityInput {
    ActivityInput {
        kind: ActivityKind::Shadowing,
        title: String::new(),
        description: String::new(),
        site_id: Some(site),
        location: String::new(),
        start: noon(d),
        end: noon(d),
        timezone: "Europe/Paris".into(),
        all_day: false,
        status: ActivityStatus::Planned,
        organizer_id: None,
        half_day: Some(half),
        capacity: None,
        mix_min_marketing: None,
        mix_min_sales: None,
        series_id: None,
        goals: "Écouter les clients".into(),
        participants: vec![part(visitor, Role::Visitor), part(host, Role::Host)],
    }
}

fn rules_of(err: &Error) -> Vec<(ClashRule, Severity)> {
    err.findings()
        .iter()
        .map(|f| (f.rule, f.severity))
        .collect()
}

#[test]
fn half_days_of_one_host_do_not_clash_but_overlaps_do() {
    let mut w = world();
    let d = day(2027, 1, 12);
    let (m0, m1, s0) = (w.marketers[0], w.marketers[1], w.sellers[0]);
    activities::create(
        &mut w.store,
        &shadowing(w.paris, d, HalfDay::Am, m0, s0),
        false,
        now(),
        "t",
    )
    .expect("AM");
    activities::create(
        &mut w.store,
        &shadowing(w.paris, d, HalfDay::Pm, m1, s0),
        false,
        now(),
        "t",
    )
    .expect("the afternoon of the same host is free after a morning visit");
    let err = activities::create(
        &mut w.store,
        &shadowing(w.paris, d, HalfDay::Full, w.marketers[2], s0),
        false,
        now(),
        "t",
    )
    .expect_err("a full day overlaps both half-days");
    assert_eq!(
        rules_of(&err),
        vec![(ClashRule::HostCapacity, Severity::Warning)],
        "a host receives at most one visitor per half-day by default; more needs a confirmation: {err}"
    );
    let err = activities::create(
        &mut w.store,
        &shadowing(w.paris, d, HalfDay::Am, m0, w.sellers[1]),
        false,
        now(),
        "t",
    )
    .expect_err("the visitor is already out that morning");
    let f = &err.findings()[0];
    assert_eq!(
        (f.rule, f.severity),
        (ClashRule::DoubleBooking, Severity::Error),
        "a person cannot be in two places"
    );
    assert_eq!(
        f.person_names,
        vec!["Mia".to_owned()],
        "the finding names the person involved"
    );
    assert!(
        f.message.contains("(12/01/2027 09:00–12:30, Europe/Paris)") && !f.message.contains("UTC"),
        "the message gives the other booking in local time in its zone, as the person lives it: {}",
        f.message
    );
    assert_eq!(
        err.code(),
        "clash",
        "errors block the change with the `clash` code"
    );
}

#[test]
fn absence_on_the_last_day_of_a_range_is_found() {
    let mut w = world();
    w.store
        .write("t", now(), |tx| {
            absences::insert(
                tx,
                Some(w.sellers[0]),
                day(2027, 1, 18),
                day(2027, 1, 22),
                "Congés",
                AbsenceSource::Manual,
            )
        })
        .expect("absence");
    let err = activities::create(
        &mut w.store,
        &shadowing(
            w.paris,
            day(2027, 1, 22),
            HalfDay::Pm,
            w.marketers[0],
            w.sellers[0],
        ),
        false,
        now(),
        "t",
    )
    .expect_err("the host is away on the last day of their leave");
    let f = err
        .findings()
        .iter()
        .find(|f| f.rule == ClashRule::Absence)
        .expect("absence finding");
    assert_eq!(
        f.dates,
        vec![day(2027, 1, 22)],
        "the finding gives the exact day the person is away"
    );
    activities::create(
        &mut w.store,
        &shadowing(
            w.paris,
            day(2027, 1, 25),
            HalfDay::Pm,
            w.marketers[0],
            w.sellers[0],
        ),
        false,
        now(),
        "t",
    )
    .expect("the day after the leave is free");
}

#[test]
fn warnings_need_confirmation_and_the_confirmation_is_audited() {
    let mut w = world();
    // 2027-03-28 is a Sunday, and the night Europe/Paris moves to summer time.
    let input = shadowing(
        w.paris,
        day(2027, 3, 28),
        HalfDay::Am,
        w.marketers[0],
        w.sellers[0],
    );
    let err = activities::create(&mut w.store, &input, false, now(), "t")
        .expect_err("a Sunday needs a confirmation");
    assert_eq!(
        err.code(),
        "needs_confirmation",
        "warnings ask before saving"
    );
    assert_eq!(
        rules_of(&err),
        vec![(ClashRule::Weekend, Severity::Warning)],
        "only the weekend is questionable"
    );
    let created =
        activities::create(&mut w.store, &input, true, now(), "manager@ex.fr").expect("confirmed");
    assert_eq!(
        created.start.format("%H:%M").to_string(),
        "07:00",
        "9:00 on the DST Sunday is already CEST (07:00 UTC)"
    );
    let trail = audit::for_entity(w.store.conn(), "activity", created.id).expect("audit");
    assert!(
        trail
            .iter()
            .any(|e| e.action == "confirm_warnings" && e.actor == "manager@ex.fr"),
        "a confirmed warning is recorded with who confirmed it"
    );
}

#[test]
fn crc_visits_take_a_seat_and_seats_are_limited() {
    let mut w = world();
    let d = day(2027, 1, 13);
    let coloc = |person: Id| ActivityInput {
        kind: ActivityKind::Colocation,
        participants: vec![part(person, Role::Attendee)],
        all_day: true,
        half_day: None,
        title: String::new(),
        ..shadowing(w.crc, d, HalfDay::Full, person, person)
    };
    activities::create(&mut w.store, &coloc(w.marketers[0]), false, now(), "t")
        .expect("first seat");
    activities::create(
        &mut w.store,
        &shadowing(w.crc, d, HalfDay::Am, w.marketers[1], w.crc_agents[0]),
        false,
        now(),
        "t",
    )
    .expect("second seat, taken by the visitor of a CRC shadowing");
    let err = activities::create(&mut w.store, &coloc(w.marketers[2]), false, now(), "t")
        .expect_err("the CRC has 2 seats");
    let f = err
        .findings()
        .iter()
        .find(|f| f.rule == ClashRule::Seats)
        .expect("seats finding");
    assert_eq!(
        (f.limit, f.dates.clone()),
        (Some(2), vec![d]),
        "the finding gives the limit and the day"
    );
}

#[test]
fn occupancy_counts_seats_per_local_day_without_cancelled_ones() {
    let mut w = world();
    let d = day(2027, 1, 13);
    let next = day(2027, 1, 14);
    let coloc = |person: Id, on: NaiveDate| ActivityInput {
        kind: ActivityKind::Colocation,
        participants: vec![part(person, Role::Attendee)],
        all_day: true,
        half_day: None,
        title: String::new(),
        ..shadowing(w.crc, on, HalfDay::Full, person, person)
    };
    activities::create(&mut w.store, &coloc(w.marketers[0], d), false, now(), "t")
        .expect("co-location");
    activities::create(
        &mut w.store,
        &shadowing(w.crc, d, HalfDay::Am, w.marketers[1], w.crc_agents[0]),
        false,
        now(),
        "t",
    )
    .expect("CRC visit");
    let gone = activities::create(
        &mut w.store,
        &coloc(w.marketers[2], next),
        false,
        now(),
        "t",
    )
    .expect("co-location to cancel");
    activities::cancel(&mut w.store, gone.id, now(), "t").expect("cancel");
    let days = sites::occupancy(&w.store, w.crc, day(2027, 1, 12), next).expect("occupancy");
    let seen: Vec<(NaiveDate, i64, i32)> = days.iter().map(|o| (o.day, o.used, o.seats)).collect();
    assert_eq!(
        seen,
        vec![(day(2027, 1, 12), 0, 2), (d, 2, 2), (next, 0, 2)],
        "one seat per co-location participant and per CRC visitor; a cancelled day frees its seat"
    );
    assert_eq!(
        sites::occupancy(&w.store, w.crc, next, d)
            .expect_err("reversed")
            .code(),
        "validation",
        "a reversed range is a field error"
    );
}

#[test]
fn training_capacity_waitlist_and_promotion_order() {
    let mut w = world();
    let d = day(2027, 1, 14);
    let (start, end) = (noon(d), noon(d) + chrono::Duration::hours(2));
    let mut invitees = vec![part(w.sellers[3], Role::Trainer)];
    for p in [
        w.marketers[0],
        w.sellers[0],
        w.marketers[1],
        w.sellers[1],
        w.marketers[2],
        w.sellers[2],
    ] {
        invitees.push(part(p, Role::Attendee));
    }
    let input = ActivityInput {
        kind: ActivityKind::Training,
        title: "Offre éco-énergie".into(),
        start,
        end,
        half_day: None,
        capacity: Some(4),
        mix_min_marketing: Some(30),
        mix_min_sales: Some(30),
        participants: invitees,
        ..shadowing(w.paris, d, HalfDay::Full, 0, 0)
    };
    let t =
        activities::create(&mut w.store, &input, false, now(), "t").expect("a balanced training");
    let status = |r: &unisson_core::model::ActivityRecord, p: Id| {
        r.participants
            .iter()
            .find(|x| x.person_id == p)
            .map(|x| x.status)
    };
    assert_eq!(
        status(&t, w.marketers[2]),
        Some(ParticipationStatus::Waitlisted),
        "the 5th invitee waits"
    );
    assert_eq!(
        status(&t, w.sellers[2]),
        Some(ParticipationStatus::Waitlisted),
        "the 6th invitee waits"
    );
    let t = attendance::respond(
        &mut w.store,
        t.id,
        w.sellers[0],
        ParticipationStatus::Declined,
        now(),
        "t",
    )
    .expect("decline");
    assert_eq!(
        status(&t, w.marketers[2]),
        Some(ParticipationStatus::Invited),
        "the first on the waitlist moves up"
    );
    assert_eq!(
        status(&t, w.sellers[2]),
        Some(ParticipationStatus::Waitlisted),
        "the second keeps waiting: one seat freed"
    );
}

#[test]
fn mix_rule_is_a_warning_and_brief_without_marketer_too() {
    let mut w = world();
    let d = day(2027, 1, 15);
    let only_sales = ActivityInput {
        kind: ActivityKind::Training,
        title: "Négociation".into(),
        start: noon(d),
        end: noon(d) + chrono::Duration::hours(2),
        half_day: None,
        capacity: Some(10),
        mix_min_marketing: Some(30),
        participants: w.sellers.iter().map(|p| part(*p, Role::Attendee)).collect(),
        ..shadowing(w.paris, d, HalfDay::Full, 0, 0)
    };
    let err =
        activities::create(&mut w.store, &only_sales, false, now(), "t").expect_err("no marketer");
    assert_eq!(
        rules_of(&err),
        vec![(ClashRule::MixRule, Severity::Warning)],
        "an unmixed training is a warning, not an error"
    );
    let brief = ActivityInput {
        kind: ActivityKind::Brief,
        title: "Brief Sud".into(),
        capacity: None,
        mix_min_marketing: None,
        ..only_sales
    };
    let err = activities::create(&mut w.store, &brief, false, now(), "t")
        .expect_err("brief without marketer");
    assert_eq!(
        rules_of(&err),
        vec![(ClashRule::BriefWithoutMarketer, Severity::Warning)],
        "every brief should have a marketer"
    );
}

#[test]
fn moves_bump_the_sequence_and_cancellation_keeps_history() {
    let mut w = world();
    let a = activities::create(
        &mut w.store,
        &shadowing(
            w.paris,
            day(2027, 1, 19),
            HalfDay::Am,
            w.marketers[0],
            w.sellers[0],
        ),
        false,
        now(),
        "t",
    )
    .expect("create");
    assert_eq!(a.sequence, 0, "a new activity starts at SEQUENCE 0");
    let d2 = day(2027, 1, 20);
    let (s, e) = unisson_core::schedule::halfday::bounds(Paris, d2, HalfDay::Am);
    let moved = activities::reschedule(&mut w.store, a.id, s, e, false, now(), "t").expect("move");
    assert_eq!(
        moved.sequence, 1,
        "calendar clients only replace an invite whose SEQUENCE grew"
    );
    assert_eq!(
        moved.uid, a.uid,
        "the UID never changes, or clients would duplicate the event"
    );
    let cancelled = activities::cancel(&mut w.store, a.id, now(), "t").expect("cancel");
    assert_eq!(
        (cancelled.status, cancelled.sequence),
        (ActivityStatus::Cancelled, 2),
        "a CANCEL needs a higher SEQUENCE"
    );
    assert_eq!(
        cancelled.participants.len(),
        2,
        "participants stay for HR's history"
    );
    activities::create(
        &mut w.store,
        &shadowing(w.paris, d2, HalfDay::Am, w.marketers[0], w.sellers[0]),
        false,
        now(),
        "t",
    )
    .expect("a cancelled activity occupies nobody");
    let err = activities::set_status(&mut w.store, a.id, ActivityStatus::Planned, now(), "t")
        .expect_err("final");
    assert_eq!(
        err.fields()[0].code,
        "invalid_transition",
        "cancelled is final"
    );
}

#[test]
fn removing_an_attendee_marks_them_cancelled() {
    let mut w = world();
    let a = activities::create(
        &mut w.store,
        &shadowing(
            w.paris,
            day(2027, 1, 21),
            HalfDay::Am,
            w.marketers[0],
            w.sellers[0],
        ),
        false,
        now(),
        "t",
    )
    .expect("create");
    let mut input = activities::input_of(w.store.conn(), a.id).expect("input");
    input.participants[1].person_id = w.sellers[1];
    let changed =
        activities::update(&mut w.store, a.id, &input, false, now(), "t").expect("change host");
    let old = changed
        .participants
        .iter()
        .find(|p| p.person_id == w.sellers[0])
        .expect("old host kept");
    assert_eq!(
        old.status,
        ParticipationStatus::Cancelled,
        "the removed host is kept as cancelled, to receive a CANCEL"
    );
    assert_eq!(
        changed.sequence, 1,
        "a change of attendees bumps the SEQUENCE"
    );
}

#[test]
fn shadowing_direction_must_cross_marketing_and_the_field() {
    let mut w = world();
    let err = activities::create(
        &mut w.store,
        &shadowing(
            w.paris,
            day(2027, 1, 26),
            HalfDay::Am,
            w.sellers[0],
            w.sellers[1],
        ),
        false,
        now(),
        "t",
    )
    .expect_err("sales visiting sales");
    assert_eq!(
        err.fields()[0].code,
        "invalid_direction",
        "vis ma vie is marketing ↔ sales or the CRC"
    );
}

#[test]
fn a_cancellation_can_be_undone_once() {
    let mut w = world();
    let a = activities::create(
        &mut w.store,
        &shadowing(
            w.paris,
            day(2027, 1, 27),
            HalfDay::Am,
            w.marketers[0],
            w.sellers[0],
        ),
        false,
        now(),
        "t",
    )
    .expect("create");
    activities::cancel(&mut w.store, a.id, now(), "t").expect("cancel");
    let back = activities::undo_cancel(&mut w.store, a.id, now(), "t").expect("undo");
    assert_eq!(
        back.status,
        ActivityStatus::Planned,
        "undo restores the status before the cancellation"
    );
    assert_eq!(
        back.sequence, 2,
        "the restored invite must supersede the CANCEL"
    );
    let err =
        activities::undo_cancel(&mut w.store, a.id, now(), "t").expect_err("nothing left to undo");
    assert_eq!(
        err.fields()[0].code,
        "nothing_to_undo",
        "undo only reverts the latest cancellation"
    );
}

#[test]
fn a_moved_activity_occupies_its_new_time_and_frees_the_old_one() {
    let mut w = world();
    let (d1, d2) = (day(2027, 2, 2), day(2027, 2, 3));
    let a = activities::create(
        &mut w.store,
        &shadowing(w.paris, d1, HalfDay::Am, w.marketers[0], w.sellers[0]),
        false,
        now(),
        "t",
    )
    .expect("create");
    let (s, e) = unisson_core::schedule::halfday::bounds(Paris, d2, HalfDay::Am);
    activities::reschedule(&mut w.store, a.id, s, e, false, now(), "t").expect("move");
    let err = activities::create(
        &mut w.store,
        &shadowing(w.paris, d2, HalfDay::Am, w.marketers[0], w.sellers[1]),
        false,
        now(),
        "t",
    )
    .expect_err("the visitor is now busy on the new day");
    assert_eq!(
        err.findings()[0].rule,
        ClashRule::DoubleBooking,
        "bookings follow the activity when it moves"
    );
    activities::create(
        &mut w.store,
        &shadowing(w.paris, d1, HalfDay::Am, w.marketers[0], w.sellers[1]),
        false,
        now(),
        "t",
    )
    .expect("the old day is free again after the move");
}

#[test]
fn an_activity_longer_than_two_weeks_is_refused() {
    let mut w = world();
    let d = day(2027, 3, 1);
    let long = ActivityInput {
        kind: ActivityKind::Training,
        title: "Séminaire".into(),
        start: noon(d),
        end: noon(d) + chrono::Duration::days(15),
        half_day: None,
        capacity: Some(10),
        participants: vec![part(w.marketers[0], Role::Attendee)],
        ..shadowing(w.paris, d, HalfDay::Full, 0, 0)
    };
    let err = activities::create(&mut w.store, &long, false, now(), "t").expect_err("too long");
    assert_eq!(
        err.fields()[0].code,
        "too_many_days",
        "interval lookups rely on activities lasting at most 14 days, and the UI says so with its own code"
    );
}

#[test]
fn a_double_booking_names_the_local_day_of_the_other_activity() {
    let mut w = world();
    let mia = w.marketers[0];
    let d = day(2027, 1, 12);
    // An all-day co-location starts at local midnight: 23:00 UTC the day before.
    let coloc = ActivityInput {
        kind: ActivityKind::Colocation,
        title: String::new(),
        half_day: None,
        site_id: Some(w.crc),
        goals: String::new(),
        participants: vec![part(mia, Role::Attendee)],
        ..shadowing(w.crc, d, HalfDay::Full, mia, w.sellers[0])
    };
    activities::create(&mut w.store, &coloc, false, now(), "t").expect("co-location");
    let visit = shadowing(w.paris, d, HalfDay::Am, mia, w.sellers[1]);
    let err =
        activities::create(&mut w.store, &visit, false, now(), "t").expect_err("Mia is on site");
    let clash = err
        .findings()
        .iter()
        .find(|f| f.rule == ClashRule::DoubleBooking)
        .expect("a double booking");
    assert_eq!(
        clash.dates,
        vec![d],
        "the finding must name the day the user planned (12 Jan), not the UTC date of local midnight (11 Jan)"
    );
}

#[test]
fn the_record_carries_everything_an_edit_form_needs() {
    let mut w = world();
    let mut input = shadowing(
        w.paris,
        day(2027, 2, 9),
        HalfDay::Am,
        w.marketers[0],
        w.sellers[0],
    );
    input.description = "Accueil à 9 h, badge visiteur".into();
    input.organizer_id = Some(w.marketers[3]);
    let a = activities::create(&mut w.store, &input, false, now(), "t").expect("create");
    assert_eq!(
        a.goals, "Écouter les clients",
        "goals come back, or saving the edit form would wipe them"
    );
    assert_eq!(
        a.description, input.description,
        "the description comes back for the same reason"
    );
    assert_eq!(
        a.organizer_id,
        Some(w.marketers[3]),
        "so does the organizer"
    );
    assert!(
        a.participants.iter().all(|p| p.changed_at == now()),
        "each participant says when their status changed"
    );
}

#[test]
fn the_board_lists_each_activity_with_its_zone_and_seats() {
    let mut w = world();
    let d = day(2027, 1, 12);
    let (m0, s0) = (w.marketers[0], w.sellers[0]);
    let created = activities::create(
        &mut w.store,
        &shadowing(w.paris, d, HalfDay::Am, m0, s0),
        false,
        now(),
        "t",
    )
    .expect("AM");
    let items =
        activities::board(&w.store, noon(day(2027, 1, 11)), noon(day(2027, 1, 14))).expect("board");
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item.id, created.id);
    assert_eq!(item.zone, "Europe/Paris");
    assert_eq!(item.half_day, Some(HalfDay::Am));
    let mut seats: Vec<(Id, Role)> = item.seats.iter().map(|s| (s.person_id, s.role)).collect();
    seats.sort_by_key(|s| s.0);
    assert_eq!(seats, vec![(m0, Role::Visitor), (s0, Role::Host)]);
}

#[test]
fn a_visit_outside_the_crc_takes_no_desk() {
    let mut w = world();
    let d = day(2027, 2, 16);
    activities::create(
        &mut w.store,
        &shadowing(w.paris, d, HalfDay::Am, w.marketers[0], w.sellers[0]),
        false,
        now(),
        "t",
    )
    .expect("a visit at the head office");
    let seats = sites::occupancy(&w.store, w.paris, d, d).expect("occupancy");
    assert_eq!(
        seats[0].used, 0,
        "at a non-CRC site the visitor sits with their host: no co-location desk is used"
    );
}
