//! Brief series and rota commands.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use unisson_core::model::{Id, Series, SeriesInput};
use unisson_core::ops::series;
use unisson_core::plan::rota::Rota;

/// All series.
#[tauri::command(async)]
pub fn series_list(state: State<'_, AppState>) -> CmdResult<Vec<Series>> {
    Ok(series::list(&*state.store()?)?)
}

/// Creates a series and materialises its occurrences.
#[tauri::command(async)]
pub fn series_create(state: State<'_, AppState>, input: SeriesInput) -> CmdResult<Series> {
    Ok(series::create(
        &mut *state.store()?,
        &input,
        clock::now(),
        &state.actor,
    )?)
}

/// Changes a series from a day on ("this and following").
#[tauri::command(async)]
pub fn series_update_from(
    state: State<'_, AppState>,
    id: Id,
    from: NaiveDate,
    input: SeriesInput,
) -> CmdResult<Series> {
    Ok(series::update_from(
        &mut *state.store()?,
        id,
        from,
        &input,
        clock::now(),
        &state.actor,
    )?)
}

/// Suggests the rota for the next occurrences (writes nothing).
#[tauri::command(async)]
pub fn brief_rota_preview(
    state: State<'_, AppState>,
    series_id: Id,
    next: usize,
) -> CmdResult<Rota> {
    Ok(series::rota(
        &*state.store()?,
        series_id,
        next,
        clock::now(),
    )?)
}

/// Applies the rota.
#[tauri::command(async)]
pub fn brief_rota_apply(state: State<'_, AppState>, series_id: Id, next: usize) -> CmdResult<Rota> {
    Ok(series::apply_rota(
        &mut *state.store()?,
        series_id,
        next,
        clock::now(),
        &state.actor,
    )?)
}
