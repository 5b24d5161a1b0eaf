//! The first run: the status of the open database, and switching to the demo organisation or to a database the user
//! picked. The demo lives in its own file (`demo.sqlite` next to the current database), never in the user's.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Runtime, State};
use unisson_core::ops::setup::{self, DatabaseStatus};
use unisson_core::store::{OpenMode, Store};

/// The demo's file name, next to the current database.
pub const DEMO_FILE: &str = "demo.sqlite";

/// Is the open database new (the welcome shows), the demo, and how far is it set up?
#[tauri::command(async)]
pub fn database_status(state: State<'_, AppState>) -> CmdResult<DatabaseStatus> {
    Ok(setup::status(&*state.store()?)?)
}

/// Switches to the demo organisation in its own file, generating it on first use; returns the new status.
#[tauri::command(async)]
pub fn database_open_demo(state: State<'_, AppState>) -> CmdResult<DatabaseStatus> {
    open_demo(&state)
}

/// Switches to an existing Unisson database the user picked; returns its status. Retention (Settings) applies to it
/// as it does to the database the app starts on, on its own thread.
#[tauri::command(async)]
pub fn database_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: PathBuf,
) -> CmdResult<DatabaseStatus> {
    // An existing Unisson database only: a missing file, a folder or another application's file is refused untouched.
    let store = Store::open_with(&path, OpenMode::Existing, clock::now())?;
    let status = setup::status(&store)?;
    state.switch_to(store, path)?;
    let _ = crate::app::retention_in_background(app);
    Ok(status)
}

/// Where the demo lives for a given current database: `demo.sqlite` in the same folder.
pub fn demo_path(current: &Path) -> PathBuf {
    current.with_file_name(DEMO_FILE)
}

/// Opens the demo file (generated on first use by core, which refuses a file holding another organisation), then
/// makes it the app's store.
pub fn open_demo(state: &AppState) -> CmdResult<DatabaseStatus> {
    let path = demo_path(&state.db_path());
    let now = clock::now();
    let mut store = Store::open_with(&path, OpenMode::CreateIfMissing, now)?;
    let status = setup::prepare_demo(&mut store, now)?;
    state.switch_to(store, path)?;
    Ok(status)
}
