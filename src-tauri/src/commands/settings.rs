//! Settings commands.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use tauri::State;
use unisson_core::model::{timezone_names, PlanningRules, Settings};
use unisson_core::ops::settings;

/// The current settings.
#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> CmdResult<Settings> {
    Ok(settings::get(&*state.store()?)?)
}

/// Saves the settings.
#[tauri::command(async)]
pub fn settings_update(state: State<'_, AppState>, settings: Settings) -> CmdResult<Settings> {
    Ok(settings::update(
        &mut *state.store()?,
        &settings,
        clock::now(),
        &state.actor,
    )?)
}

/// IANA zone names for pickers.
#[tauri::command(async)]
pub fn timezones_list() -> Vec<&'static str> {
    timezone_names()
}

/// The planning rules.
#[tauri::command(async)]
pub fn rules_get(state: State<'_, AppState>) -> CmdResult<PlanningRules> {
    Ok(settings::rules(&*state.store()?)?)
}

/// Saves the planning rules.
#[tauri::command(async)]
pub fn rules_update(state: State<'_, AppState>, rules: PlanningRules) -> CmdResult<PlanningRules> {
    Ok(settings::update_rules(
        &mut *state.store()?,
        &rules,
        clock::now(),
        &state.actor,
    )?)
}
