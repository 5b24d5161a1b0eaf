//! Every report figure on the demo data, checked against an independent count made here in Rust from
//! `ops::activities::list` (not from the report's SQL), and every figure against its own evidence.

use super::coverage::{host_load, matrix, CoverageRows};
use super::participation::{evidence, summary};
use super::people::{never_participated, passport};
use super::{GroupBy, Metric, Period};
use crate::demo::{generate, DemoOptions};
use crate::model::{
    ActivityKind as K, ActivityRecord, ActivityStatus as A, Department, Id, ParticipantRecord,
    ParticipationStatus as P, PersonRow, Role,
};
use crate::ops;
use crate::store::activities::Filter;
use crate::store::{people, Store};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
        .map(|d| d.to_utc())
        .expect("fixed instant")
}

fn demo() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    generate(&mut store, &DemoOptions::default(), now()).expect("demo");
    store
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// The rules of `report`, written again from the record types, independently of the report's code.
fn metric_of(a: &ActivityRecord, p: &ParticipantRecord) -> Option<Metric> {
    if a.status == A::Cancelled {
        return None;
    }
    let attended = p.status == P::Attended
        || (a.status == A::Done && [P::Invited, P::Accepted, P::Tentative].contains(&p.status));
    match (a.kind, p.role, attended, p.status) {
        (K::Shadowing, Role::Visitor, true, _) => Some(Metric::ShadowingVisitor),
        (K::Shadowing, Role::Host, true, _) => Some(Metric::ShadowingHost),
        (K::Training, Role::Attendee, true, _) => Some(Metric::TrainingsAttended),
        (K::Training, Role::Attendee, false, P::NoShow) => Some(Metric::TrainingNoShows),
        (K::Training, Role::Attendee, false, P::Excused) => Some(Metric::TrainingExcused),
        (K::Brief, Role::Attendee, true, _) => Some(Metric::BriefsAttended),
        (K::Colocation, Role::Attendee, true, _) => Some(Metric::ColocationDays),
        _ => None,
    }
}

fn exchange(m: Metric, d: Department) -> bool {
    match m {
        Metric::BriefsAttended => d != Department::Sales,
        Metric::TrainingNoShows | Metric::TrainingExcused | Metric::Exchanges => false,
        _ => true,
    }
}

fn key(by: GroupBy, p: &PersonRow) -> String {
    match by {
        GroupBy::Person => p.email.clone(),
        GroupBy::Team => p.team.clone(),
        GroupBy::Department => p.department.to_string(),
        GroupBy::Site => p.site_name.clone().unwrap_or_default(),
    }
}

const ALL: [Metric; 8] = [
    Metric::ShadowingVisitor,
    Metric::ShadowingHost,
    Metric::TrainingsAttended,
    Metric::TrainingNoShows,
    Metric::TrainingExcused,
    Metric::BriefsAttended,
    Metric::ColocationDays,
    Metric::Exchanges,
];

/// Expected activity ids per (group, metric), and participants per group, counted from the activity list.
struct Expected {
    ids: BTreeMap<(String, Metric), Vec<Id>>,
    participants: BTreeMap<String, i64>,
    active: BTreeMap<String, i64>,
}

fn expected(store: &Store, period: &Period, by: GroupBy) -> Expected {
    let everyone: HashMap<Id, PersonRow> = people::list_rows(store.conn())
        .expect("people")
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut ids: BTreeMap<(String, Metric), Vec<Id>> = BTreeMap::new();
    let mut with_exchange = std::collections::HashSet::new();
    for a in ops::activities::list(store, &Filter::default()).expect("list") {
        let tz: chrono_tz::Tz = a.zone.parse().expect("demo zones are IANA");
        if !period.contains(a.start.with_timezone(&tz).date_naive()) {
            continue;
        }
        for p in &a.participants {
            let Some(m) = metric_of(&a, p) else { continue };
            let g = key(by, &everyone[&p.person_id]);
            ids.entry((g.clone(), m)).or_default().push(a.id);
            if exchange(m, p.department) {
                ids.entry((g, Metric::Exchanges)).or_default().push(a.id);
                with_exchange.insert(p.person_id);
            }
        }
    }
    let (mut participants, mut active) = (BTreeMap::new(), BTreeMap::new());
    for p in everyone.values().filter(|p| p.active) {
        *active.entry(key(by, p)).or_default() += 1;
        *participants.entry(key(by, p)).or_default() += i64::from(with_exchange.contains(&p.id));
    }
    Expected {
        ids,
        participants,
        active,
    }
}

