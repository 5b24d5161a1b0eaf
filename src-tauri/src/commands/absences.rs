//! Absence and holiday commands.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use unisson_core::model::{Absence, Id};
use unisson_core::ops::absences::{self, AbsenceInput};

/// Absences and holidays touching a range of days.
#[tauri::command(async)]
pub fn absences_list(
    state: State<'_, AppState>,
    first: NaiveDate,
    last: NaiveDate,
) -> CmdResult<Vec<Absence>> {
    Ok(absences::list(&*state.store()?, first, last)?)
}

/// Records an absence or a company holiday.
#[tauri::command(async)]
pub fn absence_add(state: State<'_, AppState>, input: AbsenceInput) -> CmdResult<Absence> {
    Ok(absences::add(
        &mut *state.store()?,
        &input,
        clock::now(),
        &state.actor,
    )?)
}

/// Deletes an absence.
#[tauri::command(async)]
pub fn absence_delete(state: State<'_, AppState>, id: Id) -> CmdResult<()> {
    Ok(absences::delete(
        &mut *state.store()?,
        id,
        clock::now(),
        &state.actor,
    )?)
}
