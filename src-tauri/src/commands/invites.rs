//! Invite commands: preview one activity's invite, export the folder of invites, import an .ics file.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use std::path::PathBuf;
use tauri::State;
use unisson_core::model::Id;
use unisson_core::ops::invites::{
    self, IcsImportOptions, IcsImportReport, InviteExportOptions, InviteExportSummary,
};

/// The .ics text an activity's attendees would receive now (REQUEST, or CANCEL once cancelled).
#[tauri::command(async)]
pub fn invite_preview(state: State<'_, AppState>, id: Id) -> CmdResult<String> {
    Ok(invites::preview(&*state.store()?, id, clock::now())?)
}

/// Writes the invites into a new or empty folder the user picked.
#[tauri::command(async)]
pub fn invites_export(
    state: State<'_, AppState>,
    out_dir: PathBuf,
    options: InviteExportOptions,
) -> CmdResult<InviteExportSummary> {
    Ok(invites::export(
        &mut *state.store()?,
        &out_dir,
        &options,
        clock::now(),
        &state.actor,
    )?)
}

/// Reads an .ics file the user picked (absences or replies); with `dryRun` only previews. The bytes go to core
/// undecoded, so a file the CLI refuses with a line number is refused here the same way.
#[tauri::command(async)]
pub fn ics_import(
    state: State<'_, AppState>,
    path: PathBuf,
    options: IcsImportOptions,
) -> CmdResult<IcsImportReport> {
    let bytes = std::fs::read(&path).map_err(unisson_core::Error::Io)?;
    Ok(invites::import_ics(
        &mut *state.store()?,
        &bytes,
        &options,
        clock::now(),
        &state.actor,
    )?)
}
