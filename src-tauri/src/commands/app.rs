//! Facts about the running app.

use crate::clock;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// Version and commit, database location and system locale, for Settings and the default language.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    /// App version.
    pub version: String,
    /// Git commit the binary was built from (short hash), or "unknown" outside a git checkout.
    pub commit: String,
    /// Database file in use.
    pub db_path: String,
    /// BCP 47 system locale, e.g. `fr-FR`.
    pub system_locale: String,
    /// The instant the clock is fixed at (`UNISSON_NOW`, for tests and demos), so the pages' "today" agrees with core's;
    /// `None` on the system clock.
    pub fixed_now: Option<DateTime<Utc>>,
}

/// Version, commit, database path, system locale and the fixed clock, if any.
#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        commit: crate::COMMIT.into(),
        db_path: state.db_path().display().to_string(),
        system_locale: sys_locale::get_locale().unwrap_or_else(|| "en-US".into()),
        fixed_now: clock::fixed_instant(),
    }
}
