//! Debriefs on hand-built cases: who may debrief, the pending list, the completion rate against an independent count
//! (cancelled activities, no-shows and excused absences expect nothing), and offer insights (tags grouped ignoring
//! case and accents, months, previous period, quotes).

use super::debriefs::{completion, missing};
use super::insights::{insights, months_of, previous_period};
use super::{GroupBy, Period};
use crate::model::{
    ActivityKind as K, ActivityStatus as A, DebriefInput, Department, Id, ParticipationStatus as P,
    Role,
};
use crate::ops::debriefs::{list, pending, save, DebriefQuery};
use crate::store::activities::Filter;
use crate::store::{debriefs, people, Store};
use crate::testkit::{add_activity, at, day, person, Part, PARIS};
use std::collections::BTreeMap;

const NOW: &str = "2026-04-15T12:00:00Z";

struct World {
    store: Store,
    /// marketer, seller, CRC agent, trainer, organizer, stranger.
    who: [Id; 6],
    /// Activity ids, see [`world`].
    ids: Vec<Id>,
}

/// Inserts a three-hour activity starting at `start` (Paris).
fn add(store: &mut Store, kind: K, status: A, start: &str, parts: &[Part]) -> Id {
    let start = at(start);
    add_activity(
        store,
        kind,
        status,
        start,
        start + chrono::Duration::hours(3),
        PARIS,
        parts,
    )
}

fn world() -> World {
    let mut store = Store::open_in_memory().expect("store");
    let who = store
        .write("test", at("2026-01-01T00:00:00Z"), |tx| {
            Ok([
                person(tx, "mia", Department::Marketing, "Marque", None)?,
                person(tx, "sam", Department::Sales, "Ventes A", None)?,
                person(tx, "cleo", Department::Crc, "CRC Lyon", None)?,
                person(tx, "tom", Department::Other, "Formation", None)?,
                person(tx, "olga", Department::Other, "Direction", None)?,
                person(tx, "zed", Department::Sales, "Ventes A", None)?,
            ])
        })
        .expect("people");
    let [m, s, c, t, o, _] = who;
    let ids = vec![
        // 0: a shadowing day that took place (visitor attended, host never signed off but the day is done), with an
        // organizer.
        add(
            &mut store,
            K::Shadowing,
            A::Done,
            "2026-03-10T08:00:00Z",
            &[
                (m, Role::Visitor, P::Attended),
                (s, Role::Host, P::Accepted),
                (o, Role::Organizer, P::Accepted),
            ],
        ),
        // 1: cancelled, although its participations still say attended.
        add(
            &mut store,
            K::Shadowing,
            A::Cancelled,
            "2026-03-12T08:00:00Z",
            &[
                (m, Role::Visitor, P::Attended),
                (s, Role::Host, P::Attended),
            ],
        ),
        // 2: a training: the marketer was a no-show, the seller came, the agent was excused, the trainer gave it.
        add(
            &mut store,
            K::Training,
            A::Done,
            "2026-03-20T08:00:00Z",
            &[
                (m, Role::Attendee, P::NoShow),
                (s, Role::Attendee, P::Attended),
                (c, Role::Attendee, P::Excused),
                (t, Role::Trainer, P::Attended),
            ],
        ),
        // 3: a shadowing day at the CRC whose visitor declined; the host was there.
        add(
            &mut store,
            K::Shadowing,
            A::Done,
            "2026-04-02T07:00:00Z",
            &[
                (m, Role::Visitor, P::Declined),
                (c, Role::Host, P::Attended),
            ],
        ),
        // 4: a training still to come.
        add(
            &mut store,
            K::Training,
            A::Planned,
            "2026-05-10T08:00:00Z",
            &[(s, Role::Attendee, P::Accepted)],
        ),
        // 5: a brief (never debriefed).
        add(
            &mut store,
            K::Brief,
            A::Done,
            "2026-03-11T08:00:00Z",
            &[(m, Role::Attendee, P::Attended)],
        ),
        // 6: a past shadowing day nobody signed off: it may be debriefed but does not count as having taken place.
        add(
            &mut store,
            K::Shadowing,
            A::Confirmed,
            "2026-04-08T07:00:00Z",
            &[
                (m, Role::Visitor, P::Accepted),
                (s, Role::Host, P::Accepted),
            ],
        ),
        // 7: February, the period before March–April.
        add(
            &mut store,
            K::Shadowing,
            A::Done,
            "2026-02-10T08:00:00Z",
            &[
                (m, Role::Visitor, P::Attended),
                (s, Role::Host, P::Attended),
            ],
        ),
    ];
    World { store, who, ids }
}

