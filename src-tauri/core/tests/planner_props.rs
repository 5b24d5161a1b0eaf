//! No plan ever breaks a hard rule: random organisations, absences, holidays, existing activities and limits; the
//! plan is accepted into the store and every created activity is checked again independently, against everything
//! else (the other proposals included), plus a recount of hosting days per month.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::AtomicBool;
use unisson_core::model::{
    AbsenceSource, ActivityInput, ActivityKind, ActivityStatus, Department, HalfDay, Id,
    ParticipantInput, ParticipationStatus, PersonInput, PlanningRules, Role, SiteInput,
};
use unisson_core::ops::{activities, people, plan, settings, sites};
use unisson_core::plan::planner::{PlanRequest, Weights};
use unisson_core::schedule;
use unisson_core::store::{absences, board, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 4, 8, 0, 0)
        .single()
        .expect("fixed instant")
}

fn day(offset: i64) -> NaiveDate {
    // Monday 2027-03-01 plus `offset` days.
    NaiveDate::from_ymd_opt(2027, 3, 1).expect("date") + Duration::days(offset)
}

fn noon(d: NaiveDate) -> DateTime<Utc> {
    Paris
        .from_local_datetime(&d.and_hms_opt(12, 0, 0).expect("time"))
        .single()
        .expect("paris")
        .with_timezone(&Utc)
}

#[derive(Debug, Clone)]
struct Case {
    marketers: usize,
    sellers: usize,
    agents: usize,
    crc_seats: i32,
    cap: i32,
    max_days: i32,
    absences: Vec<(usize, i64, i64)>,
    holiday: Option<i64>,
    existing: Vec<(usize, usize, i64, u8)>,
    per_visitor: u32,
    half_days: bool,
    cross_site: bool,
    reciprocity: bool,
    seed: u64,
}

fn case() -> impl Strategy<Value = Case> {
    (
        (2usize..6, 1usize..5, 1usize..4, 0i32..3, 1i32..3, 1i32..4),
        proptest::collection::vec((0usize..12, 0i64..30, 0i64..4), 0..6),
        proptest::option::of(0i64..30),
        proptest::collection::vec((0usize..12, 0usize..12, 0i64..30, 0u8..3), 0..8),
        (
            1u32..4,
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<u64>(),
        ),
    )
        .prop_map(|(o, absences, holiday, existing, r)| Case {
            marketers: o.0,
            sellers: o.1,
            agents: o.2,
            crc_seats: o.3,
            cap: o.4,
            max_days: o.5,
            absences,
            holiday,
            existing,
            per_visitor: r.0,
            half_days: r.1,
            cross_site: r.2,
            reciprocity: r.3,
            seed: r.4,
        })
}

