//! "Suggest a plan" and "Accept": the planner's suggestion (writes nothing) and its acceptance, which creates each
//! proposal as a planned shadowing activity through the same check as any change, all in one transaction.
//!
//! Invariants: accepting counts as confirming warnings, but errors are never overridden: a proposal the check refuses
//! (someone booked it meanwhile, a host became unavailable) is reported and the others are still created; a storage
//! failure rolls everything back. The planner's hard rules that the clash check only warns about (host capacity,
//! holidays, weekends) or does not know (hosting days per month) are refused here too, so a hand-edited plan file
//! cannot slip them through. Re-running the planner afterwards treats accepted exchanges as constraints.

use super::activities::create_in;
use crate::error::{Error, Result};
use crate::model::{ActivityKind, ActivityStatus, Role};
use crate::plan::planner::{
    self, model::Instance, proposal_input, Phase, Plan, PlanRequest, Progress, Proposal, Weights,
    WEIGHTS_KEY,
};
use crate::schedule::halfday::whole_days;
use crate::schedule::{self, ClashRule};
use crate::store::{board, people, settings, sites, Store};
use crate::FieldCode;
use chrono::Datelike;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

/// The objective's weights the manager saved (the defaults until then).
pub fn weights(store: &Store) -> Result<Weights> {
    planner::saved_weights(store.conn())
}

