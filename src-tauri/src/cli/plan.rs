//! `unisson plan …`: suggest shadowing exchanges for a period, and accept a suggestion, headless.
//!
//! `unisson plan --from D --to D --out plan.json` writes `{ proposals, unplaced, objective }` (and prints a short
//! summary); without `--out` the plan goes to stdout. `unisson plan apply plan.json` creates the proposals as planned
//! shadowing activities in one transaction and prints `{ created, refused }`.
//!
//! The objective's weights are the ones saved from the app (defaults until then); `--weight hostLoad=10` (repeatable)
//! overrides one for this run. The `objective` object echoes the weights used.

use super::print_json;
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};
use serde_json::json;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use unisson_core::model::Department;
use unisson_core::ops::plan;
use unisson_core::plan::planner::{Plan, PlanRequest, Weights};
use unisson_core::store::Store;

/// `unisson plan …`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct PlanArgs {
    /// Accept a plan instead of suggesting one.
    #[command(subcommand)]
    pub command: Option<PlanCommand>,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long, required = true)]
    pub from: Option<NaiveDate>,
    /// Last day of the period, inclusive.
    #[arg(long, required = true)]
    pub to: Option<NaiveDate>,
    /// Departments whose active members visit (comma-separated): marketing, sales, crc.
    #[arg(long, value_delimiter = ',', default_value = "marketing")]
    pub visitors: Vec<Department>,
    /// Departments whose active members may host (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "sales,crc")]
    pub hosts: Vec<Department>,
    /// Exchanges per visitor in the period (those already planned count).
    #[arg(long, default_value_t = 1)]
    pub per_visitor: u32,
    /// Half-day exchanges (morning or afternoon) instead of full days.
    #[arg(long)]
    pub half_days: bool,
    /// Allow hosts at another site than the visitor's.
    #[arg(long)]
    pub cross_site: bool,
    /// Random seed: the same seed on the same database gives the same plan.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Override one weight of the objective for this run, e.g. `--weight hostLoad=10` (repeatable; names: coverage,
    /// newPair, newTeam, repeat, reciprocity, sameWeek, weekOverload, hostLoad, newcomer).
    #[arg(long = "weight", value_name = "NAME=VALUE")]
    pub weights: Vec<String>,
    /// Write the plan (JSON) to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `unisson plan apply …`
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Accept a plan file: create its proposals as planned shadowing days (one transaction; refused ones are listed).
    Apply {
        /// The plan written by `unisson plan --out`.
        file: PathBuf,
    },
}

/// Runs `unisson plan`.
pub fn run(store: &mut Store, args: PlanArgs, now: DateTime<Utc>) -> Result<(), String> {
    if let Some(PlanCommand::Apply { file }) = args.command {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let plan: Plan = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a plan: {e}", file.display()))?;
        let applied = plan::apply(store, &plan, now, "cli").map_err(|e| e.to_string())?;
        return print_json(&applied);
    }
    let (Some(from), Some(to)) = (args.from, args.to) else {
        return Err("--from and --to are required".into());
    };
    if to < from {
        return Err("--to comes before --from".into());
    }
    let req = PlanRequest {
        from,
        to,
        visitors: args.visitors,
        hosts: args.hosts,
        per_visitor: args.per_visitor,
        half_days: args.half_days,
        cross_site: args.cross_site,
        seed: args.seed,
        weights: with_overrides(
            plan::weights(store).map_err(|e| e.to_string())?,
            &args.weights,
        )?,
    };
    let suggested = plan::suggest(store, &req, now, &AtomicBool::new(false), &mut |_| {})
        .map_err(|e| e.to_string())?;
    match args.out {
        Some(path) => {
            let mut text = serde_json::to_string_pretty(&suggested).map_err(|e| e.to_string())?;
            text.push('\n');
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            print_json(&json!({
                "out": path,
                "proposals": suggested.proposals.len(),
                "unplaced": suggested.unplaced.len(),
                "objective": suggested.objective,
            }))
        }
        None => print_json(&suggested),
    }
}

/// The saved weights with `NAME=VALUE` overrides applied (bounds are checked by the planner).
fn with_overrides(saved: Weights, overrides: &[String]) -> Result<Weights, String> {
    let mut value = serde_json::to_value(saved).map_err(|e| e.to_string())?;
    for o in overrides {
        let (name, n) = o
            .split_once('=')
            .ok_or_else(|| format!("--weight {o}: expected NAME=VALUE"))?;
        let n: i64 = n
            .trim()
            .parse()
            .map_err(|_| format!("--weight {o}: the value must be a whole number"))?;
        if !saved.named().iter().any(|(k, _)| *k == name.trim()) {
            let names: Vec<&str> = saved.named().iter().map(|(k, _)| *k).collect();
            return Err(format!(
                "--weight {o}: unknown weight (one of {})",
                names.join(", ")
            ));
        }
        value[name.trim()] = json!(n);
    }
    serde_json::from_value(value).map_err(|e| e.to_string())
}
