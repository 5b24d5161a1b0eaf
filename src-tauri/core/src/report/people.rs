//! Per-person reports: who never took part, who has not lately, and each person's participation passport.
//!
//! Invariants: "taking part" means an exchange (see `report`), so a salesperson who only attends briefs is listed as
//! never having taken part; only active people are listed; the passport lists every participation, cancelled ones
//! included, each marked with whether it took place and whether it is an exchange, and its totals use the same rules
//! as the participation summary.

use super::{classify, is_exchange, local_day, Metric};
use crate::error::Result;
use crate::model::{ActivityKind, ActivityStatus, Id, ParticipationStatus, PersonRow, Role};
use crate::store::report::{self as sql, took_place};
use crate::store::{people, Store};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// An active person and their latest exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inactive {
    /// The person.
    pub person: PersonRow,
    /// Local date of their latest exchange; `None` if they never had one.
    pub last_exchange: Option<NaiveDate>,
}

/// Active people with no exchange on or after `since` (all of those who never had one when `since` is `None`),
/// sorted by name.
pub fn inactive_since(store: &Store, since: Option<NaiveDate>) -> Result<Vec<Inactive>> {
    let last: HashMap<Id, NaiveDate> = sql::last_exchanges(store.conn())?
        .into_iter()
        .map(|(id, start, zone)| (id, local_day(start, &zone)))
        .collect();
    Ok(people::list_rows(store.conn())?
        .into_iter()
        .filter(|p| p.active)
        .filter_map(|p| {
            let last_exchange = last.get(&p.id).copied();
            let listed = match (since, last_exchange) {
                (_, None) => true,
                (Some(since), Some(day)) => day < since,
                (None, Some(_)) => false,
            };
            listed.then_some(Inactive {
                person: p,
                last_exchange,
            })
        })
        .collect())
}

/// Active people who never had an exchange.
pub fn never_participated(store: &Store) -> Result<Vec<Inactive>> {
    inactive_since(store, None)
}

/// Active people with no exchange in the last `months` months before `today` (local).
pub fn not_in_last_months(store: &Store, today: NaiveDate, months: u32) -> Result<Vec<Inactive>> {
    let since = today
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN);
    inactive_since(store, Some(since))
}

/// One line of a passport.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PassportEntry {
    /// The activity.
    pub activity_id: Id,
    /// Its kind.
    pub kind: ActivityKind,
    /// Its title.
    pub title: String,
    /// Local date it starts on, in its zone.
    pub day: NaiveDate,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Its zone.
    pub zone: String,
    /// The activity's status.
    pub activity_status: ActivityStatus,
    /// The person's role.
    pub role: Role,
    /// The person's status.
    pub status: ParticipationStatus,
    /// Whether it took place for this person.
    pub took_place: bool,
    /// Whether it is an exchange.
    pub exchange: bool,
}

/// Everything a person did, as JSON for them or HR.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Passport {
    /// The person.
    pub person: PersonRow,
    /// Totals per metric over their whole history (see [`Metric`]).
    pub totals: BTreeMap<String, i64>,
    /// Every participation, by start.
    pub entries: Vec<PassportEntry>,
}

/// The participation passport of one person.
pub fn passport(store: &Store, person: Id) -> Result<Passport> {
    let row = people::list_rows(store.conn())?
        .into_iter()
        .find(|p| p.id == person)
        .ok_or(crate::error::Error::NotFound {
            entity: "person",
            id: person.to_string(),
        })?;
    let mut totals: BTreeMap<String, i64> = Metric::BASE
        .iter()
        .chain([&Metric::Exchanges])
        .map(|m| (metric_name(*m), 0))
        .collect();
    let mut entries = Vec::new();
    for line in sql::history(store.conn(), person)? {
        let f = &line.fact;
        let metric = (f.activity_status != ActivityStatus::Cancelled)
            .then(|| classify(f))
            .flatten();
        let exchange = metric.is_some_and(|m| is_exchange(m, row.department));
        if let Some(m) = metric {
            *totals.entry(metric_name(m)).or_default() += 1;
        }
        if exchange {
            *totals.entry(metric_name(Metric::Exchanges)).or_default() += 1;
        }
        entries.push(PassportEntry {
            activity_id: f.activity_id,
            kind: f.kind,
            title: line.title.clone(),
            day: local_day(f.start, &f.zone),
            start: f.start,
            end: line.end,
            zone: f.zone.clone(),
            activity_status: f.activity_status,
            role: f.role,
            status: f.status,
            took_place: took_place(f.activity_status, f.status),
            exchange,
        });
    }
    Ok(Passport {
        person: row,
        totals,
        entries,
    })
}

/// The camelCase name of a metric, as in JSON.
pub fn metric_name(m: Metric) -> String {
    serde_json::to_value(m)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
