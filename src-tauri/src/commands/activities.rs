//! Activity commands: list, check as you edit, create, change, move, cancel (and undo), answers and sign-off.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tauri::State;
use ts_rs::TS;
use unisson_core::model::{
    ActivityInput, ActivityKind, ActivityRecord, ActivityStatus, Id, ParticipationStatus,
};
use unisson_core::ops::{activities, attendance};
use unisson_core::schedule::Finding;
use unisson_core::store::activities::Filter;

/// What the calendar and the board ask for.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActivityQuery {
    /// Activities ending after this instant.
    pub from: DateTime<Utc>,
    /// Activities starting before this instant.
    pub to: DateTime<Utc>,
    /// Only this kind.
    pub kind: Option<ActivityKind>,
    /// Only activities of this person.
    pub person_id: Option<Id>,
}

/// One attendance mark.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttendanceMark {
    /// The person.
    pub person_id: Id,
    /// attended, no_show or excused.
    pub status: ParticipationStatus,
}

/// Activities in a range.
#[tauri::command(async)]
pub fn activities_list(
    state: State<'_, AppState>,
    query: ActivityQuery,
) -> CmdResult<Vec<ActivityRecord>> {
    let filter = Filter {
        from: Some(query.from),
        to: Some(query.to),
        kind: query.kind,
        person: query.person_id,
    };
    Ok(activities::list(&*state.store()?, &filter)?)
}

/// One activity.
#[tauri::command(async)]
pub fn activity_get(state: State<'_, AppState>, id: Id) -> CmdResult<ActivityRecord> {
    Ok(activities::get(&*state.store()?, id)?)
}

/// The findings of a proposed activity, without saving (forms call this as the user edits).
#[tauri::command(async)]
pub fn activity_check(
    state: State<'_, AppState>,
    input: ActivityInput,
    id: Option<Id>,
) -> CmdResult<Vec<Finding>> {
    Ok(activities::check(&*state.store()?, &input, id)?)
}

/// Creates an activity; `confirm` accepts warnings.
#[tauri::command(async)]
pub fn activity_create(
    state: State<'_, AppState>,
    input: ActivityInput,
    confirm: bool,
) -> CmdResult<ActivityRecord> {
    Ok(activities::create(
        &mut *state.store()?,
        &input,
        confirm,
        clock::now(),
        &state.actor,
    )?)
}

/// Changes an activity; `confirm` accepts warnings.
#[tauri::command(async)]
pub fn activity_update(
    state: State<'_, AppState>,
    id: Id,
    input: ActivityInput,
    confirm: bool,
) -> CmdResult<ActivityRecord> {
    Ok(activities::update(
        &mut *state.store()?,
        id,
        &input,
        confirm,
        clock::now(),
        &state.actor,
    )?)
}

/// Moves an activity (drag and drop); `confirm` accepts warnings.
#[tauri::command(async)]
pub fn activity_reschedule(
    state: State<'_, AppState>,
    id: Id,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    confirm: bool,
) -> CmdResult<ActivityRecord> {
    Ok(activities::reschedule(
        &mut *state.store()?,
        id,
        start,
        end,
        confirm,
        clock::now(),
        &state.actor,
    )?)
}

/// Changes the lifecycle status.
#[tauri::command(async)]
pub fn activity_set_status(
    state: State<'_, AppState>,
    id: Id,
    status: ActivityStatus,
) -> CmdResult<ActivityRecord> {
    Ok(activities::set_status(
        &mut *state.store()?,
        id,
        status,
        clock::now(),
        &state.actor,
    )?)
}

/// Undoes the latest cancellation.
#[tauri::command(async)]
pub fn activity_undo_cancel(state: State<'_, AppState>, id: Id) -> CmdResult<ActivityRecord> {
    Ok(activities::undo_cancel(
        &mut *state.store()?,
        id,
        clock::now(),
        &state.actor,
    )?)
}

/// Records a participant's answer.
#[tauri::command(async)]
pub fn participation_respond(
    state: State<'_, AppState>,
    id: Id,
    person_id: Id,
    status: ParticipationStatus,
) -> CmdResult<ActivityRecord> {
    Ok(attendance::respond(
        &mut *state.store()?,
        id,
        person_id,
        status,
        clock::now(),
        &state.actor,
    )?)
}

/// Signs attendance off in bulk; `reason` explains corrections of marks already in the history.
#[tauri::command(async)]
pub fn attendance_sign_off(
    state: State<'_, AppState>,
    id: Id,
    marks: Vec<AttendanceMark>,
    reason: Option<String>,
) -> CmdResult<ActivityRecord> {
    let marks: Vec<(Id, ParticipationStatus)> =
        marks.iter().map(|m| (m.person_id, m.status)).collect();
    Ok(attendance::sign_off(
        &mut *state.store()?,
        id,
        &marks,
        reason.as_deref(),
        clock::now(),
        &state.actor,
    )?)
}

/// The planning board: every activity in a window with who is on it (ids only; the board has the names).
#[tauri::command(async)]
pub fn board_list(
    state: State<'_, AppState>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CmdResult<Vec<unisson_core::store::board::BoardItem>> {
    Ok(activities::board(&*state.store()?, from, to)?)
}
