//! "Suggest a plan" and "Accept": the planner runs on the open store with progress streamed through a per-call
//! channel; `plan_cancel` raises the flag the running suggestion polls (it then returns a valid partial plan).
//!
//! `plan_suggest` holds the store lock only to read the input and, at the end, to re-check the proposals against
//! the store as it is then: during the search the app stays usable and other commands run. `plan_apply` checks each
//! proposal again when writing, so a change made meanwhile is reported as refused, never written over.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use std::sync::atomic::Ordering;
use tauri::ipc::Channel;
use tauri::State;
use unisson_core::ops::plan::{self, Applied};
use unisson_core::plan::planner::{Plan, PlanRequest, Progress, Weights};

/// Suggests a plan for the request; writes nothing.
#[tauri::command(async)]
pub fn plan_suggest(
    state: State<'_, AppState>,
    request: PlanRequest,
    on_progress: Channel<Progress>,
) -> CmdResult<Plan> {
    state.plan_cancel.store(false, Ordering::SeqCst);
    // A window that went away must not fail the run.
    let mut progress = |p: Progress| drop(on_progress.send(p));
    let now = clock::now();
    let inst = plan::prepare(&*state.store()?, &request, now, &mut progress)?;
    let found = plan::search(&inst, &request, &state.plan_cancel, &mut progress);
    Ok(plan::recheck(
        &*state.store()?,
        &inst,
        found,
        &mut progress,
    )?)
}

/// The objective's weights the manager saved (the defaults until then).
#[tauri::command]
pub fn plan_weights(state: State<'_, AppState>) -> CmdResult<Weights> {
    Ok(plan::weights(&*state.store()?)?)
}

/// Validates and saves the objective's weights.
#[tauri::command]
pub fn plan_weights_update(state: State<'_, AppState>, weights: Weights) -> CmdResult<Weights> {
    Ok(plan::update_weights(
        &mut *state.store()?,
        &weights,
        clock::now(),
        &state.actor,
    )?)
}

/// Stops the running suggestion early (it returns what it has).
#[tauri::command]
pub fn plan_cancel(state: State<'_, AppState>) {
    state.plan_cancel.store(true, Ordering::SeqCst);
}

/// Accepts a plan (possibly filtered to some proposals): creates them as planned shadowing activities.
#[tauri::command(async)]
pub fn plan_apply(state: State<'_, AppState>, plan: Plan) -> CmdResult<Applied> {
    Ok(plan::apply(
        &mut *state.store()?,
        &plan,
        clock::now(),
        &state.actor,
    )?)
}
