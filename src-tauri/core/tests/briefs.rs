//! Brief series, their occurrences, edits from a day on, and the fair rota.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use unisson_core::model::{
    AbsenceSource, Department, Id, ParticipationStatus, PersonInput, SeriesInput,
};
use unisson_core::ops::{activities, people, series};
use unisson_core::plan::planner::{reason, Reason};
use unisson_core::store::activities::Filter;
use unisson_core::store::{absences, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 1, 12, 0, 0)
        .single()
        .expect("fixed instant")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn person(store: &mut Store, name: &str, dept: Department, team: &str) -> Id {
    let input = PersonInput {
        full_name: name.into(),
        email: format!("{}@ex.fr", name.to_lowercase()),
        department: dept,
        team: team.into(),
        site_id: None,
        manager_id: None,
        active: true,
    };
    people::add(store, &input, now(), "t").expect("person").id
}

fn monday_brief() -> SeriesInput {
    SeriesInput {
        title: String::new(),
        team: "Ventes Sud".into(),
        site_id: None,
        location: "Salle Garonne".into(),
        rrule: "FREQ=WEEKLY;BYDAY=MO".into(),
        first_day: day(2027, 1, 4),
        local_start: "08:00".into(),
        duration_minutes: 45,
        timezone: "Europe/Paris".into(),
        // Easter Monday.
        exdates: vec![day(2027, 3, 29)],
    }
}

struct World {
    store: Store,
    marketers: Vec<Id>,
    sellers: Vec<Id>,
}

fn world() -> World {
    let mut store = Store::open_in_memory().expect("store");
    let marketers = ["Anna", "Bruno", "Chloé"]
        .iter()
        .map(|n| person(&mut store, n, Department::Marketing, "Mktg"))
        .collect();
    let sellers = ["Sam", "Sacha"]
        .iter()
        .map(|n| person(&mut store, n, Department::Sales, "Ventes Sud"))
        .collect();
    World {
        store,
        marketers,
        sellers,
    }
}

fn occurrences(store: &Store, series_id: Id) -> Vec<unisson_core::model::ActivityRecord> {
    activities::list(store, &Filter::default())
        .expect("list")
        .into_iter()
        .filter(|a| a.series_id == Some(series_id))
        .collect()
}

#[test]
fn a_series_materialises_weekly_occurrences_with_the_team_minus_exdates() {
    let mut w = world();
    let s = series::create(&mut w.store, &monday_brief(), now(), "t").expect("series");
    let occ = occurrences(&w.store, s.id);
    assert_eq!(
        occ.len(),
        25,
        "26 weeks of Mondays from 2027-01-04, minus the Easter Monday EXDATE"
    );
    assert!(
        occ.iter()
            .all(|a| a.start.format("%Y-%m-%d").to_string() != "2027-03-29"),
        "no occurrence on an exception day"
    );
    let mut members: Vec<Id> = occ[0].participants.iter().map(|p| p.person_id).collect();
    members.sort_unstable();
    assert_eq!(
        members, w.sellers,
        "the team's salespeople attend their brief"
    );
}