fn input(activity: Id, person: Id, rating: i32, tag: &str) -> DebriefInput {
    DebriefInput {
        activity_id: activity,
        person_id: person,
        rating,
        learned: "Le terrain".into(),
        customer_needs: format!("besoin {activity}/{person}"),
        offer_feedback: String::new(),
        offer_tag: tag.into(),
    }
}

#[test]
fn only_participants_who_were_there_may_debrief() {
    let mut w = world();
    let [m, s, c, t, o, z] = w.who;
    let ids = w.ids.clone();
    let now = at(NOW);
    let mut try_save = |activity: Id, person: Id| {
        save(&mut w.store, &input(activity, person, 4, ""), now, "tester")
            .map(|_| ())
            .map_err(|e| {
                let f = e
                    .fields()
                    .first()
                    .map(|f| format!("{}/{}", f.field, f.code));
                f.unwrap_or_else(|| e.code().to_string())
            })
    };
    let cases: Vec<(Id, Id, Result<(), &str>, &str)> = vec![
        (
            ids[0],
            m,
            Ok(()),
            "the visitor of a shadowing day that took place",
        ),
        (ids[0], s, Ok(()), "its host"),
        (
            ids[0],
            o,
            Err("personId/role_not_debriefed"),
            "an organizer was not there",
        ),
        (
            ids[0],
            z,
            Err("personId/not_participant"),
            "someone not on the activity",
        ),
        (ids[1], m, Err("activityId/cancelled"), "a cancelled day"),
        (ids[2], m, Err("personId/not_attended"), "a no-show"),
        (
            ids[2],
            c,
            Err("personId/not_attended"),
            "an excused absence",
        ),
        (ids[2], t, Ok(()), "the trainer hears both sides"),
        (
            ids[3],
            m,
            Err("personId/not_attended"),
            "a visitor who declined",
        ),
        (
            ids[4],
            s,
            Err("activityId/not_yet"),
            "a training still to come",
        ),
        (ids[5], m, Err("activityId/not_debriefed"), "a brief"),
        (
            ids[6],
            m,
            Ok(()),
            "a started day not yet signed off, whose participant did not say no",
        ),
        (9999, m, Err("not_found"), "an unknown activity"),
    ];
    for (activity, person, want, why) in cases {
        assert_eq!(
            try_save(activity, person),
            want.map_err(str::to_owned),
            "{why}: activity {activity}, person {person}"
        );
    }
}

