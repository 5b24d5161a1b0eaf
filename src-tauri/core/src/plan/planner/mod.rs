//! "Suggest a plan": shadowing exchanges for a period, proposed for the manager to review before anything is written.
//!
//! **Model.** Working days of the period (weekdays that are not company holidays) are cut into morning and afternoon
//! slots. Each visitor (e.g. every active marketer; sales and CRC people visiting marketing for reciprocity) should
//! get `per_visitor` exchanges, less those already planned in the period; an exchange is a (host, day, half or full
//! day) at the host's site. Hard rules, never broken by a proposal: nobody is double-booked and existing activities
//! stay where they are; nobody is planned while away or on a holiday; a host receives at most
//! `host_capacity_per_half_day` visitors per half-day and hosts on at most `max_host_days_per_month` days per
//! calendar month (existing hosting counts); working days only; a visit to a CRC site takes one of its desks; the
//! pair is a marketing–field exchange; same site only unless cross-site is allowed. Soft goals are the weighted
//! parts of [`Objective`] (see `score`): coverage, novelty, reciprocity, spread over the weeks, host fairness.
//!
//! **Algorithm.** The store is read once into an in-memory [`model::Instance`] (`load`); nothing queries SQL per
//! candidate. Construction is greedy, in rounds (everyone's first exchange before anyone's second), visitors taken
//! most constrained first (fewest free slots × possible hosts). Each takes its best feasible place: hosts ranked by
//! the host part of the gain, days scanned for the best day part, with a bound that stops as soon as no further host
//! can win. Local search then repeats, with a seeded RNG, two moves that are kept only when the objective strictly
//! improves: relocate (take one exchange out, put its visitor at their best place) and swap (exchange the hosts of
//! two exchanges). A last pass fills visitors still short, then tries ejections (take an exchange out, place the
//! short visitor, re-place the other). Small instances run all this from a few seeded orders and keep the best. The
//! result is deterministic for the same database, request and seed. A cancel flag stops the search early with a
//! valid (partial) plan; progress is reported through a callback.
//!
//! **Limits.** Reciprocity ignores the order in time inside the period; slots are mapped in each person's own site
//! zone (a cross-site visit between zones relies on the safety net); the clash check does not know the monthly
//! hosting limit, so `ops::plan::apply` checks it itself.
//!
//! **Brief rota.** `plan::rota` assigns marketers to brief occurrences on this same engine (same `State`, hard rules
//! and objective): its module docs say how a series maps onto the model.
//!
//! **Safety net.** Every proposal is finally run through [`crate::schedule::check`] against the database; one that
//! gets an error (or a holiday, weekend or host-capacity warning) is dropped and reported in `unplaced`.
//!
//! Invariants: proposals never break a hard rule, alone or together; existing activities are only constraints
//! (re-running after accepting a plan fills around it); `objective.total == Σ weight × part`.

mod check;
mod improve;
mod load;
pub mod model;
pub mod reason;
pub mod score;
mod search;
pub mod solve;

pub use check::{proposal_input, recheck};
pub use load::load;
pub use reason::Reason;
pub use score::{Objective, Parts, Weights, MAX_WEIGHT};

/// The settings key under which the manager's weights are saved (JSON).
pub const WEIGHTS_KEY: &str = "plan_weights";

/// The weights the manager saved (see `ops::settings::update_plan_weights`), or the defaults; a saved value this
/// version cannot read or that is out of bounds reads as the defaults (a weight missing from it reads as its default).
pub fn saved_weights(conn: &Connection) -> Result<Weights> {
    Ok(settings::get_json(conn, WEIGHTS_KEY)?
        .and_then(|v| serde_json::from_value::<Weights>(v).ok())
        .and_then(|w| w.validated().ok())
        .unwrap_or_default())
}

use crate::error::Result;
use crate::model::{Department, HalfDay};
use crate::schedule::halfday;
use crate::store::settings;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use model::{Instance, Place, NONE};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

/// What to plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlanRequest {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (inclusive).
    pub to: NaiveDate,
    /// Departments whose active members visit.
    pub visitors: Vec<Department>,
    /// Departments whose active members may host.
    pub hosts: Vec<Department>,
    /// Exchanges each visitor should have in the period (those already planned count).
    pub per_visitor: u32,
    /// Half-day exchanges (morning or afternoon) instead of full days.
    pub half_days: bool,
    /// Allow a host at another site than the visitor's.
    pub cross_site: bool,
    /// Random seed (same seed, same plan).
    pub seed: u64,
    /// Weights of the objective.
    pub weights: Weights,
}

/// Which stage the planner is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanPhase")]
pub enum Phase {
    /// Reading the database.
    Load,
    /// Greedy construction.
    Construct,
    /// Local search.
    Improve,
    /// Final clash check.
    Validate,
}

/// Progress of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanProgress")]
pub struct Progress {
    /// Stage.
    pub phase: Phase,
    /// Steps done in this stage.
    pub done: usize,
    /// Steps in this stage.
    pub total: usize,
}

/// One suggested shadowing exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanProposal")]
pub struct Proposal {
    /// Visitor's email.
    pub visitor: String,
    /// Host's email.
    pub host: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
    /// Site name (the host's site; empty if they have none).
    pub site: String,
    /// Morning, afternoon or full day.
    pub half_day: HalfDay,
    /// Why this exchange, in English (`reason::english(&reasons)`).
    pub reason: String,
    /// Why this exchange, as codes and parameters for the UI's languages (absent from older plan files).
    #[serde(default)]
    pub reasons: Vec<Reason>,
}

