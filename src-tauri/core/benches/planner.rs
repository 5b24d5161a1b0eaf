//! Planner benchmark:
//! - quality: 120 random instances small enough for an exhaustive search, which proves the optimum; the planner's
//!   objective as a % of it (target ≥ 98% on average) and how often it is exactly optimal;
//! - speed: a quarter (60 working days) for 500 visitors × 2,000 possible hosts, synthetic and deterministic, built in
//!   memory (target < 2 s for the search).
//!
//! - end to end on the scale data set of the scheduling benchmark (5,000 people, 5 years; built by
//!   `cargo bench -p unisson-core --bench schedule`, skipped when absent): `suggest` for a quarter, reading the store,
//!   searching and re-checking every proposal with the clash check.
//!
//! Run: `cargo bench -p unisson-core --bench planner` (release).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use cpu_time::ThreadTime;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::sync::atomic::AtomicBool;
use std::time::Instant;
use unisson_core::model::{Department, PlanningRules};
use unisson_core::ops::plan;
use unisson_core::plan::planner::model::{Instance, Member, Place, SiteInfo, NONE};
use unisson_core::plan::planner::solve::State;
use unisson_core::plan::planner::{plan_instance, Phase, PlanRequest, Progress, Weights};
use unisson_core::store::Store;

fn weekdays(n: usize) -> Vec<NaiveDate> {
    let mut d = NaiveDate::from_ymd_opt(2027, 1, 4).expect("date");
    let mut out = Vec::new();
    while out.len() < n {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            out.push(d);
        }
        d += Duration::days(1);
    }
    out
}

fn member(i: usize, dept: Department, team: usize, site: usize, newcomer: bool) -> Member {
    Member {
        id: i as i64,
        email: format!("p{i}@ex.fr"),
        name: format!("P{i}"),
        dept,
        team,
        site,
        newcomer,
    }
}

fn site(name: &str, seats: u32, is_crc: bool) -> SiteInfo {
    SiteInfo {
        id: 0,
        name: name.into(),
        timezone: "Europe/Paris".into(),
        seats,
        is_crc,
    }
}

/// A random instance of `v` marketers and `h` field hosts over `days` working days.
fn random(
    rng: &mut ChaCha8Rng,
    v: usize,
    h: usize,
    days: usize,
    teams: usize,
    per: u32,
) -> Instance {
    let mut members = Vec::new();
    for i in 0..v {
        members.push(member(i, Department::Marketing, NONE, i % 2, false));
    }
    for j in 0..h {
        let crc = rng.random_bool(0.2);
        let dept = if crc {
            Department::Crc
        } else {
            Department::Sales
        };
        members.push(member(
            v + j,
            dept,
            rng.random_range(0..teams),
            if crc { 2 } else { j % 2 },
            rng.random_bool(0.1),
        ));
    }
    let mut inst = Instance {
        days: weekdays(days),
        half_days: rng.random_bool(0.5),
        same_site: false,
        members,
        teams: (0..teams).map(|t| format!("Team {t}")).collect(),
        sites: vec![
            site("Paris", 50, false),
            site("Lyon", 50, false),
            site("CRC", 2, true),
        ],
        visitors: (0..v).collect(),
        targets: vec![per; v],
        hosts: (v..v + h).collect(),
        rules: PlanningRules {
            host_capacity_per_half_day: rng.random_range(1..3),
            max_host_days_per_month: rng.random_range(1..4),
        },
        ..Instance::default()
    };
    inst.allocate();
    for i in 0..inst.blocked.len() {
        inst.blocked[i] = rng.random_bool(0.15);
    }
    for m in v..v + h {
        inst.host_base[m] = rng.random_range(0..4);
    }
    for a in 0..v {
        for _ in 0..2 {
            let b = rng.random_range(v..v + h);
            inst.seen_pairs.insert((a, b));
            inst.seen_teams.insert((a, inst.members[b].team));
        }
    }
    for t in 0..teams {
        if rng.random_bool(0.3) {
            inst.marketing_visited.insert(t);
        }
    }
    inst
}

/// The optimum by exhaustive search: every exchange either skipped or at any feasible place.
fn optimum(inst: &Instance) -> i64 {
    fn go(st: &mut State<'_>, slots: &[usize], k: usize, best: &mut i64) {
        let total = st.parts.total(&st.w);
        *best = (*best).max(total);
        if k == slots.len() {
            return;
        }
        let v = slots[k];
        go(st, slots, k + 1, best);
        let inst = st.inst;
        for &host in &inst.hosts {
            if !inst.compatible(inst.visitors[v], host) {
                continue;
            }
            for day in 0..inst.days.len() {
                for &part in inst.parts() {
                    let p = Place { host, day, part };
                    if st.feasible(v, p) {
                        st.add(v, p);
                        go(st, slots, k + 1, best);
                        let last = st.items.len() - 1;
                        st.remove(last);
                    }
                }
            }
        }
    }
    let mut st = State::new(inst, Weights::default());
    let slots: Vec<usize> = (0..inst.visitors.len())
        .flat_map(|v| std::iter::repeat_n(v, inst.targets[v] as usize))
        .collect();
    let mut best = 0;
    go(&mut st, &slots, 0, &mut best);
    best
}