#[test]
fn every_figure_matches_an_independent_count_and_its_evidence() {
    let store = demo();
    let periods = [
        Period::new(day("2026-10-01"), day("2027-01-31")).expect("whole demo"),
        Period::month(2026, 11).expect("November"),
        Period::new(day("2026-11-16"), day("2026-11-16")).expect("one day"),
    ];
    for period in periods {
        for by in [
            GroupBy::Person,
            GroupBy::Team,
            GroupBy::Department,
            GroupBy::Site,
        ] {
            let want = expected(&store, &period, by);
            let rows = summary(&store, &period, by).expect("summary");
            for row in &rows {
                for m in ALL {
                    let mut ids = want
                        .ids
                        .get(&(row.group.clone(), m))
                        .cloned()
                        .unwrap_or_default();
                    assert_eq!(
                        row.get(m),
                        ids.len() as i64,
                        "{m:?} of {:?} by {by:?} over {period:?} must equal the count from the activity list",
                        row.group
                    );
                    if by == GroupBy::Team {
                        let mut got =
                            evidence(&store, by, &row.group, m, &period).expect("evidence");
                        got.sort_unstable();
                        ids.sort_unstable();
                        assert_eq!(got, ids, "the drill-down of {m:?} for {:?} must list exactly the activities behind the figure", row.group);
                    }
                }
                assert_eq!(
                    row.participants,
                    want.participants.get(&row.group).copied().unwrap_or(0),
                    "participants of {:?}: active people with an exchange",
                    row.group
                );
                assert_eq!(
                    row.active_people,
                    want.active.get(&row.group).copied().unwrap_or(0),
                    "active people of {:?}",
                    row.group
                );
            }
            let total: i64 = rows.iter().map(|r| r.exchanges).sum();
            let want_total: usize = want
                .ids
                .iter()
                .filter(|((_, m), _)| *m == Metric::Exchanges)
                .map(|(_, v)| v.len())
                .sum();
            assert_eq!(
                total, want_total as i64,
                "no exchange may fall outside every group"
            );
        }
    }
    let year = summary(
        &store,
        &Period::new(day("2026-10-01"), day("2027-01-31")).expect("p"),
        GroupBy::Department,
    )
    .expect("summary");
    assert!(
        year.iter()
            .any(|r| r.shadowing_visitor > 0 && r.trainings_attended > 0),
        "the demo has past shadowing days and trainings, so the report must see some: {year:?}"
    );
}

#[test]
fn coverage_host_load_and_lists_agree_with_the_activity_list() {
    let store = demo();
    let period = Period::new(day("2026-10-01"), day("2027-01-31")).expect("period");
    let everyone: HashMap<Id, PersonRow> = people::list_rows(store.conn())
        .expect("people")
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut pairs: BTreeMap<(String, String), Vec<Id>> = BTreeMap::new();
    let mut hosted: BTreeMap<(Id, String), i64> = BTreeMap::new();
    for a in ops::activities::list(
        &store,
        &Filter {
            kind: Some(K::Shadowing),
            ..Filter::default()
        },
    )
    .expect("list")
    {
        let took = |r: Role| {
            a.participants
                .iter()
                .find(|p| p.role == r)
                .filter(|p| metric_of(&a, p).is_some())
        };
        let (Some(v), Some(h)) = (took(Role::Visitor), took(Role::Host)) else {
            continue;
        };
        let month = a
            .start
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%Y-%m")
            .to_string();
        if h.department == Department::Sales {
            *hosted.entry((h.person_id, month)).or_default() += 1;
        }
        let (m, o) = if v.department == Department::Marketing {
            (v, h)
        } else {
            (h, v)
        };
        if m.department == Department::Marketing
            && matches!(o.department, Department::Sales | Department::Crc)
        {
            pairs
                .entry((everyone[&m.person_id].email.clone(), o.team.clone()))
                .or_default()
                .push(a.id);
        }
    }
    let coverage = matrix(&store, &period, CoverageRows::Person).expect("coverage");
    let got: BTreeMap<(String, String), Vec<Id>> = coverage
        .cells
        .iter()
        .map(|c| ((c.row.clone(), c.team.clone()), c.activity_ids.clone()))
        .collect();
    assert_eq!(
        got, pairs,
        "each cell must hold exactly the shadowing days the pair spent together"
    );
    assert!(
        !got.is_empty(),
        "the demo has done shadowing days between marketing and sales"
    );
    let load: BTreeMap<(Id, String), i64> = host_load(&store, &period)
        .expect("host load")
        .into_iter()
        .map(|h| ((h.person_id, h.month), h.visitors))
        .collect();
    assert_eq!(
        load, hosted,
        "host load is the hosted days that took place per salesperson per local month"
    );

    let never = never_participated(&store).expect("never");
    for row in &never {
        let pass = passport(&store, row.person.id).expect("passport");
        assert!(
            pass.entries.iter().all(|e| !e.exchange),
            "{} is listed as never having taken part, so their passport must show no exchange",
            row.person.email
        );
        assert!(row.person.active, "only active people are listed");
    }
}