/// A visitor who did not get all their exchanges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanUnplaced")]
pub struct Unplaced {
    /// Their email.
    pub email: String,
    /// Why, in English (`reason::english(&reasons)`).
    pub reason: String,
    /// Why, as codes and parameters for the UI's languages (absent from older plan files).
    #[serde(default)]
    pub reasons: Vec<Reason>,
}

/// A suggested plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanSuggestion")]
pub struct Plan {
    /// The exchanges, by start.
    pub proposals: Vec<Proposal>,
    /// Visitors short of their target.
    pub unplaced: Vec<Unplaced>,
    /// The score and its parts.
    pub objective: Objective,
}

/// Suggests a plan. Reads the store, writes nothing: [`load`], [`plan_instance`], then [`recheck`] on the same
/// connection. A caller sharing the store (the app) runs the three steps itself and holds its lock only around the
/// first and the last.
pub fn suggest(
    conn: &Connection,
    req: &PlanRequest,
    now: DateTime<Utc>,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Plan> {
    progress(Progress {
        phase: Phase::Load,
        done: 0,
        total: 1,
    });
    let inst = load(conn, req, now)?;
    let plan = plan_instance(&inst, req.weights, req.seed, cancel, progress);
    recheck(conn, &inst, plan, progress)
}

/// Plans an in-memory instance (no database): the search, reasons and unplaced visitors, without the final clash
/// check. Benchmarks and tests call this directly.
pub fn plan_instance(
    inst: &Instance,
    weights: Weights,
    seed: u64,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Plan {
    let st = solve::solve(inst, weights, seed, cancel, progress);
    let mut items = st.items.clone();
    items.sort_by_key(|(v, p)| (p.day, p.part, inst.visitors[*v], p.host));
    let mut proposals = Vec::with_capacity(items.len());
    let mut seen_teams = inst.seen_teams.clone();
    let mut seen_pairs = inst.seen_pairs.clone();
    for (v, p) in &items {
        proposals.push(proposal(
            inst,
            &st,
            inst.visitors[*v],
            *p,
            &mut seen_pairs,
            &mut seen_teams,
        ));
    }
    let mut unplaced = Vec::new();
    for (v, &target) in inst.targets.iter().enumerate() {
        if st.count[v] < target {
            unplaced.push(self::unplaced(
                &inst.members[inst.visitors[v]].email,
                why_short(inst, v, st.count[v], target),
            ));
        }
    }
    Plan {
        proposals,
        unplaced,
        objective: Objective {
            total: st.parts.total(&weights),
            parts: st.parts,
            weights,
            wanted: inst.targets.iter().map(|&t| i64::from(t)).sum(),
        },
    }
}

fn proposal(
    inst: &Instance,
    st: &solve::State<'_>,
    visitor: usize,
    p: Place,
    seen_pairs: &mut std::collections::HashSet<(usize, usize)>,
    seen_teams: &mut std::collections::HashSet<(usize, usize)>,
) -> Proposal {
    let (vm, hm) = (&inst.members[visitor], &inst.members[p.host]);
    let site = (hm.site != NONE).then(|| &inst.sites[hm.site]);
    let tz: Tz = site
        .and_then(|s| s.timezone.parse().ok())
        .unwrap_or(chrono_tz::Europe::Paris);
    let (start, end) = halfday::bounds(tz, inst.days[p.day], p.part);
    let mut why = Vec::new();
    let team = (hm.team != NONE).then(|| inst.teams[hm.team].as_str());
    if let Some(team) = team.filter(|_| seen_teams.insert((visitor, hm.team))) {
        why.push(Reason::NovelTeam {
            visitor: vm.name.clone(),
            team: team.to_owned(),
        });
    } else if seen_pairs.contains(&(visitor, p.host)) {
        why.push(Reason::KnownHost {
            visitor: vm.name.clone(),
            host: hm.name.clone(),
        });
    } else {
        why.push(Reason::NovelHost {
            visitor: vm.name.clone(),
            host: hm.name.clone(),
        });
    }
    seen_pairs.insert((visitor, p.host));
    if vm.dept != Department::Marketing {
        why.push(Reason::ReturnVisit {
            visitor: vm.name.clone(),
        });
    }
    why.push(Reason::HostLoad {
        host: hm.name.clone(),
        before: inst.host_base[p.host],
        planned: st.items.iter().filter(|(_, q)| q.host == p.host).count() as u32,
    });
    if hm.newcomer {
        why.push(Reason::Newcomer {
            host: hm.name.clone(),
        });
    }
    Proposal {
        visitor: vm.email.clone(),
        host: hm.email.clone(),
        start,
        end,
        site: site.map(|s| s.name.clone()).unwrap_or_default(),
        half_day: p.part,
        reason: reason::english(&why),
        reasons: why,
    }
}

/// An unplaced visitor with its reasons (and their English).
fn unplaced(email: &str, reasons: Vec<Reason>) -> Unplaced {
    Unplaced {
        email: email.to_owned(),
        reason: reason::english(&reasons),
        reasons,
    }
}

fn why_short(inst: &Instance, v: usize, got: u32, target: u32) -> Vec<Reason> {
    let m = inst.visitors[v];
    let visitor = inst.members[m].name.clone();
    let free = (0..inst.slots())
        .filter(|&s| !inst.blocked[inst.at(m, s)])
        .count();
    let hosts = inst
        .hosts
        .iter()
        .filter(|&&h| inst.compatible(m, h))
        .count();
    let cause = if free == 0 {
        Reason::AwayAllPeriod { visitor }
    } else if hosts == 0 {
        Reason::NoHost { visitor }
    } else {
        Reason::HostsFull { visitor }
    };
    vec![Reason::Short { got, target }, cause]
}