#[test]
fn saving_twice_replaces_keeps_created_at_audits_and_reuses_known_tags() {
    let mut w = world();
    let [m, s, ..] = w.who;
    let first = save(
        &mut w.store,
        &input(w.ids[0], m, 3, "Éco-énergie"),
        at(NOW),
        "a",
    )
    .expect("save");
    let later = at("2026-04-16T09:00:00Z");
    let again = save(
        &mut w.store,
        &input(w.ids[0], m, 5, "  eco ENERGIE "),
        later,
        "b",
    )
    .expect("save again");
    assert_eq!(
        again.id, first.id,
        "one debrief per (activity, person): a second save replaces it"
    );
    assert_eq!(
        (again.rating, again.created_at, again.updated_at),
        (5, first.created_at, later),
        "the replace takes the new rating and keeps when it was first written"
    );
    assert_eq!(
        again.offer_tag, "Éco-énergie",
        "a variant spelling is stored as the known tag"
    );
    let other = save(
        &mut w.store,
        &input(w.ids[0], s, 4, "ÉCO énergie"),
        at(NOW),
        "c",
    )
    .expect("host");
    assert_eq!(
        other.offer_tag, "Éco-énergie",
        "another person's variant joins the same tag"
    );
    let actions: Vec<String> = w
        .store
        .conn()
        .prepare("SELECT action FROM audit WHERE entity = 'debrief' ORDER BY id")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
        .expect("audit");
    assert_eq!(
        actions,
        ["create", "update", "create"],
        "every save is audited, a replace as an update"
    );
    let bad = save(&mut w.store, &input(w.ids[0], m, 7, ""), at(NOW), "a").expect_err("rating 7");
    assert_eq!(
        bad.fields()[0].field,
        "rating",
        "validation runs before anything is written"
    );
    assert_eq!(
        debriefs::find(w.store.conn(), w.ids[0], m)
            .expect("find")
            .map(|d| d.rating),
        Some(5),
        "a refused save leaves the stored debrief alone"
    );
}

#[test]
fn pending_lists_what_took_place_without_a_debrief_newest_first() {
    let mut w = world();
    let [m, s, c, t, ..] = w.who;
    let ids = w.ids.clone();
    let keys = |store: &Store| -> Vec<(Id, Id)> {
        pending(store, at(NOW), None)
            .expect("pending")
            .iter()
            .map(|p| (p.activity_id, p.person_id))
            .collect()
    };
    assert_eq!(
        keys(&w.store),
        vec![(ids[3], c), (ids[2], s), (ids[2], t), (ids[0], m), (ids[0], s), (ids[7], m), (ids[7], s)],
        "took place, debriefed roles only, newest first: no cancelled day, no-show, excused, decline, organizer, \
         brief, future or unsigned day"
    );
    save(&mut w.store, &input(ids[2], t, 4, ""), at(NOW), "t").expect("save");
    let left = keys(&w.store);
    assert!(
        !left.contains(&(ids[2], t)),
        "a filled debrief leaves the pending list"
    );
    assert_eq!(left.len(), 6, "and only that one");
    let sams: Vec<Id> = pending(&w.store, at(NOW), Some(s))
        .expect("pending of one")
        .iter()
        .map(|p| p.activity_id)
        .collect();
    assert_eq!(
        sams,
        vec![ids[2], ids[0], ids[7]],
        "one person's pending debriefs"
    );
    assert!(
        pending(&w.store, at("2026-03-01T00:00:00Z"), None)
            .expect("earlier")
            .iter()
            .all(|p| p.activity_id == ids[7]),
        "nothing that starts after `now` is pending"
    );
}

/// Expected and filled per department, recomputed from the activity list (not from the report's SQL).
fn independent(store: &Store, from: &str, to: &str) -> BTreeMap<String, (i64, i64)> {
    let people: BTreeMap<Id, String> = people::list_rows(store.conn())
        .expect("people")
        .into_iter()
        .map(|p| (p.id, p.department.as_str().to_owned()))
        .collect();
    let filter = Filter {
        from: Some(at(&format!("{from}T00:00:00Z")) - chrono::Duration::days(2)),
        to: Some(at(&format!("{to}T23:59:59Z")) + chrono::Duration::days(2)),
        ..Filter::default()
    };
    let mut out = BTreeMap::new();
    for a in crate::ops::activities::list(store, &filter).expect("activities") {
        let local = a
            .start
            .with_timezone(&chrono_tz::Europe::Paris)
            .date_naive();
        if a.status == A::Cancelled || local < day(from) || local > day(to) {
            continue;
        }
        for p in &a.participants {
            let role_ok = match a.kind {
                K::Shadowing => p.role == Role::Visitor || p.role == Role::Host,
                K::Training => p.role == Role::Attendee || p.role == Role::Trainer,
                _ => false,
            };
            let there = p.status == P::Attended
                || (a.status == A::Done
                    && [P::Invited, P::Accepted, P::Tentative].contains(&p.status));
            if role_ok && there {
                let filled = debriefs::find(store.conn(), a.id, p.person_id)
                    .expect("find")
                    .is_some();
                let e = out.entry(people[&p.person_id].clone()).or_insert((0, 0));
                e.0 += 1;
                e.1 += i64::from(filled);
            }
        }
    }
    out
}

