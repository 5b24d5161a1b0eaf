//! Creating, changing, moving and cancelling activities. Every path runs [`schedule::check`]: errors block the change
//! ([`Error::Clash`]); warnings block it until the caller confirms ([`Error::NeedsConfirmation`]), and confirmed
//! warnings are written into the audit entry of the change.
//!
//! A change of time, place or attendees bumps the SEQUENCE once, so calendar clients replace the old invite.
//! Removing a person marks their participation `cancelled` (they get a CANCEL); nothing is deleted.

use super::attendance::promote_waitlist;
use crate::error::{Error, Result};
use crate::model::{
    Activity, ActivityInput, ActivityRecord, ActivityStatus, Id, ParticipantInput,
    ParticipationStatus,
};
use crate::schedule::{self, lifecycle, Finding};
use crate::store::activities::{self, Filter, NewActivity};
use crate::store::{participations, settings, Store, Tx};
use crate::FieldCode;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The findings for a proposed activity (`id`: the activity being edited), without writing: forms call this as the
/// user types.
pub fn check(store: &Store, input: &ActivityInput, id: Option<Id>) -> Result<Vec<Finding>> {
    let a = schedule::normalize(store.conn(), input)?;
    schedule::check(store.conn(), &a, id, &settings::rules(store.conn())?)
}

/// Activities matching a filter, with participants.
pub fn list(store: &Store, filter: &Filter) -> Result<Vec<ActivityRecord>> {
    activities::records(store.conn(), filter)
}

/// One activity with participants.
pub fn get(store: &Store, id: Id) -> Result<ActivityRecord> {
    record(store.conn(), id)
}

pub(crate) fn record(conn: &rusqlite::Connection, id: Id) -> Result<ActivityRecord> {
    let a = activities::get(conn, id)?;
    let filter = Filter {
        from: Some(a.start - chrono::Duration::seconds(1)),
        to: Some(a.end),
        ..Filter::default()
    };
    activities::records(conn, &filter)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(Error::NotFound {
            entity: "activity",
            id: id.to_string(),
        })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Audited<'a> {
    activity: &'a Activity,
    participants: &'a [ParticipantInput],
    confirmed_warnings: &'a [Finding],
}

/// Runs the check inside the write transaction, so nothing can slip in between check and write.
fn gate(tx: &Tx<'_>, a: &ActivityInput, id: Option<Id>, confirm: bool) -> Result<Vec<Finding>> {
    let findings = schedule::check(tx, a, id, &settings::rules(tx)?)?;
    if findings.iter().any(Finding::is_error) {
        return Err(Error::Clash(findings));
    }
    if !findings.is_empty() && !confirm {
        return Err(Error::NeedsConfirmation(findings));
    }
    Ok(findings)
}

pub(crate) fn new_activity(a: &ActivityInput, uid: String) -> NewActivity {
    NewActivity {
        kind: a.kind,
        title: a.title.clone(),
        description: a.description.clone(),
        site_id: a.site_id,
        location: a.location.clone(),
        start: a.start,
        end: a.end,
        timezone: a.timezone.clone(),
        all_day: a.all_day,
        status: a.status,
        organizer_id: a.organizer_id,
        uid,
        half_day: a.half_day,
        capacity: a.capacity,
        series_id: a.series_id,
        goals: a.goals.clone(),
        mix_min_marketing: a.mix_min_marketing,
        mix_min_sales: a.mix_min_sales,
    }
}

/// A new iCalendar UID: random, so two laptops planning offline never collide.
pub(crate) fn new_uid() -> String {
    format!("{:032x}@unisson.app", rand::random::<u128>())
}

