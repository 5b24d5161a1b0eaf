//! Privacy commands: the retention setting, a person's erasure (preview, then erase) and access export.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use std::path::PathBuf;
use tauri::State;
use unisson_core::model::{Id, Retention};
use unisson_core::ops::privacy::{self, AccessExport, ErasurePreview};
use unisson_core::ops::settings;

/// The retention setting.
#[tauri::command(async)]
pub fn retention_get(state: State<'_, AppState>) -> CmdResult<Retention> {
    Ok(settings::retention(&*state.store()?)?)
}

/// Saves the retention setting.
#[tauri::command(async)]
pub fn retention_update(state: State<'_, AppState>, retention: Retention) -> CmdResult<Retention> {
    Ok(settings::update_retention(
        &mut *state.store()?,
        &retention,
        clock::now(),
        &state.actor,
    )?)
}

/// What erasing a person would change.
#[tauri::command(async)]
pub fn person_erasure_preview(state: State<'_, AppState>, id: Id) -> CmdResult<ErasurePreview> {
    Ok(privacy::erasure_preview(
        &*state.store()?,
        id,
        clock::now(),
    )?)
}

/// Erases a person's identity (GDPR).
#[tauri::command(async)]
pub fn person_erase(state: State<'_, AppState>, id: Id) -> CmdResult<ErasurePreview> {
    Ok(privacy::erase(
        &mut *state.store()?,
        id,
        clock::now(),
        &state.actor,
    )?)
}

/// Writes everything held about a person into a new or empty folder the user picked.
#[tauri::command(async)]
pub fn person_export_access(
    state: State<'_, AppState>,
    id: Id,
    out_dir: PathBuf,
) -> CmdResult<AccessExport> {
    Ok(privacy::export_access(
        &*state.store()?,
        id,
        &out_dir,
        clock::now(),
    )?)
}
