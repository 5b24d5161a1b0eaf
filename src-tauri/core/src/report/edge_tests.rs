//! Hand-built edge cases: cancelled activities, no-shows and excused absences, an event spanning two periods, an
//! event whose UTC date differs from its local date, briefs of salespeople vs marketers, and future activities.

use super::coverage::{host_load, matrix, CoverageRows};
use super::participation::{evidence, summary, ParticipationRow};
use super::people::{never_participated, not_in_last_months, passport};
use super::{GroupBy, Metric, Period};
use crate::model::{
    ActivityKind, ActivityStatus, Department, Id, ParticipationStatus as P, Role, SiteInput,
};
use crate::store::{sites, Store};
use crate::testkit::{add_activity, at, day, person, PARIS};

pub(super) struct World {
    pub(super) store: Store,
    marketer: Id,
    seller: Id,
    agent: Id,
}

/// A marketer, a salesperson of "Ventes A" and a CRC agent, and their activities of March and April 2026 (Paris).
pub(super) fn world() -> (World, Vec<Id>) {
    let mut store = Store::open_in_memory().expect("store");
    let (m, s, c) = store
        .write("test", at("2026-01-01T00:00:00Z"), |tx| {
            let site = sites::insert(
                tx,
                &SiteInput {
                    name: "Paris".into(),
                    timezone: "Europe/Paris".into(),
                    seats: 10,
                    is_crc: false,
                },
            )?;
            let site = Some(site.id);
            Ok((
                person(tx, "mia", Department::Marketing, "Marque", site)?,
                person(tx, "sam", Department::Sales, "Ventes A", site)?,
                person(tx, "cleo", Department::Crc, "CRC Lyon", site)?,
            ))
        })
        .expect("people");
    use ActivityKind as K;
    use ActivityStatus as A;
    let ids = vec![
        // 0: a shadowing day that took place.
        add_activity(
            &mut store,
            K::Shadowing,
            A::Done,
            at("2026-03-10T08:00:00Z"),
            at("2026-03-10T16:00:00Z"),
            PARIS,
            &[
                (m, Role::Visitor, P::Attended),
                (s, Role::Host, P::Accepted),
            ],
        ),
        // 1: cancelled, although its participations still say attended: never counted.
        add_activity(
            &mut store,
            K::Shadowing,
            A::Cancelled,
            at("2026-03-12T08:00:00Z"),
            at("2026-03-12T16:00:00Z"),
            PARIS,
            &[
                (m, Role::Visitor, P::Attended),
                (s, Role::Host, P::Attended),
            ],
        ),
        // 2: a training: the marketer did not come, the seller came, the agent was excused.
        add_activity(
            &mut store,
            K::Training,
            A::Done,
            at("2026-03-17T08:00:00Z"),
            at("2026-03-17T11:00:00Z"),
            PARIS,
            &[
                (m, Role::Attendee, P::NoShow),
                (s, Role::Attendee, P::Attended),
                (c, Role::Attendee, P::Excused),
            ],
        ),
        // 3: a training from 23:00 on 31 March to 01:00 on 1 April, Paris: March only.
        add_activity(
            &mut store,
            K::Training,
            A::Done,
            at("2026-03-31T21:00:00Z"),
            at("2026-03-31T23:00:00Z"),
            PARIS,
            &[(s, Role::Attendee, P::Attended)],
        ),
        // 4: 00:30 on 1 April in Paris is still 31 March in UTC: April.
        add_activity(
            &mut store,
            K::Colocation,
            A::Done,
            at("2026-03-31T22:30:00Z"),
            at("2026-04-01T06:00:00Z"),
            PARIS,
            &[(m, Role::Attendee, P::Accepted)],
        ),
        // 5: a brief: the seller's is not an exchange, the marketer's is.
        add_activity(
            &mut store,
            K::Brief,
            A::Done,
            at("2026-03-20T07:00:00Z"),
            at("2026-03-20T08:00:00Z"),
            PARIS,
            &[
                (s, Role::Attendee, P::Accepted),
                (m, Role::Attendee, P::Attended),
            ],
        ),
        // 6: planned, not done, nobody signed off: not counted yet.
        add_activity(
            &mut store,
            K::Shadowing,
            A::Planned,
            at("2026-04-15T08:00:00Z"),
            at("2026-04-15T16:00:00Z"),
            PARIS,
            &[
                (m, Role::Visitor, P::Accepted),
                (s, Role::Host, P::Accepted),
            ],
        ),
        // 7: a shadowing day whose host did not show up: the visitor's day counts, the host's and the pair's do not.
        add_activity(
            &mut store,
            K::Shadowing,
            A::Done,
            at("2026-03-24T08:00:00Z"),
            at("2026-03-24T16:00:00Z"),
            PARIS,
            &[(m, Role::Visitor, P::Attended), (s, Role::Host, P::NoShow)],
        ),
    ];
    (
        World {
            store,
            marketer: m,
            seller: s,
            agent: c,
        },
        ids,
    )
}

fn row<'a>(rows: &'a [ParticipationRow], group: &str) -> &'a ParticipationRow {
    rows.iter()
        .find(|r| r.group == group)
        .expect("every person has a row")
}

