//! Debriefs (the field-to-marketing feedback loop): save, delete, list, pending, offer tags, offer insights and the
//! completion rate with its drill-down.

use crate::clock;
use crate::error::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use unisson_core::model::{ActivityKind, Debrief, DebriefInput, DebriefRecord, Id, PendingDebrief};
use unisson_core::ops::debriefs::{self, DebriefQuery};
use unisson_core::report::debriefs::{completion, missing, DebriefCompletion};
use unisson_core::report::insights::{insights, OfferInsights};
use unisson_core::report::{GroupBy, Period};

/// Saves (creates or replaces) a participant's debrief.
#[tauri::command(async)]
pub fn debrief_save(state: State<'_, AppState>, input: DebriefInput) -> CmdResult<Debrief> {
    Ok(debriefs::save(
        &mut *state.store()?,
        &input,
        clock::now(),
        &state.actor,
    )?)
}

/// Deletes a debrief.
#[tauri::command(async)]
pub fn debrief_delete(state: State<'_, AppState>, id: Id) -> CmdResult<()> {
    Ok(debriefs::delete(
        &mut *state.store()?,
        id,
        clock::now(),
        &state.actor,
    )?)
}

/// Debriefs matching the filters, newest activity first.
#[tauri::command(async)]
pub fn debriefs_list(
    state: State<'_, AppState>,
    query: DebriefQuery,
) -> CmdResult<Vec<DebriefRecord>> {
    Ok(debriefs::list(&*state.store()?, &query)?)
}

/// Debriefs still to fill (of one person, or everyone), newest first.
#[tauri::command(async)]
pub fn debriefs_pending(
    state: State<'_, AppState>,
    person_id: Option<Id>,
) -> CmdResult<Vec<PendingDebrief>> {
    Ok(debriefs::pending(
        &*state.store()?,
        clock::now(),
        person_id,
    )?)
}

/// Offer tags in use, most used first.
#[tauri::command(async)]
pub fn offer_tags(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    Ok(debriefs::offer_tags(&*state.store()?)?)
}

/// Feedback by offer and month over `from..=to`, against the previous period.
#[tauri::command(async)]
pub fn offer_insights(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    kind: Option<ActivityKind>,
) -> CmdResult<OfferInsights> {
    Ok(insights(&*state.store()?, &Period::new(from, to)?, kind)?)
}

/// Expected vs filled debriefs over `from..=to`, overall and by group.
#[tauri::command(async)]
pub fn debrief_completion(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    by: GroupBy,
) -> CmdResult<DebriefCompletion> {
    Ok(completion(&*state.store()?, &Period::new(from, to)?, by)?)
}

/// Who has not filled an expected debrief of `from..=to` (one group, or everyone).
#[tauri::command(async)]
pub fn debrief_missing(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    by: GroupBy,
    group: Option<String>,
) -> CmdResult<Vec<PendingDebrief>> {
    Ok(missing(
        &*state.store()?,
        &Period::new(from, to)?,
        by,
        group.as_deref(),
    )?)
}