fn build(c: &Case) -> (Store, Vec<Id>) {
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
    let crc = sites::add(&mut store, &site("CRC Lyon", c.crc_seats, true), now(), "t")
        .expect("crc")
        .id;
    settings::update_rules(
        &mut store,
        &PlanningRules {
            host_capacity_per_half_day: c.cap,
            max_host_days_per_month: c.max_days,
        },
        now(),
        "t",
    )
    .expect("rules");
    let mut ids = Vec::new();
    let groups = [
        (c.marketers, Department::Marketing, paris, ""),
        (c.sellers, Department::Sales, paris, "Ventes"),
        (c.agents, Department::Crc, crc, "CRC"),
    ];
    for (n, dept, site, team) in groups {
        for i in 0..n {
            let input = PersonInput {
                full_name: format!("{dept} {i}"),
                email: format!("{dept}{i}@ex.fr"),
                department: dept,
                team: if team.is_empty() {
                    String::new()
                } else {
                    format!("{team} {}", i % 2)
                },
                site_id: Some(site),
                manager_id: None,
                active: true,
            };
            ids.push(
                people::add(&mut store, &input, now(), "t")
                    .expect("person")
                    .id,
            );
        }
    }
    for &(who, first, len) in &c.absences {
        let p = ids[who % ids.len()];
        store
            .write("t", now(), |tx| {
                absences::insert(
                    tx,
                    Some(p),
                    day(first),
                    day(first + len),
                    "congé",
                    AbsenceSource::Manual,
                )
            })
            .expect("absence");
    }
    if let Some(h) = c.holiday {
        store
            .write("t", now(), |tx| {
                absences::insert(tx, None, day(h), day(h), "férié", AbsenceSource::Manual)
            })
            .expect("holiday");
    }
    // Existing activities: a shadowing between a marketer and someone, or a co-location at the CRC. Refused ones are
    // simply not there.
    for &(a, b, d, kind) in &c.existing {
        let (v, h) = (
            ids[a % c.marketers],
            ids[c.marketers + b % (ids.len() - c.marketers)],
        );
        let colocation = kind == 2;
        let input = ActivityInput {
            kind: if colocation {
                ActivityKind::Colocation
            } else {
                ActivityKind::Shadowing
            },
            title: String::new(),
            description: String::new(),
            site_id: Some(if colocation { crc } else { paris }),
            location: String::new(),
            start: noon(day(d)),
            end: noon(day(d)) + Duration::hours(1),
            timezone: "Europe/Paris".into(),
            all_day: false,
            status: ActivityStatus::Planned,
            organizer_id: None,
            half_day: Some(if kind == 0 {
                HalfDay::Am
            } else {
                HalfDay::Full
            }),
            capacity: None,
            mix_min_marketing: None,
            mix_min_sales: None,
            series_id: None,
            goals: String::new(),
            participants: if colocation {
                vec![ParticipantInput {
                    person_id: v,
                    role: Role::Attendee,
                    status: ParticipationStatus::Invited,
                }]
            } else {
                vec![
                    ParticipantInput {
                        person_id: v,
                        role: Role::Visitor,
                        status: ParticipationStatus::Invited,
                    },
                    ParticipantInput {
                        person_id: h,
                        role: Role::Host,
                        status: ParticipationStatus::Invited,
                    },
                ]
            },
        };
        let _ = activities::create(&mut store, &input, false, now(), "t");
    }
    (store, ids)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_plan_ever_breaks_a_hard_rule(c in case()) {
        let (mut store, _) = build(&c);
        let mut visitors = vec![Department::Marketing];
        let mut hosts = vec![Department::Sales, Department::Crc];
        if c.reciprocity {
            visitors.extend([Department::Sales, Department::Crc]);
            hosts.push(Department::Marketing);
        }
        let req = PlanRequest {
            from: day(0),
            to: day(27),
            visitors,
            hosts,
            per_visitor: c.per_visitor,
            half_days: c.half_days,
            cross_site: c.cross_site,
            seed: c.seed,
            weights: Weights::default(),
        };
        let suggested = plan::suggest(&store, &req, now(), &AtomicBool::new(false), &mut |_| {}).expect("plan");
        for u in &suggested.unplaced {
            prop_assert!(
                !u.reason.contains("dropped by the clash check"),
                "the in-memory model must agree with the clash check: {}", u.reason
            );
        }
        let applied = plan::apply(&mut store, &suggested, now(), "t").expect("apply");
        prop_assert!(
            applied.refused.is_empty(),
            "a fresh plan on an unchanged database is accepted whole: {:?}", applied.refused
        );
        let rules = settings::rules(&store).expect("rules");
        for a in &applied.created {
            let input = activities::input_of(store.conn(), a.activity_id).expect("input");
            let findings = schedule::check(store.conn(), &input, Some(a.activity_id), &rules).expect("check");
            prop_assert!(
                findings.is_empty(),
                "a planned exchange must break no rule (double booking, absence, holiday, capacity, seats, weekend), \
                 even against the rest of the plan: {:?}",
                findings.iter().map(|f| &f.message).collect::<Vec<_>>()
            );
        }
        // Hosting days per host and month, existing hosting included.
        let created: HashSet<Id> = applied.created.iter().map(|a| a.activity_id).collect();
        let items = board::items(store.conn(), noon(day(-40)), noon(day(60))).expect("board");
        let mut days: HashMap<(Id, u32), HashSet<NaiveDate>> = HashMap::new();
        let mut new_months: HashSet<(Id, u32)> = HashSet::new();
        let mut before: HashMap<(Id, u32), HashSet<NaiveDate>> = HashMap::new();
        for item in items.iter().filter(|i| i.kind == ActivityKind::Shadowing && i.status != ActivityStatus::Cancelled) {
            for s in item.seats.iter().filter(|s| s.role == Role::Host && schedule::coming(s.status)) {
                let d = item.start.with_timezone(&Paris).date_naive();
                let key = (s.person_id, chrono::Datelike::month(&d));
                days.entry(key).or_default().insert(d);
                if created.contains(&item.id) {
                    new_months.insert(key);
                } else {
                    before.entry(key).or_default().insert(d);
                }
            }
        }
        for key in new_months {
            let had = before.get(&key).map_or(0, HashSet::len);
            // A host already past the limit may still receive someone on a day they host anyway, never on a new day.
            prop_assert!(
                days[&key].len() == had || days[&key].len() as i32 <= c.max_days,
                "host {} would host on {} days in month {}, above the limit of {}",
                key.0, days[&key].len(), key.1, c.max_days
            );
        }
        let again = plan::suggest(&store, &req, now(), &AtomicBool::new(false), &mut |_| {}).expect("replan");
        prop_assert!(
            again.proposals.len() <= suggested.unplaced.len() * c.per_visitor as usize,
            "re-running keeps what was accepted and only fills around it"
        );
    }
}

#[test]
fn accepting_a_hand_edited_plan_still_refuses_a_hosting_day_beyond_the_monthly_limit() {
    let c = Case {
        marketers: 3,
        sellers: 1,
        agents: 1,
        crc_seats: 1,
        cap: 1,
        max_days: 2,
        absences: Vec::new(),
        holiday: None,
        existing: Vec::new(),
        per_visitor: 1,
        half_days: false,
        cross_site: false,
        reciprocity: false,
        seed: 1,
    };
    let (mut store, _) = build(&c);
    let proposal = |m: usize, d: i64| unisson_core::plan::planner::Proposal {
        visitor: format!("marketing{m}@ex.fr"),
        host: "sales0@ex.fr".into(),
        start: noon(day(d)),
        end: noon(day(d)),
        site: "Paris".into(),
        half_day: HalfDay::Full,
        reason: "hand-made".into(),
        reasons: Vec::new(),
    };
    let edited = unisson_core::plan::planner::Plan {
        proposals: vec![proposal(0, 1), proposal(1, 2), proposal(2, 3)],
        unplaced: Vec::new(),
        objective: unisson_core::plan::planner::Objective {
            total: 0,
            parts: Default::default(),
            weights: Weights::default(),
            wanted: 3,
        },
    };
    let applied = plan::apply(&mut store, &edited, now(), "t").expect("apply");
    assert_eq!(
        applied.created.len(),
        2,
        "the host may host on two days this month"
    );
    assert_eq!(
        applied.refused.len(),
        1,
        "the third day is refused, not fatal for the others"
    );
    assert!(
        applied.refused[0].message.contains("limit is 2"),
        "the refusal names the monthly limit: {}",
        applied.refused[0].message
    );
}