/// Creates an activity; `confirm` accepts its warnings.
pub fn create(
    store: &mut Store,
    input: &ActivityInput,
    confirm: bool,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ActivityRecord> {
    let a = schedule::normalize(store.conn(), input)?;
    store.write(actor, now, |tx| create_in(tx, &a, confirm))
}

/// Creates a normalized activity inside a transaction (the check runs here, against the same snapshot). A refused
/// activity writes nothing, so the caller may go on with others in the same transaction.
pub(crate) fn create_in(tx: &Tx<'_>, a: &ActivityInput, confirm: bool) -> Result<ActivityRecord> {
    let warnings = gate(tx, a, None, confirm)?;
    let parts: Vec<_> = a
        .participants
        .iter()
        .map(|p| (p.person_id, p.role, p.status))
        .collect();
    let created = activities::insert(tx, &new_activity(a, new_uid()), &parts)?;
    if !warnings.is_empty() {
        let after = Audited {
            activity: &created,
            participants: &a.participants,
            confirmed_warnings: &warnings,
        };
        tx.audit(
            "activity",
            created.id,
            "confirm_warnings",
            None::<&()>,
            Some(&after),
        )?;
    }
    record(tx, created.id)
}

/// Replaces an activity's fields and participants; `confirm` accepts its warnings.
pub fn update(
    store: &mut Store,
    id: Id,
    input: &ActivityInput,
    confirm: bool,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ActivityRecord> {
    let a = schedule::normalize(store.conn(), input)?;
    store.write(actor, now, |tx| apply(tx, id, &a, confirm))
}

/// Applies a normalized change inside a transaction (the check runs here, against the same snapshot).
pub(crate) fn apply(
    tx: &Tx<'_>,
    id: Id,
    a: &ActivityInput,
    confirm: bool,
) -> Result<ActivityRecord> {
    let before = activities::get(tx, id)?;
    if before.kind != a.kind {
        return Err(Error::field(
            "kind",
            FieldCode::Immutable,
            "the kind of an activity cannot change",
        ));
    }
    lifecycle::check(before.status, a.status)?;
    let warnings = gate(tx, a, Some(id), confirm)?;
    let old_parts = activities::participations(tx, id)?;
    refuse_silent_corrections(before.status, &old_parts, &a.participants)?;
    let mut people_changed = false;
    for p in &a.participants {
        let old = old_parts.iter().find(|o| o.person_id == p.person_id);
        people_changed |=
            old.is_none_or(|o| schedule::coming(o.status) != schedule::coming(p.status));
        participations::upsert(tx, id, p.person_id, p.role, p.status)?;
    }
    for gone in old_parts
        .iter()
        .filter(|o| !a.participants.iter().any(|p| p.person_id == o.person_id))
    {
        if gone.status != ParticipationStatus::Cancelled {
            people_changed = true;
            participations::upsert(
                tx,
                id,
                gone.person_id,
                gone.role,
                ParticipationStatus::Cancelled,
            )?;
        }
    }
    let moved = before.start != a.start || before.end != a.end || before.all_day != a.all_day;
    let placed = before.site_id != a.site_id || before.location != a.location;
    let cancelled =
        a.status == ActivityStatus::Cancelled && before.status != ActivityStatus::Cancelled;
    let bump = moved || placed || people_changed || cancelled || before.title != a.title;
    let after = activities::update(tx, id, &new_activity(a, before.uid.clone()), bump)?;
    let audited = Audited {
        activity: &after,
        participants: &a.participants,
        confirmed_warnings: &warnings,
    };
    tx.audit("activity", id, "update", Some(&before), Some(&audited))?;
    promote_waitlist(tx, id)?;
    record(tx, id)
}

/// Refuses, with `reason_required`, an edit that would rewrite attendance history (see `ops::attendance`): such
/// corrections are made on the attendance sheet, with a reason.
fn refuse_silent_corrections(
    activity: ActivityStatus,
    old: &[crate::model::Participation],
    new: &[ParticipantInput],
) -> Result<()> {
    use super::attendance::{is_correction, required_reason};
    let changed = new
        .iter()
        .any(|p| match old.iter().find(|o| o.person_id == p.person_id) {
            Some(o) => is_correction(activity, o.status, p.status),
            None => activity == ActivityStatus::Done,
        });
    let removed = old.iter().any(|o| {
        !new.iter().any(|p| p.person_id == o.person_id)
            && is_correction(activity, o.status, ParticipationStatus::Cancelled)
    });
    if changed || removed {
        required_reason(None)?;
    }
    Ok(())
}

/// The input that reproduces a stored activity (for moves and status changes that keep everything else).
pub fn input_of(conn: &rusqlite::Connection, id: Id) -> Result<ActivityInput> {
    let a = activities::get(conn, id)?;
    let participants = activities::participations(conn, id)?
        .into_iter()
        .map(|p| ParticipantInput {
            person_id: p.person_id,
            role: p.role,
            status: p.status,
        })
        .collect();
    Ok(ActivityInput {
        kind: a.kind,
        title: a.title,
        description: a.description,
        site_id: a.site_id,
        location: a.location,
        start: a.start,
        end: a.end,
        timezone: a.timezone,
        all_day: a.all_day,
        status: a.status,
        organizer_id: a.organizer_id,
        half_day: a.half_day,
        capacity: a.capacity,
        mix_min_marketing: a.mix_min_marketing,
        mix_min_sales: a.mix_min_sales,
        series_id: a.series_id,
        goals: a.goals,
        participants,
    })
}

/// Moves an activity (a drag on the board): same length, new start; `confirm` accepts its warnings.
pub fn reschedule(
    store: &mut Store,
    id: Id,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    confirm: bool,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ActivityRecord> {
    let mut a = input_of(store.conn(), id)?;
    a.start = start;
    a.end = end;
    let a = schedule::normalize(store.conn(), &a)?;
    store.write(actor, now, |tx| apply(tx, id, &a, confirm))
}

/// Changes only the lifecycle status (confirm, mark done, cancel). Cancelling never needs a confirmation and keeps
/// the record and its participants.
pub fn set_status(
    store: &mut Store,
    id: Id,
    status: ActivityStatus,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ActivityRecord> {
    store.write(actor, now, |tx| {
        let before = activities::get(tx, id)?;
        lifecycle::check(before.status, status)?;
        if status == before.status {
            return record(tx, id);
        }
        let new = NewActivity {
            status,
            ..NewActivity::from(&before)
        };
        let after = activities::update(tx, id, &new, status == ActivityStatus::Cancelled)?;
        tx.audit("activity", id, status.as_str(), Some(&before), Some(&after))?;
        record(tx, id)
    })
}

/// Cancels an activity (kept in history, with a higher SEQUENCE for the CANCEL invite).
pub fn cancel(
    store: &mut Store,
    id: Id,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ActivityRecord> {
    set_status(store, id, ActivityStatus::Cancelled, now, actor)
}

/// Undoes a cancellation (the "Undo" right after cancelling): the activity gets back the status it had, with a higher
/// SEQUENCE so calendars take the new REQUEST over the CANCEL. Only the latest change may be undone this way.
pub fn undo_cancel(
    store: &mut Store,
    id: Id,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ActivityRecord> {
    store.write(actor, now, |tx| {
        let current = activities::get(tx, id)?;
        let trail = crate::store::audit::for_entity(tx, "activity", id)?;
        let last = trail
            .last()
            .filter(|e| e.action == ActivityStatus::Cancelled.as_str());
        let previous: Option<ActivityStatus> = last
            .and_then(|e| e.before.as_ref())
            .and_then(|b| b.get("status"))
            .and_then(|s| s.as_str())
            .and_then(|s| s.parse().ok());
        let (ActivityStatus::Cancelled, Some(previous)) = (current.status, previous) else {
            return Err(Error::field(
                "status",
                FieldCode::NothingToUndo,
                "the last change of this activity was not a cancellation",
            ));
        };
        let new = NewActivity {
            status: previous,
            ..NewActivity::from(&current)
        };
        let after = activities::update(tx, id, &new, true)?;
        tx.audit("activity", id, "undo_cancel", Some(&current), Some(&after))?;
        record(tx, id)
    })
}

/// The planning board's items for a window (see `store::board`).
pub fn board(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<crate::store::board::BoardItem>> {
    crate::store::board::items(store.conn(), from, to)
}
