//! Sales-brief series: create a series and materialise its occurrences, change it from a given day on (past
//! occurrences keep their history), and fill the rota.
//!
//! Occurrences are materialised up to [`HORIZON_WEEKS`] ahead, each a `brief` activity whose participants are the
//! team's active members; marketers are added per occurrence (by hand or by the rota).
//!
//! An occurrence's start by the rule (its RECURRENCE-ID in the series file) is not a column: it is the start it was
//! given when it was created or last put on the rule by a series change, which the audit trail holds (see
//! [`rule_start`]). This relies on every change of an activity being audited with its state before, as the store
//! does; rows inserted in bulk (the demo) have no entry of their own until their first change.

use super::activities::{self as activity_ops, new_activity};
use crate::error::{Error, Result};
use crate::model::{
    Activity, ActivityInput, ActivityKind, ActivityStatus, Department, Id, ParticipantInput,
    ParticipationStatus, Role, Series, SeriesInput,
};
use crate::plan::rota::{self, Rota};
use crate::schedule::series::{occurrences, validated, Occurrence};
use crate::store::{activities, audit, people, series, Store, Tx};
use crate::FieldCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// How far ahead occurrences exist as activities.
pub const HORIZON_WEEKS: i64 = 26;

/// All series.
pub fn list(store: &Store) -> Result<Vec<Series>> {
    series::list(store.conn())
}

/// The input that reproduces a stored series (to expand its rule).
pub(crate) fn input_of(s: &Series) -> SeriesInput {
    SeriesInput {
        title: s.title.clone(),
        team: s.team.clone(),
        site_id: s.site_id,
        location: s.location.clone(),
        rrule: s.rrule.clone(),
        first_day: s.first_day,
        local_start: s.local_start.clone(),
        duration_minutes: s.duration_minutes,
        timezone: s.timezone.clone(),
        exdates: s.exdates.clone(),
    }
}

fn today(s: &SeriesInput, now: DateTime<Utc>) -> NaiveDate {
    let tz: Tz = s.timezone.parse().unwrap_or(chrono_tz::Europe::Paris);
    now.with_timezone(&tz).date_naive()
}

fn occurrence_input(tx: &Tx<'_>, s: &Series, occ: &Occurrence) -> Result<ActivityInput> {
    let members = people::list_rows(tx)?
        .into_iter()
        .filter(|p| p.active && p.team == s.team && p.department == Department::Sales);
    Ok(ActivityInput {
        kind: ActivityKind::Brief,
        title: s.title.clone(),
        description: String::new(),
        site_id: s.site_id,
        location: s.location.clone(),
        start: occ.start,
        end: occ.end,
        timezone: s.timezone.clone(),
        all_day: false,
        status: ActivityStatus::Planned,
        organizer_id: None,
        half_day: None,
        capacity: None,
        mix_min_marketing: None,
        mix_min_sales: None,
        series_id: Some(s.id),
        goals: String::new(),
        participants: members
            .map(|p| ParticipantInput {
                person_id: p.id,
                role: Role::Attendee,
                status: ParticipationStatus::Invited,
            })
            .collect(),
    })
}

/// Stores one occurrence with the team as attendees.
fn insert_occurrence(tx: &Tx<'_>, s: &Series, occ: &Occurrence) -> Result<()> {
    let input = occurrence_input(tx, s, occ)?;
    let parts: Vec<_> = input
        .participants
        .iter()
        .map(|p| (p.person_id, p.role, p.status))
        .collect();
    activities::insert(tx, &new_activity(&input, activity_ops::new_uid()), &parts)?;
    Ok(())
}

/// Creates occurrences of `s` for `[from, to]` that do not exist yet (matched by local day).
fn materialise(tx: &Tx<'_>, s: &Series, from: NaiveDate, to: NaiveDate) -> Result<usize> {
    let tz: Tz = s.timezone.parse().unwrap_or(chrono_tz::Europe::Paris);
    let existing: Vec<NaiveDate> =
        activities::of_series(tx, s.id, DateTime::<Utc>::MIN_UTC, usize::MAX >> 1)?
            .iter()
            .map(|a| a.start.with_timezone(&tz).date_naive())
            .collect();
    let mut created = 0;
    for occ in occurrences(&input_of(s), from.max(s.first_day), to)? {
        if existing.contains(&occ.day) {
            continue;
        }
        insert_occurrence(tx, s, &occ)?;
        created += 1;
    }
    Ok(created)
}

