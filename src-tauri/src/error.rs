//! The error shape the UI receives from every command: `{ code, message, fields }`. The UI branches on `code` (and
//! on each field's `code`), never on the message text.

use serde::Serialize;
use ts_rs::TS;
use unisson_core::schedule::Finding;
use unisson_core::{ErrorCode, FieldError};

/// An error as sent over IPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IpcError {
    /// What kind of failure; the UI translates it and branches on it.
    pub code: ErrorCode,
    /// An English sentence for logs; the UI shows its own translation of `code`.
    pub message: String,
    /// Per-field problems when `code` is `validation`.
    pub fields: Vec<FieldError>,
    /// Scheduling findings when `code` is `clash` or `needs_confirmation`.
    pub findings: Vec<Finding>,
}

impl From<unisson_core::Error> for IpcError {
    fn from(e: unisson_core::Error) -> Self {
        IpcError {
            code: e.code(),
            message: e.to_string(),
            fields: e.fields().to_vec(),
            findings: e.findings().to_vec(),
        }
    }
}

impl IpcError {
    /// An error for a failure outside the core (poisoned lock, missing directory, ...).
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError {
            code: ErrorCode::Internal,
            message: message.into(),
            fields: Vec::new(),
            findings: Vec::new(),
        }
    }
}

/// What every command returns.
pub type CmdResult<T> = Result<T, IpcError>;
