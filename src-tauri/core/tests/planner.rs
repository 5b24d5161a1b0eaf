//! The planner's soft goals on small hand-made instances whose best answer is known.

use chrono::{Datelike, NaiveDate};
use std::sync::atomic::AtomicBool;
use unisson_core::model::{Department, HalfDay, PlanningRules};
use unisson_core::plan::planner::model::{Instance, Member, SiteInfo, NONE};
use unisson_core::plan::planner::{plan_instance, Plan, Weights};

fn day(d: u32) -> NaiveDate {
    // 2027-03-01 is a Monday.
    NaiveDate::from_ymd_opt(2027, 3, d).expect("valid date")
}

fn member(name: &str, dept: Department, team: usize) -> Member {
    Member {
        id: 0,
        email: format!("{}@ex.fr", name.to_lowercase()),
        name: name.into(),
        dept,
        team,
        site: 0,
        newcomer: false,
    }
}

/// Visitors and hosts are given by index into `members`; every visitor wants `per` exchanges.
fn instance(
    members: Vec<Member>,
    visitors: &[usize],
    hosts: &[usize],
    days: Vec<NaiveDate>,
    per: u32,
) -> Instance {
    let mut inst = Instance {
        days,
        half_days: false,
        same_site: true,
        members,
        teams: vec!["Ventes Nord".into(), "Ventes Sud-Ouest".into()],
        sites: vec![SiteInfo {
            id: 1,
            name: "Paris".into(),
            timezone: "Europe/Paris".into(),
            seats: 10,
            is_crc: false,
        }],
        visitors: visitors.to_vec(),
        targets: vec![per; visitors.len()],
        hosts: hosts.to_vec(),
        rules: PlanningRules {
            host_capacity_per_half_day: 1,
            max_host_days_per_month: 2,
        },
        ..Instance::default()
    };
    inst.allocate();
    inst
}

fn run(inst: &Instance) -> Plan {
    plan_instance(
        inst,
        Weights::default(),
        7,
        &AtomicBool::new(false),
        &mut |_| {},
    )
}

fn pairs(plan: &Plan) -> Vec<(String, String)> {
    let mut out: Vec<_> = plan
        .proposals
        .iter()
        .map(|p| (p.visitor.clone(), p.host.clone()))
        .collect();
    out.sort();
    out
}

#[test]
fn novelty_picks_the_pairs_not_yet_visited() {
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Marc", Department::Marketing, NONE),
        member("Paul", Department::Sales, 0),
        member("Sara", Department::Sales, 1),
    ];
    let mut inst = instance(members, &[0, 1], &[2, 3], vec![day(1)], 1);
    inst.seen_pairs.insert((0, 2));
    inst.seen_teams.insert((0, 0));
    let plan = run(&inst);
    assert_eq!(
        pairs(&plan),
        vec![
            ("marc@ex.fr".into(), "paul@ex.fr".into()),
            ("marie@ex.fr".into(), "sara@ex.fr".into())
        ],
        "Marie already visited Paul's team: the only plan with two new pairs sends her to Sara"
    );
    assert!(
        plan.proposals[1].reason.contains("has not yet visited"),
        "the reason names the novelty: {}",
        plan.proposals[1].reason
    );
    assert_eq!(plan.objective.parts.coverage, 2, "both visitors are placed");
}

#[test]
fn fairness_prefers_the_host_who_hosted_least() {
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Paul", Department::Sales, 0),
        member("Pierre", Department::Sales, 0),
    ];
    let mut inst = instance(members, &[0], &[1, 2], vec![day(1), day(2)], 1);
    inst.host_base[1] = 3;
    let plan = run(&inst);
    assert_eq!(
        plan.proposals[0].host, "pierre@ex.fr",
        "Paul hosted three times this quarter, Pierre never: an even load sends Marie to Pierre"
    );
    assert!(
        plan.proposals[0]
            .reason
            .contains("Pierre has hosted 0 time(s)"),
        "the reason says how much the host hosted: {}",
        plan.proposals[0].reason
    );
}

#[test]
fn newcomers_are_spared() {
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Nina", Department::Sales, 0),
        member("Paul", Department::Sales, 0),
    ];
    let mut inst = instance(members, &[0], &[1, 2], vec![day(1)], 1);
    inst.members[1].newcomer = true;
    let plan = run(&inst);
    assert_eq!(
        plan.proposals[0].host, "paul@ex.fr",
        "Nina just joined and Paul is as good otherwise: newcomers are not flooded"
    );
}

