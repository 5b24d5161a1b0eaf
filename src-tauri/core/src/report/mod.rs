//! HR reports on the participation history: who took part in what, by period and by person, team, department or
//! site; a coverage matrix (marketing × sales and CRC teams); who never or not lately took part; host load; a
//! per-person passport; and, for every figure, the activity ids behind it ([`participation::evidence`]).
//!
//! Definitions (every report and its tests rely on them):
//! - **Took place**: a participation counts when its activity is not `cancelled` and either its status is `attended`,
//!   or the activity is `done` and the person had not declined or been removed (`invited`, `accepted` or
//!   `tentative`). A `no_show` or `excused` participation never counts as attended; a cancelled activity never
//!   counts at all (not even its no-shows). See [`crate::store::report::took_place`].
//! - **Counted by person**: each figure counts participations, by the participation's person. A shadowing day gives
//!   one visit to its visitor and one hosting to its host.
//! - **Period**: an activity belongs to the period in which it *starts*, on the local date of its own zone. A
//!   training from 23:00 on 31 March to 01:00 on 1 April (Paris) counts in March only.
//! - **Metrics** ([`Metric`]): shadowing days as visitor and as host (role `visitor` / `host`); trainings attended,
//!   no-shows and excused (role `attendee`: giving a training as `trainer` is work, not attendance); briefs attended
//!   (role `attendee`, any department); co-location days (role `attendee`; a co-location activity is one day).
//!   Organizers are never counted.
//! - **Exchange**: a participation that took place and brings someone to the other side of the house: a shadowing day
//!   (as visitor or host), a training attended, a co-location day, or a brief attended by someone *outside sales*
//!   (a marketer, a CRC agent). A salesperson attending a brief (their own team's, or another sales team's) is not
//!   an exchange.
//! - **Participation rate** of a group: the share of its *active* people with at least one exchange in the period
//!   (`participants / activePeople`; `None` when the group has no active people). Inactive people's participations
//!   still count in the group's figures: history belongs to the group it happened in.
//! - **Trend**: the same figures for everyone together, month by month or week by week ([`trends`]).
//! - **Group** of a person: their current email (by person), team, department or home site name (empty when none);
//!   people are grouped as they are today, not as they were at the time.
//!
//! Speed: the participation summary reads the bare fields of the participations starting inside the period in every
//! zone and aggregates them in Rust (a SQLite GROUP BY sorts, which cost more than the reading); only the rows of
//! the two days at each edge, where the local date depends on the zone, are read whole and placed one by one
//! (`benches/report.rs` measures a year on the 5,000-people scale data).

pub mod coverage;
pub mod csv;
#[cfg(test)]
mod debrief_tests;
pub mod debriefs;
#[cfg(test)]
mod edge_tests;
pub mod insights;
pub mod objectives;
pub mod participation;
pub mod people;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod trend_tests;
pub mod trends;

use crate::error::{Error, Result};
use crate::model::{ActivityKind, ActivityStatus, Department, Id, ParticipationStatus, Role};
use crate::store::report::{self as sql, Fact};
use crate::store::ts;
use crate::FieldCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// An inclusive range of local days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
}

