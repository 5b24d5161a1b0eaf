//! "Suggest a plan" and "Accept": the planner runs on the open store with progress streamed through a per-call
//! channel; `plan_cancel` raises the flag the running suggestion polls (it then returns a valid partial plan).

use crate::error::CmdResult;
use crate::state::AppState;
use chrono::Utc;
use std::sync::atomic::Ordering;
use tauri::ipc::Channel;
use tauri::State;
use unisson_core::ops::plan::{self, Applied};
use unisson_core::plan::planner::{Plan, PlanRequest, Progress};

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
    let store = state.store()?;
    Ok(plan::suggest(
        &store,
        &request,
        Utc::now(),
        &state.plan_cancel,
        &mut progress,
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
        Utc::now(),
        &state.actor,
    )?)
}
