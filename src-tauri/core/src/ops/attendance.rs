//! Answers and attendance: a participant accepts or declines, a training's waitlist moves up, and after the day the
//! manager signs attendance off in bulk. Statuses only move forward in a way HR can read back in the audit log.
//!
//! Past history is never edited silently: changing a mark already signed off, or any status of a `done` activity
//! (except confirming that someone expected did attend, which reports already count), is a *correction*. It needs a
//! non-empty reason (`reason_required` otherwise) and is audited as `attendance_corrected` with the statuses before
//! and after and the reason. Signing off first marks needs none.

use crate::error::{Error, Result};
use crate::model::{
    check_text, ActivityKind, ActivityRecord, ActivityStatus, Id, ParticipationStatus, Role,
};
use crate::schedule::coming;
use crate::store::activities::NewActivity;
use crate::store::{activities, participations, Store, Tx};
use crate::FieldCode;
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

/// Longest accepted correction reason, in characters.
pub const MAX_REASON_CHARS: usize = 1000;

/// Whether a status is an attendance mark (attended, no-show, excused).
pub fn is_mark(status: ParticipationStatus) -> bool {
    matches!(
        status,
        ParticipationStatus::Attended | ParticipationStatus::NoShow | ParticipationStatus::Excused
    )
}

/// Whether moving a participation from `from` to `to` on an activity in status `activity` rewrites history (see the
/// module docs): it then needs a reason.
pub fn is_correction(
    activity: ActivityStatus,
    from: ParticipationStatus,
    to: ParticipationStatus,
) -> bool {
    use ParticipationStatus as P;
    let confirms = matches!(from, P::Invited | P::Accepted | P::Tentative) && to == P::Attended;
    from != to && (is_mark(from) || (activity == ActivityStatus::Done && !confirms))
}

/// The trimmed reason of a correction, or the `reason_required` field error when there is none.
pub(crate) fn required_reason(reason: Option<&str>) -> Result<String> {
    let mut errors = Vec::new();
    let reason = check_text(
        &mut errors,
        "reason",
        reason.unwrap_or(""),
        true,
        MAX_REASON_CHARS,
    );
    match errors.pop() {
        None => Ok(reason),
        Some(e) if e.code == "required" => Err(Error::field(
            "reason",
            FieldCode::ReasonRequired,
            "this changes attendance already in the history: say why",
        )),
        Some(e) => Err(Error::Validation(vec![e])),
    }
}

/// Records a participant's answer (accepted, tentative, declined, ...). A decline frees a seat for the waitlist.
/// Changing the status of a signed-off or `done` participation this way is refused with `reason_required`: that is a
/// correction, made on the attendance sheet with a reason ([`sign_off`]).
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
        if is_correction(activities::get(tx, id)?.status, current.status, status) {
            required_reason(None)?;
        }
        participations::upsert(tx, id, person, current.role, status)?;
        promote_waitlist(tx, id)?;
        super::activities::record(tx, id)
    })
}

