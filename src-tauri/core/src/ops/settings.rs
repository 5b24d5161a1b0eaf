//! Reading and changing the settings.

use crate::error::Result;
use crate::model::Settings;
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
