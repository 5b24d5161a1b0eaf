//! Who has spent a day with whom: the coverage matrix (marketing people or teams × sales and CRC teams) and the host
//! load of each salesperson per month.
//!
//! Invariants: a cell counts shadowing days of the period (local start date) in which *both* the visitor and the host
//! took place (a no-show on either side means they did not spend the day together), with one side in marketing and
//! the other in sales or the CRC, whichever visited. Co-location days have no counterpart person and briefs are not
//! a day together, so neither is in the matrix. Host load counts the shadowing days a salesperson hosted that took
//! place, by local month of the day.

use super::{facts_in, local_day, month_of, Period};
use crate::error::Result;
use crate::model::{ActivityKind, Department, Id, PersonRow, Role};
use crate::store::report::{took_place, Fact};
use crate::store::{people, Store};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use ts_rs::TS;

/// What the matrix's rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CoverageRows {
    /// One row per marketer (their email).
    Person,
    /// One row per marketing team.
    Team,
}

/// A column: a sales or CRC team.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CoverageColumn {
    /// `sales` or `crc`.
    pub department: Department,
    /// The team name.
    pub team: String,
}

/// A non-empty cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CoverageCell {
    /// The row (marketer's email or marketing team).
    pub row: String,
    /// The column's department.
    pub department: Department,
    /// The column's team.
    pub team: String,
    /// Shadowing days together in the period.
    #[ts(type = "number")]
    pub days: i64,
    /// The local date of the latest one.
    pub last: NaiveDate,
    /// Their activity ids, by start.
    #[ts(type = "Array<number>")]
    pub activity_ids: Vec<Id>,
}

/// The whole matrix: every active marketer (or marketing team) and every team of active sales and CRC people, and the
/// cells that are not empty. A row with no cell has spent no day with anyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Coverage {
    /// Row keys, sorted.
    pub rows: Vec<String>,
    /// Columns, sales first, by team.
    pub columns: Vec<CoverageColumn>,
    /// Non-empty cells, by row then column.
    pub cells: Vec<CoverageCell>,
}

/// The visitor and the host of one shadowing day, as found so far.
type Pair = (Option<Fact>, Option<Fact>);

/// Visitor and host of each shadowing day of `period` in which both took place, by start.
fn pairs(store: &Store, period: &Period) -> Result<Vec<(Fact, Fact)>> {
    let mut by_activity: BTreeMap<(DateTime<Utc>, Id), Pair> = BTreeMap::new();
    for f in facts_in(store.conn(), period, Some(ActivityKind::Shadowing))? {
        if !took_place(f.activity_status, f.status) {
            continue;
        }
        let slot = by_activity.entry((f.start, f.activity_id)).or_default();
        match f.role {
            Role::Visitor => slot.0 = Some(f),
            Role::Host => slot.1 = Some(f),
            _ => {}
        }
    }
    Ok(by_activity
        .into_values()
        .filter_map(|(v, h)| Some((v?, h?)))
        .collect())
}

/// The coverage matrix over `period`.
pub fn matrix(store: &Store, period: &Period, rows_by: CoverageRows) -> Result<Coverage> {
    let everyone = people::list_rows(store.conn())?;
    let by_id: HashMap<Id, &PersonRow> = everyone.iter().map(|p| (p.id, p)).collect();
    let row_key = |p: &PersonRow| match rows_by {
        CoverageRows::Person => p.email.clone(),
        CoverageRows::Team => p.team.clone(),
    };
    let field = |d: Department| matches!(d, Department::Sales | Department::Crc);
    let rows: BTreeSet<String> = everyone
        .iter()
        .filter(|p| p.active && p.department == Department::Marketing)
        .map(&row_key)
        .collect();
    let mut columns: BTreeSet<CoverageColumn> = everyone
        .iter()
        .filter(|p| p.active && field(p.department))
        .map(|p| CoverageColumn {
            department: p.department,
            team: p.team.clone(),
        })
        .collect();
    let mut cells: BTreeMap<(String, CoverageColumn), CoverageCell> = BTreeMap::new();
    for (visitor, host) in pairs(store, period)? {
        let (Some(v), Some(h)) = (by_id.get(&visitor.person_id), by_id.get(&host.person_id)) else {
            continue;
        };
        let (marketer, other) = match (v.department, h.department) {
            (Department::Marketing, d) if field(d) => (v, h),
            (d, Department::Marketing) if field(d) => (h, v),
            _ => continue,
        };
        let column = CoverageColumn {
            department: other.department,
            team: other.team.clone(),
        };
        columns.insert(column.clone());
        let day = local_day(visitor.start, &visitor.zone);
        let cell = cells
            .entry((row_key(marketer), column))
            .or_insert_with_key(|(row, col)| CoverageCell {
                row: row.clone(),
                department: col.department,
                team: col.team.clone(),
                days: 0,
                last: day,
                activity_ids: Vec::new(),
            });
        cell.days += 1;
        cell.last = cell.last.max(day);
        cell.activity_ids.push(visitor.activity_id);
    }
    let mut rows: BTreeSet<String> = rows;
    rows.extend(cells.keys().map(|(r, _)| r.clone()));
    let mut columns: Vec<CoverageColumn> = columns.into_iter().collect();
    columns.sort_by_key(|c| (c.department != Department::Sales, c.team.clone()));
    Ok(Coverage {
        rows: rows.into_iter().collect(),
        columns,
        cells: cells.into_values().collect(),
    })
}

/// One salesperson's hosting in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostLoad {
    /// The host.
    pub person_id: Id,
    /// Their email.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their team.
    pub team: String,
    /// `YYYY-MM`, local.
    pub month: String,
    /// Shadowing days hosted that took place.
    pub visitors: i64,
    /// Their activity ids, by start.
    pub activity_ids: Vec<Id>,
}

/// Host load per salesperson per month over `period`, by person then month; months without hosting are absent.
pub fn host_load(store: &Store, period: &Period) -> Result<Vec<HostLoad>> {
    let sellers: HashMap<Id, PersonRow> = people::list_rows(store.conn())?
        .into_iter()
        .filter(|p| p.department == Department::Sales)
        .map(|p| (p.id, p))
        .collect();
    let mut out: BTreeMap<(String, Id, String), HostLoad> = BTreeMap::new();
    for f in facts_in(store.conn(), period, Some(ActivityKind::Shadowing))? {
        let Some(p) = sellers.get(&f.person_id) else {
            continue;
        };
        if f.role != Role::Host || !took_place(f.activity_status, f.status) {
            continue;
        }
        let month = month_of(local_day(f.start, &f.zone));
        let load = out
            .entry((p.full_name.clone(), p.id, month.clone()))
            .or_insert_with(|| HostLoad {
                person_id: p.id,
                email: p.email.clone(),
                name: p.full_name.clone(),
                team: p.team.clone(),
                month,
                visitors: 0,
                activity_ids: Vec::new(),
            });
        load.visitors += 1;
        load.activity_ids.push(f.activity_id);
    }
    Ok(out.into_values().collect())
}
