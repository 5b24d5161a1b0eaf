//! The sales-brief rota: assign marketers to the next occurrences of a team's brief, on the planner's engine.
//!
//! **How briefs map onto the planner's model** ([`planner::model::Instance`], solved by [`planner::solve`]):
//! - the *visitor* is the series itself (one pseudo-member standing for the sales team), wanting as many exchanges as
//!   there are open occurrences;
//! - each *day index* is one occurrence, in time order, preceded by the series' previous occurrence when there is one
//!   (so the engine sees who went last); the occurrences that already have a marketer, and that previous one, are
//!   blocked for the visitor and their marketers are `fixed` exchanges;
//! - the *hosts* are the active marketers; a place is (marketer, occurrence, full "day"); the visitor can take each
//!   occurrence once, so an occurrence gets exactly one marketer.
//!
//! Hard rules, as for shadowing: a marketer is blocked at an occurrence when they are booked at that time on anything
//! else, absent that day, or it is a company holiday; host capacity is one (nobody at two occurrences at once). There
//! is no monthly limit and no desk for briefs. Soft scoring, with the manager's saved weights
//! ([`planner::saved_weights`]): coverage (every occurrence filled), host fairness (squared brief load: the last 90
//! days plus what is planned, so the fewest briefs go first), novelty (a marketer who did not attend this team's
//! brief in the last year is a new pair), and the repeat penalty (not the same marketer at two occurrences in a row,
//! including the previous occurrence) which also spreads each marketer's briefs over the weeks. Teams, sites and
//! newcomers play no part here (everyone is put in no team and no site).
//!
//! Deterministic (fixed seed); occurrences that already have a marketer are kept as they are.
//!
//! Every assignment and gap explains itself with the planner's structured [`Reason`]s (the rota's own codes: fewest
//! briefs, brief load, fewer briefs but elsewhere in this rota, new to the team's brief, not last time's marketer,
//! repeat, holiday, no marketer free...), which the UI renders in French or English; its `reason` is their English (`reason::english`), for the CLI's JSON.

use super::planner::model::{Instance, Member, NONE};
use super::planner::{reason, saved_weights, solve, Reason};
use crate::error::Result;
use crate::model::{Activity, Department, Id, PersonRow, PlanningRules};
use crate::schedule::coming;
use crate::store::{absences, activities, board, participations, people, series};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::AtomicBool;
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
    /// Why them, in English (`reason::english(&reasons)`).
    pub reason: String,
    /// Why them, as structured parts (rendered in the UI's language).
    pub reasons: Vec<Reason>,
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
    /// Why nobody fits, in English (`reason::english(&reasons)`).
    pub reason: String,
    /// Why nobody fits, as structured parts.
    pub reasons: Vec<Reason>,
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

/// The series' pseudo-member (the visitor) in the instance.
const TEAM: usize = 0;