#[test]
fn period_helpers_cover_whole_calendar_units() {
    let q = Period::quarter(2024, 1).expect("Q1");
    assert_eq!(
        (q.from, q.to),
        (day("2024-01-01"), day("2024-03-31")),
        "Q1 is January to March"
    );
    let feb = Period::month(2024, 2).expect("February");
    assert_eq!(
        feb.to,
        day("2024-02-29"),
        "a leap February ends on the 29th"
    );
    let dec = Period::month(2025, 12).expect("December");
    assert_eq!(
        dec.to,
        day("2025-12-31"),
        "December ends before the next year starts"
    );
    let y = Period::year(2025).expect("2025");
    assert_eq!(
        (y.from, y.to),
        (day("2025-01-01"), day("2025-12-31")),
        "a year is 1 January to 31 December"
    );
    assert!(
        Period::quarter(2025, 5).is_err(),
        "there is no fifth quarter"
    );
    assert!(
        Period::month(2025, 13).is_err(),
        "there is no thirteenth month"
    );
    assert!(
        Period::new(day("2025-02-01"), day("2025-01-31")).is_err(),
        "a period cannot end before it starts"
    );
}

/// Participations whose copy of their activity's kind, status or times differs from the activity.
fn stale_copies(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM participations p JOIN activities a ON a.id = p.activity_id
             WHERE p.kind != a.kind OR p.activity_status != a.status OR p.start_at != a.start_at
                OR p.end_at != a.end_at",
            [],
            |r| r.get(0),
        )
        .expect("count")
}

#[test]
fn participations_keep_their_activity_copy_in_step() {
    let mut store = demo();
    assert_eq!(
        stale_copies(&store),
        0,
        "the demo's bulk inserts must copy kind, status and times, or the report scan would misclassify them"
    );
    let all = ops::activities::list(&store, &Filter::default()).expect("list");
    let coming: Vec<&ActivityRecord> = all
        .iter()
        .filter(|a| a.status == A::Planned && a.start > now())
        .take(2)
        .collect();
    assert_eq!(
        coming.len(),
        2,
        "the demo must hold planned activities to change"
    );
    ops::activities::cancel(&mut store, coming[0].id, now(), "test").expect("cancel");
    let moved = coming[1].start + chrono::Duration::days(7);
    ops::activities::reschedule(
        &mut store,
        coming[1].id,
        moved,
        coming[1].end + chrono::Duration::days(7),
        true,
        now(),
        "test",
    )
    .expect("a week later is free in the demo");
    assert_eq!(
        stale_copies(&store),
        0,
        "cancelling or moving an activity must update its participations' copies, or a cancelled activity would be counted"
    );
    let cancelled: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM participations WHERE activity_id = ?1 AND activity_status = 'cancelled'",
            [coming[0].id],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(
        cancelled as usize,
        coming[0].participants.len(),
        "every participation of the cancelled activity must read as cancelled"
    );
}