#[test]
fn cancelled_no_show_excused_and_zone_edges_are_counted_right() {
    let (w, ids) = world();
    let march = Period::month(2026, 3).expect("March");
    let april = Period::month(2026, 4).expect("April");
    let rows = summary(&w.store, &march, GroupBy::Person).expect("summary");
    let (m, s, c) = (
        row(&rows, "mia@ex.fr"),
        row(&rows, "sam@ex.fr"),
        row(&rows, "cleo@ex.fr"),
    );
    assert_eq!(m.shadowing_visitor, 2, "the done day and the day whose host was absent count for the visitor; the cancelled one never does");
    assert_eq!(
        s.shadowing_host, 1,
        "a host who did not show up did not host, and a cancelled day is not counted"
    );
    assert_eq!(
        (m.trainings_attended, m.training_no_shows),
        (0, 1),
        "a no-show is not attended"
    );
    assert_eq!(
        s.trainings_attended, 2,
        "the 23:00 training of 31 March counts in March, where it starts"
    );
    assert_eq!(
        (c.trainings_attended, c.training_excused),
        (0, 1),
        "an excused absence is not attended"
    );
    assert_eq!(
        m.colocation_days, 0,
        "00:30 on 1 April (Paris) is April even though it is 31 March in UTC"
    );
    assert_eq!(
        (m.briefs_attended, s.briefs_attended),
        (1, 1),
        "both attended the brief"
    );
    assert_eq!(
        (m.exchanges, s.exchanges),
        (3, 3),
        "the seller's own brief is not an exchange; the marketer's is"
    );
    assert_eq!(
        (c.participants, c.participation_rate),
        (0, Some(0.0)),
        "an excused absence is not an exchange"
    );
    let all = summary(&w.store, &march, GroupBy::Department).expect("by department");
    assert_eq!(
        all.iter().map(|r| r.participants).sum::<i64>(),
        2,
        "two of the three took part in March"
    );

    let rows = summary(&w.store, &april, GroupBy::Person).expect("April");
    let (m, s) = (row(&rows, "mia@ex.fr"), row(&rows, "sam@ex.fr"));
    assert_eq!(
        m.colocation_days, 1,
        "the co-location of 1 April, local, is April's"
    );
    assert_eq!(
        s.trainings_attended, 0,
        "the training that started on 31 March is not counted again in April"
    );
    assert_eq!(m.shadowing_visitor, 0, "a planned day has not taken place");

    let one_day = Period::new(day("2026-04-01"), day("2026-04-01")).expect("day");
    assert_eq!(
        evidence(
            &w.store,
            GroupBy::Person,
            "mia@ex.fr",
            Metric::ColocationDays,
            &one_day
        )
        .expect("evidence"),
        vec![ids[4]],
        "the drill-down of a one-day period names the activity of that local day"
    );
    assert_eq!(
        evidence(
            &w.store,
            GroupBy::Team,
            "Ventes A",
            Metric::Exchanges,
            &march
        )
        .expect("evidence"),
        vec![ids[0], ids[2], ids[3]],
        "the seller's exchanges are the hosted day and two trainings, not the brief"
    );
}

#[test]
fn coverage_host_load_lists_and_passport_on_edge_cases() {
    let (w, ids) = world();
    let spring = Period::new(day("2026-03-01"), day("2026-04-30")).expect("spring");
    let cov = matrix(&w.store, &spring, CoverageRows::Team).expect("coverage");
    assert_eq!(
        cov.rows,
        vec!["Marque".to_owned()],
        "rows are the marketing teams"
    );
    assert_eq!(
        cov.columns.len(),
        2,
        "columns are every sales and CRC team, covered or not"
    );
    assert_eq!(
        cov.cells.len(),
        1,
        "only the day both took part in covers a team"
    );
    assert_eq!(
        (
            cov.cells[0].days,
            cov.cells[0].last,
            cov.cells[0].activity_ids.clone()
        ),
        (1, day("2026-03-10"), vec![ids[0]]),
        "one day together, on 10 March"
    );
    let load = host_load(&w.store, &spring).expect("host load");
    assert_eq!(load.len(), 1, "one month with hosting");
    assert_eq!(
        (load[0].person_id, load[0].month.as_str(), load[0].visitors),
        (w.seller, "2026-03", 1),
        "the seller hosted once in March"
    );

    let never: Vec<Id> = never_participated(&w.store)
        .expect("never")
        .iter()
        .map(|i| i.person.id)
        .collect();
    assert_eq!(
        never,
        vec![w.agent],
        "only the excused agent never took part"
    );
    let stale: Vec<Id> = not_in_last_months(&w.store, day("2026-08-01"), 4)
        .expect("stale")
        .iter()
        .map(|i| i.person.id)
        .collect();
    assert_eq!(stale, vec![w.agent, w.seller], "4 months before 1 August is 1 April: the seller's last exchange (31 March) is older, the marketer's (1 April) is not; listed by name");

    let pass = passport(&w.store, w.marketer).expect("passport");
    assert_eq!(
        pass.entries.len(),
        7,
        "the passport lists every participation, cancelled ones included"
    );
    assert_eq!(
        pass.totals["exchanges"], 4,
        "done day, absent-host day, co-location and brief"
    );
    assert!(
        pass.entries
            .iter()
            .any(|e| e.activity_id == ids[1] && !e.exchange),
        "a cancelled day is listed but not an exchange"
    );
}