/// Creates a series and its occurrences from its first day (or today, if later) up to the horizon.
pub fn create(
    store: &mut Store,
    input: &SeriesInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Series> {
    let input = validated(input)?;
    store.write(actor, now, |tx| {
        let draft = Series {
            id: 0,
            title: input.title.clone(),
            team: input.team.clone(),
            site_id: input.site_id,
            location: input.location.clone(),
            rrule: input.rrule.clone(),
            first_day: input.first_day,
            local_start: input.local_start.clone(),
            duration_minutes: input.duration_minutes,
            timezone: input.timezone.clone(),
            exdates: input.exdates.clone(),
            uid: activity_ops::new_uid(),
            sequence: 0,
            created_at: now,
            updated_at: now,
        };
        let s = series::insert(tx, &draft)?;
        let start = today(&input, now);
        materialise(tx, &s, start, start + Duration::weeks(HORIZON_WEEKS))?;
        Ok(s)
    })
}

/// Changes a series from `from` on ("this and following"). Occurrences before `from` are untouched. Later ones are
/// moved to the new rule when the new rule has an occurrence in the same week (keeping their attendees), cancelled
/// otherwise; new dates get new occurrences. Exception days added to the rule cancel their occurrence.
pub fn update_from(
    store: &mut Store,
    id: Id,
    from: NaiveDate,
    input: &SeriesInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Series> {
    let input = validated(input)?;
    store.write(actor, now, |tx| {
        let old = series::get(tx, id)?;
        if old.team != input.team {
            return Err(Error::field(
                "team",
                FieldCode::Immutable,
                "a series belongs to one team; create a new series",
            ));
        }
        let tz: Tz = input.timezone.parse().unwrap_or(chrono_tz::Europe::Paris);
        let from = from.max(today(&input, now));
        let new_first = if from <= old.first_day {
            old.first_day
        } else {
            input.first_day.max(from)
        };
        let updated = series::update(
            tx,
            &Series {
                first_day: new_first,
                ..series_from(&old, &input)
            },
        )?;
        let horizon = from + Duration::weeks(HORIZON_WEEKS);
        let mut wanted = occurrences(&input_of(&updated), from, horizon)?;
        let cutoff = crate::schedule::halfday::local_instant(tz, from, 0, 0);
        for a in activities::of_series(tx, id, cutoff, usize::MAX >> 1)? {
            let week = a.start.with_timezone(&tz).date_naive().iso_week();
            let mut next = activity_ops::input_of(tx, a.id)?;
            match wanted.iter().position(|o| o.day.iso_week() == week) {
                Some(i) => {
                    let occ = wanted.remove(i);
                    (next.start, next.end) = (occ.start, occ.end);
                    next.title.clone_from(&updated.title);
                    next.site_id = updated.site_id;
                    next.location.clone_from(&updated.location);
                    next.timezone.clone_from(&updated.timezone);
                }
                None => next.status = ActivityStatus::Cancelled,
            }
            apply_occurrence(tx, a.id, &next)?;
        }
        for occ in wanted {
            insert_occurrence(tx, &updated, &occ)?;
        }
        Ok(updated)
    })
}

fn series_from(old: &Series, input: &SeriesInput) -> Series {
    Series {
        title: input.title.clone(),
        site_id: input.site_id,
        location: input.location.clone(),
        rrule: input.rrule.clone(),
        local_start: input.local_start.clone(),
        duration_minutes: input.duration_minutes,
        timezone: input.timezone.clone(),
        exdates: input.exdates.clone(),
        ..old.clone()
    }
}

/// Writes a changed occurrence; a series change is the manager's decision, so warnings count as confirmed.
fn apply_occurrence(tx: &Tx<'_>, id: Id, next: &ActivityInput) -> Result<()> {
    let before = activities::get(tx, id)?;
    let moved =
        before.start != next.start || before.end != next.end || before.location != next.location;
    let new = new_activity(next, before.uid.clone());
    let after = activities::update(tx, id, &new, moved || next.status != before.status)?;
    tx.audit("activity", id, "series_change", Some(&before), Some(&after))
}

/// The start `a` (an occurrence of a series) has by its series' rule: its start when it was created or last moved
/// by a series change; for a row inserted in bulk, its start before its first audited change; its start now when it
/// was never changed.
pub fn rule_start(conn: &rusqlite::Connection, a: &Activity) -> Result<DateTime<Utc>> {
    fn start_of(state: Option<&serde_json::Value>) -> Option<DateTime<Utc>> {
        let text = state?.get("start")?.as_str()?;
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
    let mut anchor = None;
    for e in audit::for_entity(conn, "activity", a.id)? {
        match e.action.as_str() {
            "create" | "series_change" => anchor = start_of(e.after.as_ref()).or(anchor),
            _ if anchor.is_none() => anchor = start_of(e.before.as_ref()),
            _ => {}
        }
    }
    Ok(anchor.unwrap_or(a.start))
}

/// The suggested rota for the next `next` occurrences (writes nothing).
pub fn rota(store: &Store, series_id: Id, next: usize, now: DateTime<Utc>) -> Result<Rota> {
    rota::suggest(store.conn(), series_id, next, now)
}

/// Suggests and applies the rota in one transaction: each marketer is added to their occurrence through the same
/// clash check as any change (applying counts as confirming warnings).
pub fn apply_rota(
    store: &mut Store,
    series_id: Id,
    next: usize,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Rota> {
    store.write(actor, now, |tx| {
        let rota = rota::suggest(tx, series_id, next, now)?;
        for a in &rota.assignments {
            let mut input = activity_ops::input_of(tx, a.activity_id)?;
            input.participants.push(ParticipantInput {
                person_id: a.person_id,
                role: Role::Attendee,
                status: ParticipationStatus::Invited,
            });
            let input = crate::schedule::normalize(tx, &input)?;
            activity_ops::apply(tx, a.activity_id, &input, true)?;
        }
        Ok(rota)
    })
}