#[test]
fn spread_puts_one_visitor_s_exchanges_in_different_weeks() {
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Paul", Department::Sales, 0),
        member("Sara", Department::Sales, 1),
    ];
    let days = vec![day(1), day(2), day(3), day(8), day(9)];
    let inst = instance(members, &[0], &[1, 2], days, 2);
    let plan = run(&inst);
    assert_eq!(
        plan.proposals.len(),
        2,
        "Marie wants two exchanges and there is room"
    );
    let weeks: Vec<_> = plan
        .proposals
        .iter()
        .map(|p| p.start.date_naive().iso_week().week())
        .collect();
    assert_ne!(
        weeks[0], weeks[1],
        "two exchanges in one week are worse than one a week"
    );
}

#[test]
fn reciprocity_sends_marketing_to_the_team_that_visits_back() {
    // Sacha (Ventes Sud-Ouest) visits marketing; Marie should visit Sacha's team rather than an equally new one.
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Sacha", Department::Sales, 1),
        member("Anna", Department::Sales, 0),
        member("Bruno", Department::Sales, 1),
        member("Mona", Department::Marketing, NONE),
    ];
    let inst = instance(members, &[0, 1], &[2, 3, 4], vec![day(1), day(2)], 1);
    let plan = run(&inst);
    assert!(
        pairs(&plan).contains(&("marie@ex.fr".into(), "bruno@ex.fr".into())),
        "a visit to Ventes Sud-Ouest is returned by Sacha: reciprocity picks Bruno, got {:?}",
        pairs(&plan)
    );
    assert_eq!(plan.objective.parts.reciprocity, 1, "one team reciprocated");
}

#[test]
fn the_most_constrained_visitor_is_served_first() {
    let members = vec![
        member("Marc", Department::Marketing, NONE),
        member("Marie", Department::Marketing, NONE),
        member("Paul", Department::Sales, 0),
    ];
    let mut inst = instance(members, &[0, 1], &[2], vec![day(1), day(2)], 1);
    // Marie is free only on Tuesday.
    for s in [0, 1] {
        let i = inst.at(1, s);
        inst.blocked[i] = true;
    }
    let plan = run(&inst);
    assert_eq!(
        plan.proposals.len(),
        2,
        "both fit if Marie gets Tuesday: {:?}",
        plan.unplaced
    );
}

#[test]
fn same_seed_same_plan_and_half_days_use_both_halves() {
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Marc", Department::Marketing, NONE),
        member("Paul", Department::Sales, 0),
    ];
    let mut inst = instance(members, &[0, 1], &[2], vec![day(1)], 1);
    inst.half_days = true;
    let a = run(&inst);
    let b = run(&inst);
    assert_eq!(
        a, b,
        "the planner is deterministic for the same input and seed"
    );
    let mut parts: Vec<_> = a.proposals.iter().map(|p| p.half_day).collect();
    parts.sort();
    assert_eq!(
        parts,
        vec![HalfDay::Am, HalfDay::Pm],
        "Paul receives one visitor per half-day, so Marie and Marc share his day"
    );
    assert_eq!(
        a.objective.total,
        a.objective.parts.total(&a.objective.weights),
        "the total is the weighted sum of the parts"
    );
}

#[test]
fn the_monthly_hosting_limit_counts_and_the_short_are_explained() {
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Marc", Department::Marketing, NONE),
        member("Mia", Department::Marketing, NONE),
        member("Paul", Department::Sales, 0),
    ];
    let inst = instance(members, &[0, 1, 2], &[3], vec![day(1), day(2), day(3)], 1);
    let plan = run(&inst);
    assert_eq!(
        plan.proposals.len(),
        2,
        "Paul may host on two days a month: the third visitor cannot be placed"
    );
    assert_eq!(plan.unplaced.len(), 1, "the visitor left out is reported");
    assert!(
        plan.unplaced[0].reason.starts_with("0 of 1"),
        "the reason counts what was placed: {}",
        plan.unplaced[0].reason
    );
}

#[test]
fn a_cancelled_run_stops_with_a_valid_plan_and_progress_is_reported() {
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Paul", Department::Sales, 0),
    ];
    let inst = instance(members, &[0], &[1], vec![day(1), day(2)], 1);
    let plan = plan_instance(
        &inst,
        Weights::default(),
        1,
        &AtomicBool::new(true),
        &mut |_| {},
    );
    assert!(
        plan.proposals.is_empty(),
        "a run cancelled before it starts places nothing"
    );
    assert_eq!(
        plan.unplaced.len(),
        1,
        "and says who is left without an exchange"
    );
    let members = (0..70)
        .map(|i| member(&format!("M{i}"), Department::Marketing, NONE))
        .chain([member("Paul", Department::Sales, 0)])
        .collect();
    let visitors: Vec<usize> = (0..70).collect();
    let days = (1..=31).map(day).collect();
    let inst = instance(members, &visitors, &[70], days, 1);
    let mut seen = Vec::new();
    plan_instance(
        &inst,
        Weights::default(),
        1,
        &AtomicBool::new(false),
        &mut |p| seen.push(p.phase),
    );
    assert!(
        seen.contains(&unisson_core::plan::planner::Phase::Construct),
        "the construction reports its progress so the dialog can show it: {seen:?}"
    );
}