fn quality() {
    let mut rng = ChaCha8Rng::seed_from_u64(2027);
    let (mut sum, mut worst, mut exact, n) = (0.0, f64::MAX, 0, 120);
    let t = Instant::now();
    for i in 0..n {
        let per = if i % 2 == 0 { 1 } else { 2 };
        let visitors = if per == 1 { 4 } else { 2 };
        let inst = random(&mut rng, visitors, 3, 4, 2, per);
        let opt = optimum(&inst);
        let plan = plan_instance(
            &inst,
            Weights::default(),
            i as u64,
            &AtomicBool::new(false),
            &mut |_| {},
        );
        let got = plan.objective.total;
        assert!(
            got <= opt,
            "the exhaustive search is the optimum, the planner cannot beat it ({got} > {opt})"
        );
        let ratio = if opt == 0 {
            1.0
        } else {
            got as f64 / opt as f64
        };
        sum += ratio;
        worst = worst.min(ratio);
        exact += usize::from(got == opt);
    }
    println!(
        "quality: {n} instances proved optimal by exhaustive search in {:.1} s; planner objective {:.2}% of optimum on average \
         (worst {:.2}%), exactly optimal on {exact}/{n} (target ≥ 98%)",
        t.elapsed().as_secs_f64(),
        100.0 * sum / n as f64,
        100.0 * worst
    );
}

fn speed() {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let mut inst = random(&mut rng, 500, 2000, 60, 120, 2);
    inst.half_days = false;
    inst.rules = PlanningRules {
        host_capacity_per_half_day: 1,
        max_host_days_per_month: 2,
    };
    let mut cpu = Vec::new();
    let mut wall = Vec::new();
    let mut last = None;
    for seed in 0..3 {
        let (c, w) = (ThreadTime::now(), Instant::now());
        let mut phases: Vec<(Phase, f64)> = Vec::new();
        let plan = plan_instance(
            &inst,
            Weights::default(),
            seed,
            &AtomicBool::new(false),
            &mut |p: Progress| {
                if phases.last().is_none_or(|(q, _)| *q != p.phase) {
                    phases.push((p.phase, w.elapsed().as_secs_f64()));
                }
            },
        );
        if seed == 0 {
            println!("speed: phases started at {phases:?}");
        }
        cpu.push(c.elapsed().as_secs_f64());
        wall.push(w.elapsed().as_secs_f64());
        last = Some(plan);
    }
    cpu.sort_by(f64::total_cmp);
    wall.sort_by(f64::total_cmp);
    let plan = last.expect("ran");
    println!(
        "speed: 500 visitors × 2,000 hosts × 60 working days, 2 exchanges each: {} placed of {}, {} unplaced; \
         median CPU {:.3} s, wall {:.3} s (target < 2 s)",
        plan.proposals.len(),
        plan.objective.wanted,
        plan.unplaced.len(),
        cpu[1],
        wall[1]
    );
}

fn scale() {
    let path = std::env::temp_dir()
        .join("unisson-bench-schedule")
        .join(format!(
            "scale-v{}.sqlite",
            unisson_core::store::SCHEMA_VERSION
        ));
    if !path.exists() {
        println!(
            "scale: skipped, no {} (run the schedule benchmark once)",
            path.display()
        );
        return;
    }
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 27, 10, 0, 0)
        .single()
        .expect("fixed now");
    let store = Store::open(&path, now).expect("scale store");
    let req = PlanRequest {
        from: NaiveDate::from_ymd_opt(2027, 1, 4).expect("date"),
        to: NaiveDate::from_ymd_opt(2027, 3, 26).expect("date"),
        visitors: vec![Department::Marketing],
        hosts: vec![Department::Sales, Department::Crc],
        per_visitor: 1,
        half_days: false,
        cross_site: false,
        seed: 1,
        weights: Weights::default(),
    };
    let w = Instant::now();
    let mut phases: Vec<(Phase, f64)> = Vec::new();
    let plan = plan::suggest(
        &store,
        &req,
        now,
        &AtomicBool::new(false),
        &mut |p: Progress| {
            if phases.last().is_none_or(|(q, _)| *q != p.phase) {
                phases.push((p.phase, w.elapsed().as_secs_f64()));
            }
        },
    )
    .expect("suggest");
    println!(
        "scale: suggest for a quarter on 5,000 people: {} proposals, {} unplaced, {:.3} s wall (phases started at {phases:?})",
        plan.proposals.len(),
        plan.unplaced.len(),
        w.elapsed().as_secs_f64()
    );
}

fn main() {
    quality();
    speed();
    scale();
}
