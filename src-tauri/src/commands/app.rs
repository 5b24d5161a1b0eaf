//! Facts about the running app.

use crate::state::AppState;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// Version, database location and system locale, for Settings and the default language.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    /// App version.
    pub version: String,
    /// Database file in use.
    pub db_path: String,
    /// BCP 47 system locale, e.g. `fr-FR`.
    pub system_locale: String,
}

/// Version, database path and system locale.
#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        db_path: state.db_path.display().to_string(),
        system_locale: sys_locale::get_locale().unwrap_or_else(|| "en-US".into()),
    }
}