impl Period {
    /// `from..=to`; refuses an empty range.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period> {
        if to < from {
            return Err(Error::field(
                "to",
                FieldCode::BeforeFrom,
                "the last day of a period cannot be before its first",
            ));
        }
        Ok(Period { from, to })
    }

    /// A calendar month (`month` 1–12).
    pub fn month(year: i32, month: u32) -> Result<Period> {
        let from = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or_else(|| Error::field("month", FieldCode::Invalid, "no such month"))?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }
        .ok_or_else(|| Error::field("month", FieldCode::Invalid, "no such month"))?;
        Period::new(from, next - Duration::days(1))
    }

    /// A calendar quarter (`quarter` 1–4).
    pub fn quarter(year: i32, quarter: u32) -> Result<Period> {
        if !(1..=4).contains(&quarter) {
            return Err(Error::field(
                "quarter",
                FieldCode::Invalid,
                "a quarter is 1, 2, 3 or 4",
            ));
        }
        let first = Period::month(year, quarter * 3 - 2)?;
        let last = Period::month(year, quarter * 3)?;
        Period::new(first.from, last.to)
    }

    /// A calendar year.
    pub fn year(year: i32) -> Result<Period> {
        Period::new(
            NaiveDate::from_ymd_opt(year, 1, 1)
                .ok_or_else(|| Error::field("year", FieldCode::Invalid, "no such year"))?,
            NaiveDate::from_ymd_opt(year, 12, 31)
                .ok_or_else(|| Error::field("year", FieldCode::Invalid, "no such year"))?,
        )
    }

    /// Whether a local day is in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// UTC midnight at the start of the first day and after the last.
    fn utc_bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
        (midnight(self.from), midnight(self.to + Duration::days(1)))
    }

    /// UTC bounds wide enough to hold every activity starting in the period in any zone (a day either side); the
    /// caller keeps those whose [`local_day`] the period [`contains`](Period::contains).
    pub fn search_bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let (lo, hi) = self.utc_bounds();
        (lo - EDGE, hi + EDGE)
    }
}

/// No zone is more than a day from UTC, so an activity starting over a day inside the period's UTC bounds is inside
/// the period wherever it is planned.
const EDGE: Duration = Duration::days(1);

/// How to group people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum GroupBy {
    /// One group per person (their email).
    Person,
    /// By team name.
    Team,
    /// By department.
    Department,
    /// By home site name.
    Site,
}

impl std::str::FromStr for GroupBy {
    type Err = Error;
    fn from_str(s: &str) -> Result<GroupBy> {
        match s {
            "person" => Ok(GroupBy::Person),
            "team" => Ok(GroupBy::Team),
            "department" => Ok(GroupBy::Department),
            "site" => Ok(GroupBy::Site),
            _ => Err(Error::field(
                "by",
                FieldCode::Invalid,
                "group by person, team, department or site",
            )),
        }
    }
}

/// The group key of a person under `by`.
pub fn group_of(by: GroupBy, p: &sql::ReportPerson) -> String {
    match by {
        GroupBy::Person => p.email.clone(),
        GroupBy::Team => p.team.clone(),
        GroupBy::Department => p.department.as_str().to_owned(),
        GroupBy::Site => p.site.clone(),
    }
}

/// A figure of the participation report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Metric {
    /// Shadowing days as visitor.
    ShadowingVisitor,
    /// Shadowing days as host.
    ShadowingHost,
    /// Trainings attended.
    TrainingsAttended,
    /// Training no-shows.
    TrainingNoShows,
    /// Training absences excused.
    TrainingExcused,
    /// Briefs attended.
    BriefsAttended,
    /// Co-location days.
    ColocationDays,
    /// Exchanges of any kind (see the module docs).
    Exchanges,
}

impl Metric {
    /// The per-participation metrics, in the order of [`crate::store::report::sums`]' columns.
    pub const BASE: [Metric; 7] = [
        Metric::ShadowingVisitor,
        Metric::ShadowingHost,
        Metric::TrainingsAttended,
        Metric::TrainingNoShows,
        Metric::TrainingExcused,
        Metric::BriefsAttended,
        Metric::ColocationDays,
    ];
}

/// Which base metric a participation adds one to, if any (at most one).
pub fn classify(f: &Fact) -> Option<Metric> {
    metric_of(f.kind, f.role, f.activity_status, f.status)
}

