//! "Suggest a plan" and "Accept": the planner's suggestion (writes nothing) and its acceptance, which creates each
//! proposal as a planned shadowing activity through the same check as any change, all in one transaction.
//!
//! Invariants: accepting counts as confirming warnings, but errors are never overridden: a proposal the check refuses
//! (someone booked it meanwhile, a host became unavailable) is reported and the others are still created; a storage
//! failure rolls everything back. Re-running the planner afterwards treats accepted exchanges as constraints.

use super::activities::create_in;
use crate::error::{Error, Result};
use crate::plan::planner::{self, proposal_input, Plan, PlanRequest, Progress, Proposal};
use crate::schedule::{self, ClashRule};
use crate::store::{people, settings, sites, Store};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

/// Suggests a plan (see [`planner`]); writes nothing.
pub fn suggest(
    store: &Store,
    req: &PlanRequest,
    now: DateTime<Utc>,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Plan> {
    planner::suggest(store.conn(), req, now, cancel, progress)
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
    /// Error code (`clash`, `not_found`, `validation`, ...).
    pub code: String,
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
    create_in(tx, &a, true)
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
                    code: e.code().to_owned(),
                    message: e.to_string(),
                }),
            }
        }
        Ok(out)
    })
}
