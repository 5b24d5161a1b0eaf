//! People commands.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use tauri::State;
use unisson_core::model::{Id, Person, PersonInput, PersonRow};
use unisson_core::ops::people;

/// Everyone, active or not.
#[tauri::command(async)]
pub fn people_list(state: State<'_, AppState>) -> CmdResult<Vec<PersonRow>> {
    Ok(people::list(&*state.store()?)?)
}

/// Adds a person.
#[tauri::command(async)]
pub fn person_add(state: State<'_, AppState>, input: PersonInput) -> CmdResult<Person> {
    Ok(people::add(
        &mut *state.store()?,
        &input,
        clock::now(),
        &state.actor,
    )?)
}

/// Edits a person.
#[tauri::command(async)]
pub fn person_update(state: State<'_, AppState>, id: Id, input: PersonInput) -> CmdResult<Person> {
    Ok(people::update(
        &mut *state.store()?,
        id,
        &input,
        clock::now(),
        &state.actor,
    )?)
}

/// Deactivates or reactivates a person.
#[tauri::command(async)]
pub fn person_set_active(state: State<'_, AppState>, id: Id, active: bool) -> CmdResult<Person> {
    Ok(people::set_active(
        &mut *state.store()?,
        id,
        active,
        clock::now(),
        &state.actor,
    )?)
}
