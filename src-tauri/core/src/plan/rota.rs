//! The sales-brief rota: assign marketers to the next occurrences of a team's brief, fairly.
//!
//! Greedy and deterministic: occurrences are filled in date order; each takes the available marketer with the fewest
//! briefs over the last 90 days plus those already planned (ties broken by name, then id). "Available" means active,
//! not absent that day, not booked at that time, and not the marketer who attended this team's previous occurrence
//! (nobody goes to the same team twice in a row). Occurrences that already have a marketer are kept as they are.

use crate::error::Result;
use crate::model::{Department, Id, PersonRow};
use crate::schedule::coming;
use crate::store::{absences, activities, participations, people, series};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// One suggested assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RotaAssignment {
    /// The brief occurrence.
    pub activity_id: Id,
    /// Its start.
    pub start: DateTime<Utc>,
    /// The marketer.
    pub person_id: Id,
    /// Their email.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Why them (English; the UI shows the counts itself).
    pub reason: String,
    /// Their brief count before this assignment (last 90 days plus planned).
    pub load: i64,
}

/// An occurrence the rota could not fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RotaGap {
    /// The brief occurrence.
    pub activity_id: Id,
    /// Its start.
    pub start: DateTime<Utc>,
    /// Why nobody fits.
    pub reason: String,
}

/// The suggested rota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Rota {
    /// The series.
    pub series_id: Id,
    /// New assignments.
    pub assignments: Vec<RotaAssignment>,
    /// Occurrences left without a marketer.
    pub gaps: Vec<RotaGap>,
    /// Occurrences that already had a marketer, left alone.
    pub kept: Vec<Id>,
}

/// Suggests marketers for the next `next` occurrences of `series_id` after `now`. Writes nothing.
pub fn suggest(conn: &Connection, series_id: Id, next: usize, now: DateTime<Utc>) -> Result<Rota> {
    let s = series::get(conn, series_id)?;
    let tz: Tz = s.timezone.parse().unwrap_or(chrono_tz::Europe::Paris);
    let occurrences = activities::of_series(conn, series_id, now, next)?;
    let marketers: Vec<PersonRow> = people::list_rows(conn)?
        .into_iter()
        .filter(|p| p.active && p.department == Department::Marketing)
        .collect();
    let horizon = occurrences.last().map_or(now, |a| a.end);
    let mut load: HashMap<Id, i64> =
        participations::brief_counts(conn, now - Duration::days(90), horizon)?;
    let is_marketer: HashSet<Id> = marketers.iter().map(|m| m.id).collect();
    let marketers_in = |id: Id| -> Result<HashSet<Id>> {
        Ok(activities::participations(conn, id)?
            .into_iter()
            .filter(|p| coming(p.status) && is_marketer.contains(&p.person_id))
            .map(|p| p.person_id)
            .collect())
    };
    let mut previous: HashSet<Id> = match occurrences.first() {
        Some(first) => match activities::previous_of_series(conn, series_id, first.start)? {
            Some(prev) => marketers_in(prev.id)?,
            None => HashSet::new(),
        },
        None => HashSet::new(),
    };
    let mut rota = Rota {
        series_id,
        assignments: Vec::new(),
        gaps: Vec::new(),
        kept: Vec::new(),
    };
    for occ in &occurrences {
        let present = marketers_in(occ.id)?;
        if !present.is_empty() {
            rota.kept.push(occ.id);
            previous = present;
            continue;
        }
        let day = occ.start.with_timezone(&tz).date_naive();
        let mut best: Option<(&PersonRow, i64)> = None;
        for m in &marketers {
            if previous.contains(&m.id) {
                continue;
            }
            let count = load.get(&m.id).copied().unwrap_or(0);
            if best.is_some_and(|(b, c)| (c, &b.full_name, b.id) <= (count, &m.full_name, m.id)) {
                continue;
            }
            let busy =
                !participations::bookings(conn, m.id, occ.start, occ.end, Some(occ.id))?.is_empty();
            let away = absences::overlapping(conn, m.id, day, day)?
                .iter()
                .any(|a| a.person_id.is_some());
            if !busy && !away {
                best = Some((m, count));
            }
        }
        match best {
            Some((m, count)) => {
                rota.assignments.push(RotaAssignment {
                    activity_id: occ.id,
                    start: occ.start,
                    person_id: m.id,
                    email: m.email.clone(),
                    name: m.full_name.clone(),
                    reason: format!(
                        "{} has {count} brief(s) in the last 90 days and planned, the fewest among available marketers",
                        m.full_name
                    ),
                    load: count,
                });
                *load.entry(m.id).or_insert(0) += 1;
                previous = HashSet::from([m.id]);
            }
            None => {
                rota.gaps.push(RotaGap {
                    activity_id: occ.id,
                    start: occ.start,
                    reason: "every marketer is away, busy, or attended the previous occurrence"
                        .into(),
                });
                previous.clear();
            }
        }
    }
    Ok(rota)
}