#[test]
fn completion_matches_an_independent_count_and_drills_down_to_who_is_missing() {
    let mut w = world();
    let [m, s, _, t, ..] = w.who;
    let ids = w.ids.clone();
    for (a, p) in [(ids[0], m), (ids[2], t), (ids[6], m), (ids[7], s)] {
        save(&mut w.store, &input(a, p, 4, ""), at(NOW), "x").expect("save");
    }
    let period = Period::new(day("2026-03-01"), day("2026-04-30")).expect("period");
    let report = completion(&w.store, &period, GroupBy::Department).expect("completion");
    let want = independent(&w.store, "2026-03-01", "2026-04-30");
    let got: BTreeMap<String, (i64, i64)> = report
        .groups
        .iter()
        .map(|r| (r.group.clone(), (r.expected, r.filled)))
        .collect();
    assert_eq!(
        got, want,
        "every group's expected and filled debriefs match a recount from the activity list"
    );
    assert_eq!(
        (report.total.expected, report.total.filled),
        (5, 2),
        "March–April expect the day-0 pair, the seller and trainer of the training and the CRC host; the unsigned \
         day's debrief and February's are not counted"
    );
    assert_eq!(
        report.total.rate,
        Some(0.4),
        "the rate is filled over expected"
    );
    let who: Vec<(Id, Id)> = missing(&w.store, &period, GroupBy::Department, Some("sales"))
        .expect("missing")
        .iter()
        .map(|p| (p.activity_id, p.person_id))
        .collect();
    assert_eq!(
        who,
        vec![(ids[2], s), (ids[0], s)],
        "the drill-down names the seller's two missing debriefs"
    );
    let all = missing(&w.store, &period, GroupBy::Department, None).expect("all missing");
    assert_eq!(
        all.len() as i64,
        report.total.expected - report.total.filled,
        "the drill-down of the total lists every missing debrief"
    );
}

