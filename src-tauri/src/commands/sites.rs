//! Site commands.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use unisson_core::model::{DayOccupancy, Id, Site, SiteInput, SiteRow};
use unisson_core::ops::sites;

/// All sites with their people counts.
#[tauri::command(async)]
pub fn sites_list(state: State<'_, AppState>) -> CmdResult<Vec<SiteRow>> {
    Ok(sites::list(&*state.store()?)?)
}

/// Adds a site.
#[tauri::command(async)]
pub fn site_add(state: State<'_, AppState>, input: SiteInput) -> CmdResult<Site> {
    Ok(sites::add(
        &mut *state.store()?,
        &input,
        clock::now(),
        &state.actor,
    )?)
}

/// Edits a site.
#[tauri::command(async)]
pub fn site_update(state: State<'_, AppState>, id: Id, input: SiteInput) -> CmdResult<Site> {
    Ok(sites::update(
        &mut *state.store()?,
        id,
        &input,
        clock::now(),
        &state.actor,
    )?)
}

/// Deletes an unused site.
#[tauri::command(async)]
pub fn site_delete(state: State<'_, AppState>, id: Id) -> CmdResult<()> {
    Ok(sites::delete(
        &mut *state.store()?,
        id,
        clock::now(),
        &state.actor,
    )?)
}

/// Seats taken at a site on each local day from `first` to `last` (inclusive).
#[tauri::command(async)]
pub fn site_occupancy(
    state: State<'_, AppState>,
    site_id: Id,
    first: NaiveDate,
    last: NaiveDate,
) -> CmdResult<Vec<DayOccupancy>> {
    Ok(sites::occupancy(&*state.store()?, site_id, first, last)?)
}
