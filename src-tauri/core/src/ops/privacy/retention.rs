//! Retention: people who left long ago are anonymised (see the parent module for what that changes).
//!
//! Invariants: only inactive, not yet anonymised people are picked; both their record's last change (a deactivation
//! changes it, so it is never earlier than the deactivation) and the end of their last participation must be strictly
//! older than the cutoff, `now` minus the setting's months (calendar months: on the day N months back, at the same
//! time, a person is kept); a setting of "never" picks nobody.

use super::anonymise_all_in;
use crate::error::Result;
use crate::model::Id;
use crate::store::{people, privacy, settings, ts, Store};
use chrono::{DateTime, Months, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

/// What a retention run did (or, dry, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RetentionReport {
    /// The setting applied (`None`: never).
    pub months: Option<u32>,
    /// People whose record and participations all ended before this instant were picked.
    pub cutoff: Option<DateTime<Utc>>,
    /// Whether nothing was written.
    pub dry_run: bool,
    /// The people anonymised (or that would be), by id.
    #[ts(type = "number[]")]
    pub people: Vec<Id>,
}

/// The ids of the people retention would anonymise now, given `months`.
pub fn retention_candidates(
    conn: &Connection,
    months: u32,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, Vec<Id>)> {
    let cutoff = now
        .checked_sub_months(Months::new(months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    Ok((cutoff, privacy::retention_candidates(conn, &ts(cutoff))?))
}

/// Anonymises, in one transaction, everyone the retention setting says has been kept long enough (see the module
/// docs), their free text scanned once for all of them; with `dry_run`, only says who. Audited per person as
/// `anonymise:retention` (counts only), by actor `system:retention`.
pub fn apply_retention(
    store: &mut Store,
    now: DateTime<Utc>,
    dry_run: bool,
) -> Result<RetentionReport> {
    let months = settings::retention(store.conn())?.months;
    let Some(m) = months else {
        return Ok(RetentionReport {
            months,
            cutoff: None,
            dry_run,
            people: Vec::new(),
        });
    };
    let (cutoff, ids) = retention_candidates(store.conn(), m, now)?;
    if !dry_run && !ids.is_empty() {
        store.write("system:retention", now, |tx| {
            let people = ids
                .iter()
                .map(|id| people::get(tx, *id))
                .collect::<Result<Vec<_>>>()?;
            anonymise_all_in(tx, &people, "retention")
        })?;
    }
    Ok(RetentionReport {
        months,
        cutoff: Some(cutoff),
        dry_run,
        people: ids,
    })
}