/// Signs off attendance after the day: each person attended, no-show or excused. The activity becomes `done`.
/// Marks that correct history (see the module docs) need `reason`, recorded in their audit entries.
pub fn sign_off(
    store: &mut Store,
    id: Id,
    marks: &[(Id, ParticipationStatus)],
    reason: Option<&str>,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ActivityRecord> {
    store.write(actor, now, |tx| {
        let a = activities::get(tx, id)?;
        if a.start > now {
            return Err(Error::field(
                "status",
                FieldCode::NotYet,
                "attendance can only be signed off once the activity has started",
            ));
        }
        if a.status == ActivityStatus::Cancelled {
            return Err(Error::field(
                "status",
                FieldCode::InvalidTransition,
                "a cancelled activity has no attendance",
            ));
        }
        for (person, status) in marks {
            if !is_mark(*status) {
                return Err(Error::field(
                    "status",
                    FieldCode::InvalidMark,
                    "attendance is attended, no-show or excused",
                ));
            }
            let current = participations::find(tx, id, *person)?.ok_or(Error::NotFound {
                entity: "participation",
                id: format!("{id}/{person}"),
            })?;
            if is_correction(a.status, current.status, *status) {
                let reason = required_reason(reason)?;
                participations::correct(tx, id, *person, current.role, *status, &reason)?;
            } else {
                participations::upsert(tx, id, *person, current.role, *status)?;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Department, PersonInput};
    use crate::store::{audit, people};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|d| d.to_utc())
            .expect("instant")
    }

    /// A confirmed training of last week with two attendees.
    fn training(status: ActivityStatus) -> (Store, Id, Id, Id) {
        let mut store = Store::open_in_memory().expect("store");
        let (a, b, id) = store
            .write("hr@ex.fr", at("2026-11-01T00:00:00Z"), |tx| {
                let p = |name: &str| {
                    people::insert(
                        tx,
                        &PersonInput {
                            full_name: name.into(),
                            email: format!("{name}@ex.fr"),
                            department: Department::Sales,
                            team: "Ventes".into(),
                            site_id: None,
                            manager_id: None,
                            active: true,
                        },
                    )
                    .map(|p| p.id)
                };
                let (a, b) = (p("ana")?, p("bob")?);
                let new = NewActivity {
                    kind: ActivityKind::Training,
                    title: "Offres 2027".into(),
                    description: String::new(),
                    site_id: None,
                    location: String::new(),
                    start: at("2026-11-20T08:00:00Z"),
                    end: at("2026-11-20T10:00:00Z"),
                    timezone: "Europe/Paris".into(),
                    all_day: false,
                    status,
                    organizer_id: None,
                    uid: "t@test".into(),
                    half_day: None,
                    capacity: Some(10),
                    series_id: None,
                    goals: String::new(),
                    mix_min_marketing: None,
                    mix_min_sales: None,
                };
                let parts = [
                    (a, Role::Attendee, ParticipationStatus::Accepted),
                    (b, Role::Attendee, ParticipationStatus::Accepted),
                ];
                Ok((a, b, activities::insert(tx, &new, &parts)?.id))
            })
            .expect("training");
        (store, id, a, b)
    }

    fn now() -> DateTime<Utc> {
        at("2026-11-27T10:00:00Z")
    }

    fn status_of(store: &Store, id: Id, person: Id) -> ParticipationStatus {
        participations::find(store.conn(), id, person)
            .expect("find")
            .expect("there")
            .status
    }

    #[test]
    fn first_marks_need_no_reason_but_corrections_do_and_are_audited() {
        use ParticipationStatus as P;
        let (mut store, id, a, b) = training(ActivityStatus::Confirmed);
        sign_off(
            &mut store,
            id,
            &[(a, P::Attended), (b, P::Attended)],
            None,
            now(),
            "m@ex.fr",
        )
        .expect("the first sign-off needs no reason");
        for reason in [None, Some("   ")] {
            let err = sign_off(
                &mut store,
                id,
                &[(a, P::NoShow), (b, P::Attended)],
                reason,
                now(),
                "m@ex.fr",
            )
            .expect_err("a correction without a reason");
            assert_eq!(
                (
                    err.fields()[0].field.as_str(),
                    err.fields()[0].code.as_str()
                ),
                ("reason", "reason_required"),
                "the form shows the missing reason on its field ({reason:?})"
            );
            assert_eq!(
                status_of(&store, id, a),
                P::Attended,
                "a refused correction changes nothing"
            );
        }
        sign_off(
            &mut store,
            id,
            &[(a, P::NoShow), (b, P::Attended)],
            Some(" Badge non scanné "),
            now(),
            "m@ex.fr",
        )
        .expect("a correction with a reason");
        assert_eq!(
            status_of(&store, id, a),
            P::NoShow,
            "the correction is stored"
        );
        let pid = participations::find(store.conn(), id, a)
            .expect("f")
            .expect("p")
            .id;
        let entry = audit::for_entity(store.conn(), "participation", pid)
            .expect("audit")
            .pop()
            .expect("entry");
        assert_eq!(
            entry.action, "attendance_corrected",
            "HR reads corrections apart from plain updates"
        );
        let before = entry.before.expect("before");
        let after = entry.after.expect("after");
        assert_eq!(
            (
                before["status"].as_str(),
                after["status"].as_str(),
                after["reason"].as_str()
            ),
            (Some("attended"), Some("no_show"), Some("Badge non scanné")),
            "the audit keeps both statuses and the trimmed reason"
        );
        let bob = participations::find(store.conn(), id, b)
            .expect("f")
            .expect("p")
            .id;
        assert!(
            audit::for_entity(store.conn(), "participation", bob)
                .expect("audit")
                .iter()
                .all(|e| e.action != "attendance_corrected"),
            "an unchanged mark is not a correction"
        );
    }

    #[test]
    fn history_of_a_done_activity_is_not_changed_silently() {
        use ParticipationStatus as P;
        let (mut store, id, a, b) = training(ActivityStatus::Done);
        assert!(
            !is_correction(ActivityStatus::Done, P::Accepted, P::Attended),
            "confirming an expected attendee changes no figure: reports already count them"
        );
        let err = sign_off(
            &mut store,
            id,
            &[(a, P::Attended), (b, P::Excused)],
            None,
            now(),
            "m@ex.fr",
        )
        .expect_err("b was counted as attending the done training");
        assert_eq!(
            err.fields()[0].code,
            "reason_required",
            "excusing b rewrites history"
        );
        sign_off(&mut store, id, &[(a, P::Attended)], None, now(), "m@ex.fr")
            .expect("confirming a needs no reason");
        let err = respond(&mut store, id, b, P::Declined, now(), "m@ex.fr")
            .expect_err("answer after the fact");
        assert_eq!(
            err.fields()[0].code,
            "reason_required",
            "an answer cannot rewrite a done activity"
        );
        let mut input = super::super::activities::input_of(store.conn(), id).expect("input");
        input.participants.retain(|p| p.person_id != b);
        let err = super::super::activities::update(&mut store, id, &input, true, now(), "m@ex.fr")
            .expect_err("removing b from a done training");
        assert_eq!(
            err.fields()[0].code,
            "reason_required",
            "the activity form cannot rewrite attendance either"
        );
        assert_eq!(status_of(&store, id, b), P::Accepted, "nothing changed");
    }
}