#[test]
fn the_rota_is_fair_skips_absences_and_never_repeats_a_marketer_twice_in_a_row() {
    let mut w = world();
    let s = series::create(&mut w.store, &monday_brief(), now(), "t").expect("series");
    // Bruno is away the second week.
    w.store
        .write("t", now(), |tx| {
            absences::insert(
                tx,
                Some(w.marketers[1]),
                day(2027, 1, 11),
                day(2027, 1, 15),
                "Congés",
                AbsenceSource::Manual,
            )
        })
        .expect("absence");
    let rota = series::rota(&w.store, s.id, 6, now()).expect("rota");
    let who: Vec<Id> = rota.assignments.iter().map(|a| a.person_id).collect();
    assert_eq!(
        who.len(),
        6,
        "every occurrence gets a marketer when enough are free"
    );
    for pair in who.windows(2) {
        assert_ne!(
            pair[0], pair[1],
            "the same marketer never goes to the same team twice in a row"
        );
    }
    assert_ne!(who[1], w.marketers[1], "an absent marketer is not sent");
    assert!(
        matches!(
            &rota.assignments[0].reasons[..],
            [Reason::FewestBriefs { briefs: 0, .. }, Reason::NovelBrief { team, .. }] if team == "Ventes Sud"
        ),
        "on a clean slate the first marketer has the fewest briefs (none) and is new to the team's brief: {:?}",
        rota.assignments[0].reasons
    );
    for m in &w.marketers {
        let n = who.iter().filter(|p| *p == m).count();
        assert_eq!(
            n, 2,
            "six briefs over three marketers: two each, the load is balanced"
        );
    }
    let applied = series::apply_rota(&mut w.store, s.id, 6, now(), "t").expect("apply");
    assert_eq!(
        applied.assignments, rota.assignments,
        "applying writes exactly what was previewed"
    );
    let occ = occurrences(&w.store, s.id);
    assert!(
        occ[0]
            .participants
            .iter()
            .any(|p| p.person_id == who[0] && p.status == ParticipationStatus::Invited),
        "the assigned marketer is invited"
    );
    assert_eq!(occ[0].sequence, 1, "a new attendee bumps the SEQUENCE");
    let again = series::rota(&w.store, s.id, 6, now()).expect("rota again");
    assert!(
        again.assignments.is_empty() && again.kept.len() == 6,
        "filled occurrences are kept, not reassigned"
    );
}

#[test]
fn changing_a_series_from_a_day_on_keeps_the_past_and_moves_the_future() {
    let mut w = world();
    let s = series::create(&mut w.store, &monday_brief(), now(), "t").expect("series");
    let before = occurrences(&w.store, s.id);
    let later = now() + Duration::weeks(4);
    let changed = SeriesInput {
        local_start: "09:30".into(),
        ..monday_brief()
    };
    series::update_from(&mut w.store, s.id, day(2027, 2, 1), &changed, later, "t")
        .expect("this and following");
    let after = occurrences(&w.store, s.id);
    let jan = |list: &[unisson_core::model::ActivityRecord]| {
        list.iter()
            .find(|a| a.start.format("%F").to_string() == "2027-01-25")
            .map(|a| (a.start, a.sequence))
    };
    assert_eq!(
        jan(&after),
        jan(&before),
        "an occurrence before the change keeps its time and history"
    );
    let feb = after
        .iter()
        .find(|a| a.start.format("%F").to_string() == "2027-02-08")
        .expect("moved occurrence");
    assert_eq!(
        feb.start.format("%H:%M").to_string(),
        "08:30",
        "09:30 in Paris in winter is 08:30 UTC"
    );
    assert_eq!(
        feb.sequence, 1,
        "a moved occurrence is re-sent with a higher SEQUENCE"
    );
    let feb_before = before
        .iter()
        .find(|a| a.start.format("%F").to_string() == "2027-02-08")
        .expect("original");
    assert_eq!(
        feb.id, feb_before.id,
        "the occurrence is moved, not replaced, so its attendees and UID stay"
    );
}

