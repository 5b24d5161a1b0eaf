//! Audit entries: who changed what, when, with the record before and after as JSON. Written by the store in the same
//! transaction as the change, so an audited change and its audit entry exist together or not at all.

use super::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One audited change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditEntry {
    /// Database id, increasing with time.
    #[ts(type = "number")]
    pub id: Id,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (an email or `cli`/`system`).
    pub actor: String,
    /// Entity kind: `person`, `site`, `settings`, `activity`, ...
    pub entity: String,
    /// Entity id (0 for singletons such as settings).
    #[ts(type = "number")]
    pub entity_id: Id,
    /// `create`, `update`, `deactivate`, `delete`, ...
    pub action: String,
    /// The record before, as JSON (absent on create).
    #[ts(type = "unknown")]
    pub before: Option<serde_json::Value>,
    /// The record after, as JSON (absent on delete).
    #[ts(type = "unknown")]
    pub after: Option<serde_json::Value>,
}