/// [`classify`] on the bare fields.
pub fn metric_of(
    kind: ActivityKind,
    role: Role,
    activity: ActivityStatus,
    status: ParticipationStatus,
) -> Option<Metric> {
    let counted = sql::took_place(activity, status);
    match (kind, role) {
        (ActivityKind::Shadowing, Role::Visitor) if counted => Some(Metric::ShadowingVisitor),
        (ActivityKind::Shadowing, Role::Host) if counted => Some(Metric::ShadowingHost),
        (ActivityKind::Training, Role::Attendee) if counted => Some(Metric::TrainingsAttended),
        (ActivityKind::Training, Role::Attendee) if status == ParticipationStatus::NoShow => {
            Some(Metric::TrainingNoShows)
        }
        (ActivityKind::Training, Role::Attendee) if status == ParticipationStatus::Excused => {
            Some(Metric::TrainingExcused)
        }
        (ActivityKind::Brief, Role::Attendee) if counted => Some(Metric::BriefsAttended),
        (ActivityKind::Colocation, Role::Attendee) if counted => Some(Metric::ColocationDays),
        _ => None,
    }
}

/// The index of a base metric in [`Metric::BASE`] (`Exchanges` has none).
fn base_index(m: Metric) -> Option<usize> {
    Metric::BASE.iter().position(|b| *b == m)
}

/// Whether a base metric of a person of `department` is an exchange.
pub fn is_exchange(metric: Metric, department: Department) -> bool {
    match metric {
        Metric::ShadowingVisitor
        | Metric::ShadowingHost
        | Metric::TrainingsAttended
        | Metric::ColocationDays => true,
        Metric::BriefsAttended => department != Department::Sales,
        Metric::TrainingNoShows | Metric::TrainingExcused | Metric::Exchanges => false,
    }
}

/// The local date an activity starts on, in its own zone (UTC when the zone is unknown).
pub fn local_day(start: DateTime<Utc>, zone: &str) -> NaiveDate {
    match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => start.with_timezone(&tz).date_naive(),
        Err(_) => start.date_naive(),
    }
}

/// Every non-cancelled participation whose activity starts in `period` (local dates), optionally of one kind.
pub(crate) fn facts_in(
    conn: &rusqlite::Connection,
    period: &Period,
    kind: Option<ActivityKind>,
) -> Result<Vec<Fact>> {
    let (lo, hi) = period.utc_bounds();
    let mut facts = sql::facts(conn, lo - EDGE, hi + EDGE, kind)?;
    facts.retain(|f| period.contains(local_day(f.start, &f.zone)));
    Ok(facts)
}

/// Per-person sums of the base metrics over `period`: the bare rows of the days inside the period in every zone,
/// counted as they are read, plus the edge rows placed one by one by their local date.
pub(crate) fn sums_in(
    conn: &rusqlite::Connection,
    period: &Period,
) -> Result<HashMap<Id, [i64; 7]>> {
    let (lo, hi) = period.utc_bounds();
    let (inner_lo, inner_hi) = (lo + EDGE, hi - EDGE);
    let mut out: HashMap<Id, [i64; 7]> = HashMap::new();
    let mut edge_ranges = Vec::new();
    let mut add = |person: Id, m: Option<Metric>| {
        if let Some(i) = m.and_then(base_index) {
            out.entry(person).or_insert([0; 7])[i] += 1;
        }
    };
    if inner_lo < inner_hi {
        sql::scan(
            conn,
            &ts(inner_lo),
            &ts(inner_hi),
            |(person, kind, role, a, p)| {
                add(person, metric_of(kind, role, a, p));
            },
        )?;
        edge_ranges.push((lo - EDGE, inner_lo));
        edge_ranges.push((inner_hi, hi + EDGE));
    } else {
        edge_ranges.push((lo - EDGE, hi + EDGE));
    }
    for (a, b) in edge_ranges {
        for f in sql::facts(conn, a, b, None)? {
            if period.contains(local_day(f.start, &f.zone)) {
                add(f.person_id, classify(&f));
            }
        }
    }
    Ok(out)
}

/// The month (`YYYY-MM`) of a local day.
pub fn month_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}