/// Suggests marketers for the next `next` occurrences of `series_id` after `now`. Writes nothing.
pub fn suggest(conn: &Connection, series_id: Id, next: usize, now: DateTime<Utc>) -> Result<Rota> {
    let s = series::get(conn, series_id)?;
    let tz: Tz = s.timezone.parse().unwrap_or(chrono_tz::Europe::Paris);
    let upcoming = activities::of_series(conn, series_id, now, next)?;
    let mut rota = Rota {
        series_id,
        assignments: Vec::new(),
        gaps: Vec::new(),
        kept: Vec::new(),
    };
    let (Some(first), Some(last)) = (upcoming.first(), upcoming.last()) else {
        return Ok(rota);
    };
    let marketers: Vec<PersonRow> = people::list_rows(conn)?
        .into_iter()
        .filter(|p| p.active && p.department == Department::Marketing)
        .collect();
    let member_of: HashMap<Id, usize> = marketers
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i + 1))
        .collect();
    let marketers_in = |id: Id| -> Result<Vec<usize>> {
        Ok(activities::participations(conn, id)?
            .into_iter()
            .filter(|p| coming(p.status))
            .filter_map(|p| member_of.get(&p.person_id).copied())
            .collect())
    };
    // Day indices: the previous occurrence (if any), then the upcoming ones.
    let previous = activities::previous_of_series(conn, series_id, first.start)?;
    let occ: Vec<&Activity> = previous.iter().chain(upcoming.iter()).collect();
    let offset = usize::from(previous.is_some());
    let mut inst = Instance {
        days: occ
            .iter()
            .map(|a| a.start.with_timezone(&tz).date_naive())
            .collect(),
        rules: PlanningRules {
            host_capacity_per_half_day: 1,
            max_host_days_per_month: i32::MAX,
        },
        visitors: vec![TEAM],
        hosts: (1..=marketers.len()).collect(),
        ..Instance::default()
    };
    let blank = |id: Id, email: &str, name: &str, dept: Department| Member {
        id,
        email: email.to_owned(),
        name: name.to_owned(),
        dept,
        team: NONE,
        site: NONE,
        newcomer: false,
    };
    inst.members.push(blank(0, "", &s.team, Department::Sales));
    for m in &marketers {
        inst.members
            .push(blank(m.id, &m.email, &m.full_name, Department::Marketing));
    }
    inst.allocate();
    let block = |inst: &mut Instance, m: usize, d: usize| {
        for slot in [2 * d, 2 * d + 1] {
            let i = inst.at(m, slot);
            inst.blocked[i] = true;
        }
    };
    let mut open = 0;
    for (d, a) in occ.iter().enumerate() {
        let present = marketers_in(a.id)?;
        if d < offset || !present.is_empty() {
            if d >= offset {
                rota.kept.push(a.id);
            }
            block(&mut inst, TEAM, d);
            inst.fixed.extend(present.into_iter().map(|m| (TEAM, d, m)));
        } else {
            open += 1;
        }
    }
    inst.targets = vec![open];
    // Absences and holidays, then bookings at each occurrence's time; who is away is kept for the gaps' reasons.
    let mut why = Blocked {
        holiday: vec![None; inst.days.len()],
        away: HashSet::new(),
    };
    let (from, to) = (inst.days[offset], inst.days[inst.days.len() - 1]);
    for ab in absences::between(conn, from, to)? {
        let who: Vec<usize> = match ab.person_id {
            None => (1..=marketers.len()).collect(),
            Some(p) => member_of.get(&p).copied().into_iter().collect(),
        };
        for (d, day) in inst.days.clone().iter().enumerate().skip(offset) {
            if (ab.first_day..=ab.last_day).contains(day) {
                if ab.person_id.is_none() {
                    why.holiday[d].get_or_insert_with(|| ab.reason.clone());
                }
                for &m in &who {
                    block(&mut inst, m, d);
                    why.away.insert((m, d));
                }
            }
        }
    }
    for item in board::items(conn, first.start, last.end)? {
        if item.status == crate::model::ActivityStatus::Cancelled {
            continue;
        }
        for (d, a) in occ.iter().enumerate().skip(offset) {
            if item.id == a.id || item.start >= a.end || item.end <= a.start {
                continue;
            }
            for seat in item.seats.iter().filter(|s| coming(s.status)) {
                if let Some(&m) = member_of.get(&seat.person_id) {
                    block(&mut inst, m, d);
                }
            }
        }
    }
    let counts = participations::brief_counts(conn, now - Duration::days(90), last.end)?;
    for (id, &m) in &member_of {
        inst.host_base[m] = counts.get(id).copied().unwrap_or(0).max(0) as u32;
    }
    // Novelty: who attended this team's brief in the last year.
    let since = first.start - Duration::days(365);
    for a in activities::of_series(conn, series_id, since, 400)? {
        if a.start >= first.start {
            break;
        }
        for m in marketers_in(a.id)? {
            inst.seen_pairs.insert((TEAM, m));
        }
    }
    let weights = saved_weights(conn)?;
    let st = solve::solve(&inst, weights, 1, &AtomicBool::new(false), &mut |_| {});
    let mut placed: Vec<(usize, usize)> = st.items.iter().map(|(_, p)| (p.day, p.host)).collect();
    placed.sort_unstable();
    let mut load: Vec<u32> = inst.host_base.clone();
    let mut met: HashSet<usize> = inst.seen_pairs.iter().map(|&(_, m)| m).collect();
    let mut last_at: Vec<usize> = inst
        .fixed
        .iter()
        .filter(|f| f.1 + 1 == offset)
        .map(|f| f.2)
        .collect();
    let name = |m: usize| marketers[m - 1].full_name.clone();
    for (d, a) in occ.iter().enumerate().skip(offset) {
        if rota.kept.contains(&a.id) {
            last_at = inst
                .fixed
                .iter()
                .filter(|f| f.1 == d)
                .map(|f| f.2)
                .collect();
            continue;
        }
        let free: Vec<usize> = (1..=marketers.len())
            .filter(|&m| !inst.blocked[inst.at(m, 2 * d)])
            .collect();
        let Some(&(_, m)) = placed.iter().find(|(pd, _)| *pd == d) else {
            let reasons = vec![why.gap(d, marketers.len(), free.is_empty())];
            rota.gaps.push(RotaGap {
                activity_id: a.id,
                start: a.start,
                reason: reason::english(&reasons),
                reasons,
            });
            last_at.clear();
            continue;
        };
        let fewest = free.iter().map(|&f| load[f]).min().unwrap_or(0);
        let (marketer, briefs) = (name(m), load[m]);
        let mut reasons = vec![if briefs <= fewest {
            Reason::FewestBriefs { marketer, briefs }
        } else {
            Reason::BriefLoad { marketer, briefs }
        }];
        if met.insert(m) {
            reasons.push(Reason::NovelBrief {
                marketer: name(m),
                team: s.team.clone(),
            });
        }
        if last_at.contains(&m) {
            reasons.push(Reason::RepeatBrief { marketer: name(m) });
        } else if let Some(&p) = last_at
            .iter()
            .find(|&&p| free.contains(&p) && load[p] <= briefs)
        {
            reasons.push(Reason::NotPrevious { marketer: name(p) });
        }
        // Someone free here has fewer briefs: say where they go in this rota, if they do.
        let elsewhere = placed
            .iter()
            .filter(|&&(pd, p)| pd != d && free.contains(&p) && load[p] < briefs)
            .min_by_key(|&&(pd, p)| (load[p], pd));
        if let Some(&(pd, p)) = elsewhere {
            reasons.push(Reason::FewerElsewhere {
                marketer: name(p),
                briefs: load[p],
                day: inst.days[pd],
            });
        }
        let person = &marketers[m - 1];
        rota.assignments.push(RotaAssignment {
            activity_id: a.id,
            start: a.start,
            person_id: person.id,
            email: person.email.clone(),
            name: person.full_name.clone(),
            reason: reason::english(&reasons),
            reasons,
            load: i64::from(briefs),
        });
        load[m] += 1;
        last_at = vec![m];
    }
    Ok(rota)
}

/// Why marketers are blocked at each day index: what a gap's reason is made of.
struct Blocked {
    /// The company holiday's label on each day, if it is one.
    holiday: Vec<Option<String>>,
    /// (marketer, day) pairs away (leave or holiday); the other blocked marketers are booked at that time.
    away: HashSet<(usize, usize)>,
}

impl Blocked {
    /// Why day `d` has no marketer: no marketers at all, a holiday, nobody free (counted), or all free ones taken.
    fn gap(&self, d: usize, marketers: usize, none_free: bool) -> Reason {
        if marketers == 0 {
            return Reason::NoMarketers;
        }
        if let Some(name) = &self.holiday[d] {
            return Reason::Holiday { name: name.clone() };
        }
        if !none_free {
            return Reason::MarketersTaken;
        }
        let away = (1..=marketers).filter(|&m| self.away.contains(&(m, d)));
        let away = u32::try_from(away.count()).unwrap_or(u32::MAX);
        let busy = u32::try_from(marketers)
            .unwrap_or(u32::MAX)
            .saturating_sub(away);
        Reason::NoMarketerFree { away, busy }
    }
}
