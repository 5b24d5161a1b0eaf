//! Reading and changing the settings.

use crate::error::Result;
use crate::model::{PlanningRules, Retention, Settings};
use crate::store::{settings, Store};
use chrono::{DateTime, Utc};

/// The current settings.
pub fn get(store: &Store) -> Result<Settings> {
    settings::get(store.conn())
}

/// Validates and stores new settings.
pub fn update(
    store: &mut Store,
    input: &Settings,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Settings> {
    let input = input.validated()?;
    store.write(actor, now, |tx| settings::put(tx, &input))
}

/// The planning rules.
pub fn rules(store: &Store) -> Result<PlanningRules> {
    settings::rules(store.conn())
}

/// Validates and stores the planning rules.
pub fn update_rules(
    store: &mut Store,
    input: &PlanningRules,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<PlanningRules> {
    let input = input.validated()?;
    store.write(actor, now, |tx| settings::put_rules(tx, &input))
}

/// The retention setting (how long identities of people who left are kept).
pub fn retention(store: &Store) -> Result<Retention> {
    settings::retention(store.conn())
}

/// Validates and stores the retention setting.
pub fn update_retention(
    store: &mut Store,
    input: &Retention,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Retention> {
    let input = input.validated()?;
    store.write(actor, now, |tx| settings::put_retention(tx, &input))
}
