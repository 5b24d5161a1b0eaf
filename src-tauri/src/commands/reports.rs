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

/// Writes the participation summary as CSV for French Excel (UTF-8 BOM, `;`, formulas neutralised) to the path the
/// user picked in the save dialog; returns the bytes written.
#[tauri::command(async)]
pub fn report_participation_export(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    by: GroupBy,
    path: String,
) -> CmdResult<usize> {
    let rows = participation::summary(&*state.store()?, &Period::new(from, to)?, by)?;
    let csv = unisson_core::report::csv::participation_csv(&rows)
        .map_err(|e| unisson_core::Error::Io(std::io::Error::other(e)))?;
    std::fs::write(&path, csv.as_bytes()).map_err(unisson_core::Error::Io)?;
    Ok(csv.len())
}
