//! Fixtures shared by core's test modules: instants and days written as text, and people and activities inserted
//! through the store as the app would insert them.

use crate::error::Result;
use crate::model::{
    ActivityKind, ActivityStatus, Department, Id, ParticipationStatus, PersonInput, Role,
};
use crate::store::activities::{insert, NewActivity};
use crate::store::{people, Store, Tx};
use chrono::{DateTime, NaiveDate, Utc};

/// The zone of the hand-built activities.
pub(crate) const PARIS: &str = "Europe/Paris";

/// A participation: who, in which role, with which status.
pub(crate) type Part = (Id, Role, ParticipationStatus);

/// The instant an RFC 3339 text names, in UTC; panics on a malformed text.
pub(crate) fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.to_utc())
        .expect("instant")
}

/// The day a `YYYY-MM-DD` text names; panics on a malformed text.
pub(crate) fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// Inserts an active person named `name`, mailed at `{name}@ex.fr`, without a manager; returns the id.
pub(crate) fn person(
    tx: &Tx<'_>,
    name: &str,
    department: Department,
    team: &str,
    site: Option<Id>,
) -> Result<Id> {
    people::insert(
        tx,
        &PersonInput {
            full_name: name.into(),
            email: format!("{name}@ex.fr"),
            department,
            team: team.into(),
            site_id: site,
            manager_id: None,
            active: true,
        },
    )
    .map(|p| p.id)
}

/// A timed activity without site, location, organizer, capacity, series or goals; [`insert_activity`] names it.
pub(crate) fn new_activity(
    kind: ActivityKind,
    status: ActivityStatus,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: &str,
) -> NewActivity {
    NewActivity {
        kind,
        title: String::new(),
        description: String::new(),
        site_id: None,
        location: String::new(),
        start,
        end,
        timezone: zone.into(),
        all_day: false,
        status,
        organizer_id: None,
        uid: String::new(),
        half_day: None,
        capacity: None,
        series_id: None,
        goals: String::new(),
        mix_min_marketing: None,
        mix_min_sales: None,
    }
}

/// Inserts `activity` with `parts` in its own write, titled `{kind} {n}` and with uid `test-{n}@test`, `n` being the
/// number of activities already stored; returns the id.
pub(crate) fn insert_activity(store: &mut Store, mut activity: NewActivity, parts: &[Part]) -> Id {
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM activities", [], |r| r.get(0))
        .expect("count");
    activity.title = format!("{} {n}", activity.kind);
    activity.uid = format!("test-{n}@test");
    store
        .write("test", at("2026-01-01T00:00:00Z"), |tx| {
            insert(tx, &activity, parts)
        })
        .expect("insert")
        .id
}

/// Inserts a plain activity (see [`new_activity`]) with `parts`, as [`insert_activity`] does; returns the id.
pub(crate) fn add_activity(
    store: &mut Store,
    kind: ActivityKind,
    status: ActivityStatus,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: &str,
    parts: &[Part],
) -> Id {
    insert_activity(store, new_activity(kind, status, start, end, zone), parts)
}
