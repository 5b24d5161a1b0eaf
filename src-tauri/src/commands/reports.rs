//! HR reports: the participation summary by group, its trend, the coverage matrix, and the activity ids behind a
//! figure (the UI then fetches those activities with `activities_list` / `activity_get`). Read-only.

use crate::error::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use tauri::State;
use unisson_core::model::Id;
use unisson_core::report::coverage::{self, Coverage, CoverageRows};
use unisson_core::report::participation::{self, ParticipationRow};
use unisson_core::report::trends::{self, TrendPoint, TrendStep};
use unisson_core::report::{csv, GroupBy, Metric, Period};

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

/// The activity ids behind one figure of the summary (once per counted participation, by start); without a group,
/// of everyone (a point of the trend).
#[tauri::command(async)]
pub fn report_evidence(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    by: GroupBy,
    group: Option<String>,
    metric: Metric,
) -> CmdResult<Vec<Id>> {
    let (store, period) = (&*state.store()?, Period::new(from, to)?);
    Ok(match group {
        Some(group) => participation::evidence(store, by, &group, metric, &period)?,
        None => participation::evidence_everyone(store, metric, &period)?,
    })
}

/// Participation over `from..=to`, one point per month or week (by week up to about a quarter unless `step` says).
#[tauri::command(async)]
pub fn report_trends(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    step: Option<TrendStep>,
) -> CmdResult<Vec<TrendPoint>> {
    let period = Period::new(from, to)?;
    let step = step.unwrap_or_else(|| trends::default_step(&period));
    Ok(trends::trends(&*state.store()?, &period, step)?)
}

/// Writes the participation summary as CSV for French Excel (UTF-8 BOM, `;`, formulas neutralised) to the path the
/// user picked in the save dialog; returns the bytes written. `header` labels every column, by the CLI's field name,
/// in the user's language; without it the header is the CLI's English field names.
#[tauri::command(async)]
pub fn report_participation_export(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    by: GroupBy,
    path: String,
    header: Option<BTreeMap<String, String>>,
) -> CmdResult<usize> {
    let rows = participation::summary(&*state.store()?, &Period::new(from, to)?, by)?;
    let csv = match header {
        Some(header) => csv::participation_csv_labelled(&rows, &header)?,
        None => csv::participation_csv(&rows)
            .map_err(|e| unisson_core::Error::Io(std::io::Error::other(e)))?,
    };
    std::fs::write(&path, csv.as_bytes()).map_err(unisson_core::Error::Io)?;
    Ok(csv.len())
}