#[test]
fn insights_group_tags_ignoring_accents_by_month_against_the_previous_period() {
    let mut w = world();
    let [m, s, _, t, ..] = w.who;
    let ids = w.ids.clone();
    // Stored spellings as legacy or imported data might have them (save would have unified them).
    let raw = [
        (ids[0], m, 4, "éco-énergie", "Les clients veulent des aides"),
        (ids[0], s, 2, "ÉCO ÉNERGIE", ""),
        (ids[2], t, 5, "Box Fibre Pro", "Débit garanti demandé"),
        (ids[6], m, 3, "", "Un besoin sans offre"),
        (ids[7], m, 1, "éco-énergie", "février"),
        (ids[7], s, 2, "Box fibre pro", "février aussi"),
    ];
    w.store
        .write("t", at(NOW), |tx| {
            for (a, p, rating, tag, needs) in raw {
                debriefs::upsert(
                    tx,
                    &DebriefInput {
                        activity_id: a,
                        person_id: p,
                        rating,
                        learned: String::new(),
                        customer_needs: needs.into(),
                        offer_feedback: String::new(),
                        offer_tag: tag.into(),
                    },
                )?;
            }
            Ok(())
        })
        .expect("raw debriefs");
    let period = Period::new(day("2026-03-01"), day("2026-04-30")).expect("period");
    let got = insights(&w.store, &period, None).expect("insights");
    assert_eq!(
        (got.previous_from, got.previous_to),
        (day("2026-01-01"), day("2026-02-28")),
        "two whole months are compared with the two months before"
    );
    assert_eq!(
        got.months,
        ["2026-03", "2026-04"],
        "one column per month of the period"
    );
    let summary: Vec<(&str, i64, Option<f64>, i64)> = got
        .offers
        .iter()
        .map(|o| {
            (
                o.tag.as_str(),
                o.debriefs,
                o.average_rating,
                o.previous_debriefs,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("éco-énergie", 2, Some(3.0), 1),
            ("Box Fibre Pro", 1, Some(5.0), 1),
            ("", 1, Some(3.0), 0),
        ],
        "spellings that fold alike are one offer (shown as the most used spelling), \
         most debriefs first, the untagged bucket last"
    );
    let eco = &got.offers[0];
    let months: Vec<(&str, i64)> = eco
        .months
        .iter()
        .map(|f| (f.month.as_str(), f.debriefs))
        .collect();
    assert_eq!(
        months,
        [("2026-03", 2), ("2026-04", 0)],
        "debriefs fall in the month their activity started"
    );
    assert_eq!(
        eco.quotes
            .iter()
            .map(|q| q.customer_needs.as_str())
            .collect::<Vec<_>>(),
        ["Les clients veulent des aides"],
        "quotes carry words: a debrief with nothing said is counted but not quoted"
    );
    assert_eq!(
        got.trending,
        ["éco-énergie"],
        "only an offer with more debriefs than before is trending"
    );
    let march = insights(
        &w.store,
        &Period::month(2026, 3).expect("march"),
        Some(K::Training),
    )
    .expect("march");
    assert_eq!(
        march
            .offers
            .iter()
            .map(|o| (o.tag.as_str(), o.debriefs))
            .collect::<Vec<_>>(),
        [("Box Fibre Pro", 1)],
        "the kind filter keeps trainings only"
    );
    let listed = list(
        &w.store,
        &DebriefQuery {
            offer_tag: Some("eco energie".into()),
            ..DebriefQuery::default()
        },
    )
    .expect("list");
    assert_eq!(
        listed.len(),
        3,
        "the list's tag filter also ignores case and accents"
    );
    let untagged = list(
        &w.store,
        &DebriefQuery {
            offer_tag: Some(String::new()),
            from: Some(day("2026-04-01")),
            to: Some(day("2026-04-30")),
            ..DebriefQuery::default()
        },
    )
    .expect("untagged");
    assert_eq!(
        untagged
            .iter()
            .map(|r| r.debrief.activity_id)
            .collect::<Vec<_>>(),
        [ids[6]],
        "an empty tag filter asks for untagged debriefs, within the period"
    );
}

#[test]
fn previous_periods_and_months() {
    let p = |a: &str, b: &str| Period::new(day(a), day(b)).expect("period");
    let prev = |a: &str, b: &str| {
        let q = previous_period(&p(a, b));
        (q.from.to_string(), q.to.to_string())
    };
    assert_eq!(
        prev("2026-03-01", "2026-03-31"),
        ("2026-02-01".into(), "2026-02-28".into()),
        "a month before a month"
    );
    assert_eq!(
        prev("2026-01-01", "2026-03-31"),
        ("2025-10-01".into(), "2025-12-31".into()),
        "a quarter before"
    );
    assert_eq!(
        prev("2026-03-10", "2026-03-19"),
        ("2026-02-28".into(), "2026-03-09".into()),
        "ten days before ten days"
    );
    assert_eq!(
        months_of(&p("2025-11-15", "2026-02-01")),
        ["2025-11", "2025-12", "2026-01", "2026-02"],
        "every month touched, across a year end"
    );
}
