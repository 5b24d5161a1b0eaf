//! Shared objectives: list, save (add or edit), delete, the four examples in one click, and progress over a period.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use unisson_core::model::{Id, Language, Objective, ObjectiveInput};
use unisson_core::ops::objectives;
use unisson_core::report::objectives::{evaluate, parse_period, ObjectiveProgress};

/// Every objective.
#[tauri::command(async)]
pub fn objectives_list(state: State<'_, AppState>) -> CmdResult<Vec<Objective>> {
    Ok(objectives::list(&*state.store()?)?)
}

/// Adds an objective (`id` absent) or edits one.
#[tauri::command(async)]
pub fn objective_save(
    state: State<'_, AppState>,
    id: Option<Id>,
    input: ObjectiveInput,
) -> CmdResult<Objective> {
    let store = &mut *state.store()?;
    Ok(match id {
        Some(id) => objectives::update(store, id, &input, clock::now(), &state.actor)?,
        None => objectives::add(store, &input, clock::now(), &state.actor)?,
    })
}

/// Deletes an objective; returns it so the UI can offer Undo.
#[tauri::command(async)]
pub fn objective_delete(state: State<'_, AppState>, id: Id) -> CmdResult<Objective> {
    Ok(objectives::delete(
        &mut *state.store()?,
        id,
        clock::now(),
        &state.actor,
    )?)
}

/// Creates the four example objectives, titled in `language`, active from `active_from`.
#[tauri::command(async)]
pub fn objectives_add_examples(
    state: State<'_, AppState>,
    language: Language,
    active_from: NaiveDate,
) -> CmdResult<Vec<Objective>> {
    Ok(objectives::add_examples(
        &mut *state.store()?,
        language,
        active_from,
        clock::now(),
        &state.actor,
    )?)
}

/// Progress of every objective active in `period` (`2027-Q1`, `2027-03` or `2027`).
#[tauri::command(async)]
pub fn objectives_evaluate(
    state: State<'_, AppState>,
    period: String,
) -> CmdResult<Vec<ObjectiveProgress>> {
    Ok(evaluate(
        &*state.store()?,
        &parse_period(&period)?,
        clock::now(),
    )?)
}