/// Validates and saves the objective's weights (used by the next plans and brief rotas).
pub fn update_weights(
    store: &mut Store,
    input: &Weights,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Weights> {
    let w = input.validated()?;
    // Plain integers: serialising cannot fail.
    let value = serde_json::to_value(w).unwrap_or_default();
    store.write(actor, now, |tx| settings::put_json(tx, WEIGHTS_KEY, &value))?;
    Ok(w)
}

/// Suggests a plan (see [`planner`]); writes nothing. The request's weights must be valid.
pub fn suggest(
    store: &Store,
    req: &PlanRequest,
    now: DateTime<Utc>,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Plan> {
    req.weights.validated()?;
    planner::suggest(store.conn(), req, now, cancel, progress)
}

/// Step 1 of a suggestion run by a caller that shares the store: reads everything the search needs (hold the store
/// only for this). The request's weights must be valid.
pub fn prepare(
    store: &Store,
    req: &PlanRequest,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Instance> {
    req.weights.validated()?;
    progress(Progress {
        phase: Phase::Load,
        done: 0,
        total: 1,
    });
    planner::load(store.conn(), req, now)
}

/// Step 2: the search, on the loaded instance alone (no store: others may use it meanwhile).
pub fn search(
    inst: &Instance,
    req: &PlanRequest,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Plan {
    planner::plan_instance(inst, req.weights, req.seed, cancel, progress)
}

/// Step 3: re-checks the plan against the store as it is now (anything booked meanwhile drops the proposals it
/// clashes with; they are reported in `unplaced`).
pub fn recheck(
    store: &Store,
    inst: &Instance,
    plan: Plan,
    progress: &mut dyn FnMut(Progress),
) -> Result<Plan> {
    planner::recheck(store.conn(), inst, plan, progress)
}

/// A proposal that became an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanAccepted")]
pub struct Accepted {
    /// Visitor's email.
    pub visitor: String,
    /// Host's email.
    pub host: String,
    /// Start.
    pub start: DateTime<Utc>,
    /// The created activity.
    pub activity_id: i64,
}

/// A proposal that could not be created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanRefused")]
pub struct Refused {
    /// Visitor's email.
    pub visitor: String,
    /// Host's email.
    pub host: String,
    /// Start.
    pub start: DateTime<Utc>,
    /// Why, as a code (`clash`, `not_found`, `validation`, ...).
    pub code: crate::ErrorCode,
    /// Why.
    pub message: String,
}

/// What accepting a plan did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanApplied")]
pub struct Applied {
    /// Created activities.
    pub created: Vec<Accepted>,
    /// Proposals refused, with the reason.
    pub refused: Vec<Refused>,
}

fn one(tx: &crate::store::Tx<'_>, p: &Proposal) -> Result<crate::model::ActivityRecord> {
    let person = |email: &str| -> Result<i64> {
        people::find_by_email(tx, email)?
            .map(|p| p.id)
            .ok_or_else(|| Error::NotFound {
                entity: "person",
                id: email.to_owned(),
            })
    };
    let (visitor, host) = (person(&p.visitor)?, person(&p.host)?);
    let site = if p.site.is_empty() {
        None
    } else {
        Some(
            sites::find_by_name(tx, &p.site)?.ok_or_else(|| Error::NotFound {
                entity: "site",
                id: p.site.clone(),
            })?,
        )
    };
    let input = proposal_input(
        visitor,
        host,
        p,
        site.as_ref().map(|s| (s.id, s.timezone.as_str())),
    )?;
    let a = schedule::normalize(tx, &input)?;
    // The planner's hard rules include a few the check only warns about: those are refused, not confirmed.
    let hard: Vec<_> = schedule::check(tx, &a, None, &settings::rules(tx)?)?
        .into_iter()
        .filter(|f| {
            matches!(
                f.rule,
                ClashRule::HostCapacity | ClashRule::Holiday | ClashRule::Weekend
            )
        })
        .collect();
    if !hard.is_empty() {
        return Err(Error::Clash(hard));
    }
    month_limit(tx, host, &a)?;
    create_in(tx, &a, true)
}

/// The monthly hosting limit, which the clash check does not know: a new hosting day beyond it is refused.
fn month_limit(
    tx: &crate::store::Tx<'_>,
    host: i64,
    a: &crate::model::ActivityInput,
) -> Result<()> {
    let tz: chrono_tz::Tz = a.timezone.parse().unwrap_or(chrono_tz::Europe::Paris);
    let day = a.start.with_timezone(&tz).date_naive();
    let first = day.with_day(1).unwrap_or(day);
    let next = (first + chrono::Duration::days(32))
        .with_day(1)
        .unwrap_or(day);
    let (from, to) = whole_days(tz, first, next - chrono::Duration::days(1));
    let mut days = std::collections::BTreeSet::new();
    for item in board::items(tx, from, to)? {
        let hosts = item
            .seats
            .iter()
            .any(|s| s.person_id == host && s.role == Role::Host && schedule::coming(s.status));
        if item.kind == ActivityKind::Shadowing && item.status != ActivityStatus::Cancelled && hosts
        {
            days.insert(item.start.with_timezone(&tz).date_naive());
        }
    }
    let max = settings::rules(tx)?.max_host_days_per_month;
    if !days.contains(&day) && days.len() as i64 >= i64::from(max) {
        return Err(Error::field(
            "host",
            FieldCode::HostDaysPerMonth,
            format!(
                "the host already hosts on {} day(s) in this month, the limit is {max}",
                days.len()
            ),
        ));
    }
    Ok(())
}

/// Creates every proposal of `plan` as a planned shadowing activity, in one transaction. A refused proposal is
/// reported in [`Applied::refused`]; only a storage failure aborts (and rolls back) the whole.
pub fn apply(store: &mut Store, plan: &Plan, now: DateTime<Utc>, actor: &str) -> Result<Applied> {
    store.write(actor, now, |tx| {
        let mut out = Applied::default();
        for p in &plan.proposals {
            match one(tx, p) {
                Ok(rec) => out.created.push(Accepted {
                    visitor: p.visitor.clone(),
                    host: p.host.clone(),
                    start: p.start,
                    activity_id: rec.id,
                }),
                Err(e @ (Error::Storage(_) | Error::Io(_) | Error::Migration(_))) => return Err(e),
                Err(e) => out.refused.push(Refused {
                    visitor: p.visitor.clone(),
                    host: p.host.clone(),
                    start: p.start,
                    code: e.code(),
                    message: e.to_string(),
                }),
            }
        }
        Ok(out)
    })
}
