//! Staff directory import and export commands, and the department alias table. The file chosen in the dialog is read
//! and written here (core takes bytes, never paths); progress is streamed through an optional channel.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;
use ts_rs::TS;
use unisson_core::import::{Delimiter, DepartmentAlias, ImportOptions, ImportReport, UndoReport};
use unisson_core::ops::{departments, import};

/// How far an import has got, sent to the window while it runs.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportProgress {
    /// People written so far.
    pub done: usize,
    /// People to write in all.
    pub total: usize,
}

fn read(path: &str) -> CmdResult<Vec<u8>> {
    std::fs::read(path).map_err(|e| unisson_core::Error::Io(e).into())
}

/// What importing the file would do; writes nothing.
#[tauri::command(async)]
pub fn people_import_preview(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> CmdResult<ImportReport> {
    let bytes = read(&path)?;
    Ok(import::preview(&*state.store()?, &bytes, &options)?)
}

/// Imports the file in one transaction, reporting progress on the `on_progress` channel.
#[tauri::command(async)]
pub fn people_import(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<ImportReport> {
    let bytes = read(&path)?;
    let mut progress = |done, total| {
        // A window that went away must not fail the import.
        let _ = on_progress.send(ImportProgress { done, total });
    };
    Ok(import::people(
        &mut *state.store()?,
        &bytes,
        &options,
        clock::now(),
        &state.actor,
        &mut progress,
    )?)
}

/// Undoes an import.
#[tauri::command(async)]
pub fn people_import_undo(state: State<'_, AppState>, import_id: i64) -> CmdResult<UndoReport> {
    Ok(import::undo(
        &mut *state.store()?,
        import_id,
        clock::now(),
        &state.actor,
    )?)
}

/// Writes the directory to `path` as CSV with a BOM (`;` unless told otherwise); returns the bytes written.
#[tauri::command(async)]
pub fn people_export(
    state: State<'_, AppState>,
    path: String,
    delimiter: Option<Delimiter>,
) -> CmdResult<usize> {
    let bytes = import::export(
        &*state.store()?,
        delimiter.unwrap_or(Delimiter::Semicolon),
        true,
    )?;
    std::fs::write(&path, &bytes).map_err(unisson_core::Error::Io)?;
    Ok(bytes.len())
}

/// The department alias table.
#[tauri::command(async)]
pub fn department_aliases_get(state: State<'_, AppState>) -> CmdResult<Vec<DepartmentAlias>> {
    Ok(departments::aliases(&*state.store()?)?)
}

/// Replaces the department alias table.
#[tauri::command(async)]
pub fn department_aliases_set(
    state: State<'_, AppState>,
    aliases: Vec<DepartmentAlias>,
) -> CmdResult<Vec<DepartmentAlias>> {
    Ok(departments::set_aliases(
        &mut *state.store()?,
        &aliases,
        clock::now(),
        &state.actor,
    )?)
}