#[test]
fn the_rota_runs_on_the_planner_s_rules_a_holiday_is_a_gap_and_the_last_marketer_does_not_go_again()
{
    let mut w = world();
    let s = series::create(&mut w.store, &monday_brief(), now(), "t").expect("series");
    // Chloé attended the first Monday (before `later`), and the second Monday is a company holiday.
    let occ = occurrences(&w.store, s.id);
    let mut input = activities::input_of(w.store.conn(), occ[0].id).expect("input");
    input
        .participants
        .push(unisson_core::model::ParticipantInput {
            person_id: w.marketers[2],
            role: unisson_core::model::Role::Attendee,
            status: ParticipationStatus::Invited,
        });
    activities::update(&mut w.store, occ[0].id, &input, true, now(), "t").expect("Chloé attends");
    w.store
        .write("t", now(), |tx| {
            absences::insert(
                tx,
                None,
                day(2027, 1, 11),
                day(2027, 1, 11),
                "Férié",
                AbsenceSource::Manual,
            )
        })
        .expect("holiday");
    let later = occ[0].end + Duration::hours(1);
    let rota = series::rota(&w.store, s.id, 3, later).expect("rota");
    assert_eq!(
        rota.gaps.iter().map(|g| g.activity_id).collect::<Vec<_>>(),
        vec![occ[1].id],
        "nobody is planned on a company holiday (a hard rule of the planner): that occurrence is a gap"
    );
    assert!(
        rota.gaps[0].reason.contains("holiday"),
        "the gap says why: {}",
        rota.gaps[0].reason
    );
    assert_eq!(
        rota.gaps[0].reasons,
        vec![Reason::Holiday {
            name: "Férié".into()
        }],
        "the gap's structured reason names the holiday, for the UI to say it in French or English"
    );
    let who: Vec<Id> = rota.assignments.iter().map(|a| a.person_id).collect();
    assert_eq!(who.len(), 2, "the two other occurrences are filled");
    assert!(
        !who.contains(&w.marketers[2]),
        "Chloé went last time and has one brief more than the others: Anna and Bruno go first, {who:?}"
    );
    assert_ne!(who[0], who[1], "not the same marketer twice in a row");
}

/// Adds `who` to occurrence `id` as an invited attendee.
fn attend(store: &mut Store, id: Id, who: Id) {
    let mut input = activities::input_of(store.conn(), id).expect("input");
    input
        .participants
        .push(unisson_core::model::ParticipantInput {
            person_id: who,
            role: unisson_core::model::Role::Attendee,
            status: ParticipationStatus::Invited,
        });
    activities::update(store, id, &input, true, now(), "t").expect("attends");
}

#[test]
fn rota_assignments_and_gaps_carry_structured_reasons_whose_english_is_the_reason() {
    let mut w = world();
    let (anna, bruno, chloe) = (w.marketers[0], w.marketers[1], w.marketers[2]);
    let sud = series::create(&mut w.store, &monday_brief(), now(), "t").expect("Ventes Sud");
    let nord_input = SeriesInput {
        team: "Ventes Nord".into(),
        ..monday_brief()
    };
    let nord = series::create(&mut w.store, &nord_input, now(), "t").expect("Ventes Nord");
    let est_input = SeriesInput {
        team: "Ventes Est".into(),
        local_start: "10:00".into(),
        ..monday_brief()
    };
    let est = series::create(&mut w.store, &est_input, now(), "t").expect("Ventes Est");
    let (sud_occ, nord_occ) = (
        occurrences(&w.store, sud.id),
        occurrences(&w.store, nord.id),
    );
    // Before `later`: Anna went to the last Ventes Sud brief; Bruno and Chloé to two Ventes Nord and one Ventes Est.
    attend(&mut w.store, sud_occ[1].id, anna);
    for occ in [
        &nord_occ[0],
        &nord_occ[1],
        &occurrences(&w.store, est.id)[0],
    ] {
        attend(&mut w.store, occ.id, bruno);
        attend(&mut w.store, occ.id, chloe);
    }
    // Third Monday: Anna is at the Ventes Nord brief (same time), Bruno and Chloé are on leave.
    attend(&mut w.store, nord_occ[3].id, anna);
    w.store
        .write("t", now(), |tx| {
            for m in [bruno, chloe] {
                let d = sud_occ[3].start.date_naive();
                absences::insert(tx, Some(m), d, d, "Congés", AbsenceSource::Manual)?;
            }
            Ok(())
        })
        .expect("leave");
    let later = sud_occ[1].end + Duration::hours(1);
    let rota = series::rota(&w.store, sud.id, 2, later).expect("rota");
    for a in &rota.assignments {
        assert_eq!(
            a.reason,
            reason::english(&a.reasons),
            "the CLI's English reason is the structured reasons' English"
        );
    }
    let first = rota
        .assignments
        .iter()
        .find(|a| a.activity_id == sud_occ[2].id)
        .expect("the first upcoming Monday is filled");
    let name = |id: Id| if id == bruno { "Bruno" } else { "Chloé" };
    assert_ne!(first.person_id, anna, "Anna went last time");
    assert_eq!(
        first.reasons,
        vec![
            Reason::BriefLoad {
                marketer: name(first.person_id).into(),
                briefs: 3
            },
            Reason::NovelBrief {
                marketer: name(first.person_id).into(),
                team: "Ventes Sud".into()
            },
            Reason::NotPrevious {
                marketer: "Anna".into()
            },
        ],
        "three briefs (not the fewest: Anna has two, with her Ventes Nord one planned), new to Ventes Sud's brief, \
         and Anna is skipped as last time's marketer"
    );
    let gap = rota
        .gaps
        .iter()
        .find(|g| g.activity_id == sud_occ[3].id)
        .expect("the third Monday has nobody");
    assert_eq!(
        gap.reasons,
        vec![Reason::NoMarketerFree { away: 2, busy: 1 }],
        "Bruno and Chloé are on leave and Anna is at another brief: the gap counts them"
    );
    assert_eq!(
        gap.reason,
        reason::english(&gap.reasons),
        "the gap's English"
    );
}