#[test]
fn a_heavier_host_fairness_weight_sends_the_visitor_to_the_less_loaded_host() {
    // Marie already met Paul; Pierre is new to her but hosted three times this quarter.
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Paul", Department::Sales, 0),
        member("Pierre", Department::Sales, 0),
    ];
    let mut inst = instance(members, &[0], &[1, 2], vec![day(1)], 1);
    inst.seen_pairs.insert((0, 1));
    inst.seen_teams.insert((0, 0));
    inst.host_base[2] = 3;
    let with = |w: Weights| {
        plan_instance(&inst, w, 7, &AtomicBool::new(false), &mut |_| {}).proposals[0]
            .host
            .clone()
    };
    assert_eq!(
        with(Weights::default()),
        "pierre@ex.fr",
        "by default a new pair (+30) outweighs Pierre's extra load (4 × (7 − 1) = 24)"
    );
    let fair = Weights {
        host_load: 10,
        ..Weights::default()
    };
    assert_eq!(
        with(fair),
        "paul@ex.fr",
        "with host fairness at 10 Pierre's load costs 60 > 30: the less loaded host wins"
    );
    let novel = Weights {
        host_load: 10,
        new_pair: 100,
        ..Weights::default()
    };
    assert_eq!(
        with(novel),
        "pierre@ex.fr",
        "raising novelty back above the load difference returns to the new pair"
    );
}

#[test]
fn weights_are_validated_saved_and_used_by_default() {
    use chrono::{TimeZone, Utc};
    use unisson_core::ops::plan;
    use unisson_core::store::Store;
    let now = Utc
        .with_ymd_and_hms(2027, 1, 1, 9, 0, 0)
        .single()
        .expect("instant");
    let mut store = Store::open_in_memory().expect("store");
    assert_eq!(
        plan::weights(&store).expect("weights"),
        Weights::default(),
        "nothing saved yet: the defaults"
    );
    let bad = Weights {
        new_pair: -1,
        coverage: 0,
        ..Weights::default()
    };
    let err = plan::update_weights(&mut store, &bad, now, "t").expect_err("invalid weights");
    assert_eq!(
        err.code(),
        "validation",
        "a negative weight is a field error"
    );
    assert!(
        err.to_string().contains("newPair") && err.to_string().contains("coverage"),
        "each bad weight is named: {err}"
    );
    let mine = Weights {
        host_load: 9,
        ..Weights::default()
    };
    plan::update_weights(&mut store, &mine, now, "t").expect("saved");
    assert_eq!(
        plan::weights(&store).expect("weights"),
        mine,
        "the saved weights are read back"
    );
}

#[test]
fn reasons_are_codes_with_parameters_and_the_english_reason_renders_them() {
    use unisson_core::plan::planner::{reason, Reason};
    let members = vec![
        member("Marie", Department::Marketing, NONE),
        member("Marc", Department::Marketing, NONE),
        member("Sara", Department::Sales, 1),
    ];
    // One day, one host with capacity 1: Marc cannot be placed.
    let inst = instance(members, &[0, 1], &[2], vec![day(1)], 1);
    let plan = run(&inst);
    assert_eq!(plan.proposals.len(), 1, "one host, one day: one exchange");
    let p = &plan.proposals[0];
    assert!(
        matches!(&p.reasons[0], Reason::NovelTeam { team, .. } if team == "Ventes Sud-Ouest"),
        "the first part says which team is new to the visitor: {:?}",
        p.reasons
    );
    assert!(
        p.reasons.iter().any(
            |r| matches!(r, Reason::HostLoad { host, before: 0, planned: 1 } if host == "Sara")
        ),
        "a part gives the host's load as numbers the UI formats: {:?}",
        p.reasons
    );
    assert_eq!(
        p.reason,
        reason::english(&p.reasons),
        "the plan file's English reason is rendered from the same parts"
    );
    let json = serde_json::to_value(p).expect("json");
    assert_eq!(
        json["reasons"][0]["code"], "novel_team",
        "each part carries a stable snake_case code for the UI: {json}"
    );
    let short = &plan.unplaced[0];
    assert!(
        matches!(
            short.reasons.as_slice(),
            [
                Reason::Short { got: 0, target: 1 },
                Reason::HostsFull { .. }
            ]
        ),
        "the unplaced reason is the shortfall then its cause: {:?}",
        short.reasons
    );
    assert!(
        short
            .reason
            .starts_with("0 of 1 exchange(s) placed: every possible host"),
        "and reads as before in English: {}",
        short.reason
    );
}
