//! Answers and attendance: a participant accepts or declines, a training's waitlist moves up, and after the day the
//! manager signs attendance off in bulk. Statuses only move forward in a way HR can read back in the audit log.

use crate::error::{Error, Result};
use crate::model::{ActivityKind, ActivityRecord, ActivityStatus, Id, ParticipationStatus, Role};
use crate::schedule::coming;
use crate::store::activities::NewActivity;
use crate::store::{activities, participations, Store, Tx};
use chrono::{DateTime, Utc};

/// Promotes waitlisted people of a training while seats are free, first come first served.
pub(crate) fn promote_waitlist(tx: &Tx<'_>, id: Id) -> Result<Vec<Id>> {
    let a = activities::get(tx, id)?;
    let (ActivityKind::Training, Some(capacity)) = (a.kind, a.capacity) else {
        return Ok(Vec::new());
    };
    if a.status == ActivityStatus::Cancelled {
        return Ok(Vec::new());
    }
    let seated = activities::participations(tx, id)?
        .iter()
        .filter(|p| p.role == Role::Attendee && coming(p.status))
        .count() as i32;
    let free = usize::try_from(capacity - seated).unwrap_or(0);
    let promoted: Vec<Id> = participations::waitlist(tx, id)?
        .into_iter()
        .take(free)
        .collect();
    for person in &promoted {
        participations::upsert(
            tx,
            id,
            *person,
            Role::Attendee,
            ParticipationStatus::Invited,
        )?;
    }
    Ok(promoted)
}

/// Records a participant's answer (accepted, tentative, declined, ...). A decline frees a seat for the waitlist.
pub fn respond(
    store: &mut Store,
    id: Id,
    person: Id,
    status: ParticipationStatus,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ActivityRecord> {
    store.write(actor, now, |tx| {
        let current = participations::find(tx, id, person)?.ok_or(Error::NotFound {
            entity: "participation",
            id: format!("{id}/{person}"),
        })?;
        participations::upsert(tx, id, person, current.role, status)?;
        promote_waitlist(tx, id)?;
        super::activities::record(tx, id)
    })
}

/// Signs off attendance after the day: each person attended, no-show or excused. The activity becomes `done`.
pub fn sign_off(
    store: &mut Store,
    id: Id,
    marks: &[(Id, ParticipationStatus)],
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ActivityRecord> {
    store.write(actor, now, |tx| {
        let a = activities::get(tx, id)?;
        if a.start > now {
            return Err(Error::field(
                "status",
                "not_yet",
                "attendance can only be signed off once the activity has started",
            ));
        }
        if a.status == ActivityStatus::Cancelled {
            return Err(Error::field(
                "status",
                "invalid_transition",
                "a cancelled activity has no attendance",
            ));
        }
        for (person, status) in marks {
            if !matches!(
                status,
                ParticipationStatus::Attended
                    | ParticipationStatus::NoShow
                    | ParticipationStatus::Excused
            ) {
                return Err(Error::field(
                    "status",
                    "invalid_mark",
                    "attendance is attended, no-show or excused",
                ));
            }
            let current = participations::find(tx, id, *person)?.ok_or(Error::NotFound {
                entity: "participation",
                id: format!("{id}/{person}"),
            })?;
            participations::upsert(tx, id, *person, current.role, *status)?;
        }
        if a.status != ActivityStatus::Done {
            let new = NewActivity {
                status: ActivityStatus::Done,
                ..NewActivity::from(&a)
            };
            let after = activities::update(tx, id, &new, false)?;
            tx.audit("activity", id, "done", Some(&a), Some(&after))?;
        }
        super::activities::record(tx, id)
    })
}