#[test]
fn a_marketer_with_more_briefs_is_told_where_the_one_with_fewer_goes() {
    let mut w = world();
    let (anna, bruno, chloe) = (w.marketers[0], w.marketers[1], w.marketers[2]);
    let sud = series::create(&mut w.store, &monday_brief(), now(), "t").expect("Ventes Sud");
    let nord_input = SeriesInput {
        team: "Ventes Nord".into(),
        local_start: "10:00".into(),
        ..monday_brief()
    };
    let nord_id = series::create(&mut w.store, &nord_input, now(), "t")
        .expect("Ventes Nord")
        .id;
    let (sud_occ, nord) = (
        occurrences(&w.store, sud.id),
        occurrences(&w.store, nord_id),
    );
    // Before the rota: Anna went to the last Ventes Sud brief (one brief), Bruno to two Ventes Nord ones; Chloé is on
    // leave for both upcoming Mondays. Anna would repeat on the first, so Bruno goes first and Anna second.
    attend(&mut w.store, sud_occ[1].id, anna);
    for occ in &nord[..2] {
        attend(&mut w.store, occ.id, bruno);
    }
    let (first_day, second_day) = (day(2027, 1, 18), day(2027, 1, 25));
    w.store
        .write("t", now(), |tx| {
            absences::insert(
                tx,
                Some(chloe),
                first_day,
                second_day,
                "Congés",
                AbsenceSource::Manual,
            )
        })
        .expect("leave");
    let later = nord[1].end + Duration::hours(1);
    let rota = series::rota(&w.store, sud.id, 2, later).expect("rota");
    let who: Vec<Id> = rota.assignments.iter().map(|a| a.person_id).collect();
    assert_eq!(
        who,
        vec![bruno, anna],
        "Anna went last time, so Bruno goes first and Anna the week after"
    );
    assert_eq!(
        rota.assignments[0].reasons,
        vec![
            Reason::BriefLoad {
                marketer: "Bruno".into(),
                briefs: 2
            },
            Reason::NovelBrief {
                marketer: "Bruno".into(),
                team: "Ventes Sud".into()
            },
            Reason::NotPrevious {
                marketer: "Anna".into()
            },
            Reason::FewerElsewhere {
                marketer: "Anna".into(),
                briefs: 1,
                day: second_day
            },
        ],
        "Bruno has more briefs than Anna, who is free but goes the week after (and went last time)"
    );
    assert!(
        matches!(
            rota.assignments[1].reasons[0],
            Reason::FewestBriefs { briefs: 1, .. }
        ),
        "Anna then has the fewest briefs of the free marketers (Bruno has three): {:?}",
        rota.assignments[1].reasons
    );
}
