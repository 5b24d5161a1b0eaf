//! HR reports: the participation summary by group, the coverage matrix, and the activity ids behind a figure (the UI
//! then fetches those activities with `activities_list` / `activity_get`). Read-only.

use crate::error::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use unisson_core::model::Id;
use unisson_core::report::coverage::{self, Coverage, CoverageRows};
use unisson_core::report::participation::{self, ParticipationRow};
use unisson_core::report::{GroupBy, Metric, Period};

/// The participation summary of every group over `from..=to`.
#[tauri::command(async)]
pub fn report_participation(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    by: GroupBy,
) -> CmdResult<Vec<ParticipationRow>> {
    Ok(participation::summary(
        &*state.store()?,
        &Period::new(from, to)?,
        by,
    )?)
}

/// The coverage matrix over `from..=to` (rows: marketing teams unless `rows` says otherwise).
#[tauri::command(async)]
pub fn report_coverage(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    rows: Option<CoverageRows>,
) -> CmdResult<Coverage> {
    Ok(coverage::matrix(
        &*state.store()?,
        &Period::new(from, to)?,
        rows.unwrap_or(CoverageRows::Team),
    )?)
}

/// The activity ids behind one figure of the summary (once per counted participation, by start).
#[tauri::command(async)]
pub fn report_evidence(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    by: GroupBy,
    group: String,
    metric: Metric,
) -> CmdResult<Vec<Id>> {
    Ok(participation::evidence(
        &*state.store()?,
        by,
        &group,
        metric,
        &Period::new(from, to)?,
    )?)
}
