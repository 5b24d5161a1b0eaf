//! What an import is asked to do and what it reports. These types cross IPC (ts-rs bindings) and are printed by the
//! CLI as JSON, so their shape is a contract: camelCase fields, snake_case enum values.

use super::decode::Encoding;
use super::header::{ColumnMapping, ImportField};
use super::sniff::Delimiter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How to read and apply a file. Every field has a default, so `{}` is a valid request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct ImportOptions {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<Encoding>,
    /// Force a delimiter instead of detecting it.
    pub delimiter: Option<Delimiter>,
    /// The user's correction of the header mapping, one entry per column (`null` = ignore the column).
    pub mapping: Option<Vec<Option<ImportField>>>,
    /// Refuse the whole file when any line is bad (otherwise every valid line goes in).
    pub strict: bool,
    /// Create the sites and teams the file names but the database does not know (otherwise they are errors).
    pub create_missing: bool,
    /// Deactivate the active people who are not in the file.
    pub deactivate_missing: bool,
}

/// One problem, tied to the physical line where its record starts (line 1 is the first line of the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportIssue {
    /// Physical line number of the record (a quoted cell may span lines: this is where the record starts).
    pub line: u64,
    /// The field concerned; `None` for a problem with the whole line or file.
    pub field: Option<ImportField>,
    /// Stable code the UI translates: `invalid_email`, `unknown_department`, `duplicate_email`,
    /// `manager_not_found`, `ambiguous_manager`, `self_manager`, `manager_cycle`, `manager_invalid`, `unknown_site`,
    /// `unknown_team`, `required`, `too_long`, `invalid_active`, `unclosed_quote`, `field_count`, `missing_column`,
    /// `duplicate_mapping`, `mapping_length`, `not_utf8`, `no_rows`.
    pub code: String,
    /// The offending value as found in the file (may be empty).
    pub value: String,
    /// An English explanation, for the CLI and logs.
    pub message: String,
}

impl ImportIssue {
    /// Builds an issue.
    pub fn new(
        line: u64,
        field: Option<ImportField>,
        code: &str,
        value: &str,
        message: impl Into<String>,
    ) -> Self {
        ImportIssue {
            line,
            field,
            code: code.to_owned(),
            value: value.to_owned(),
            message: message.into(),
        }
    }
}

/// What will happen (preview) or happened (import) to one valid line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowAction {
    /// A new person.
    Create,
    /// An existing person (same email, case-insensitive) whose fields change.
    Update,
    /// An existing person already as the file says.
    Unchanged,
}

/// One valid line of the file and its fate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RowPreview {
    /// Physical line where the record starts.
    pub line: u64,
    /// Full name as it will be stored.
    pub full_name: String,
    /// Email as it will be stored.
    pub email: String,
    /// Create, update or unchanged.
    pub action: RowAction,
    /// For updates, the fields that change.
    pub changed: Vec<ImportField>,
}

/// The preview of a file, or the result of importing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportReport {
    /// The encoding the file was read with.
    pub encoding: Encoding,
    /// The delimiter the file was read with.
    pub delimiter: Delimiter,
    /// Physical line of the header record.
    pub header_line: u64,
    /// Each column and the field it feeds.
    pub mapping: Vec<ColumnMapping>,
    /// Data records in the file (blank lines not counted).
    pub total_rows: usize,
    /// People created (or to create, in a preview).
    pub created: usize,
    /// People updated.
    pub updated: usize,
    /// Valid lines that change nothing.
    pub unchanged: usize,
    /// People deactivated because they are missing from the file.
    pub deactivated: usize,
    /// Active people missing from the file (the count shown before choosing to deactivate them).
    pub missing_active: usize,
    /// Lines refused (each has at least one entry in `errors`).
    pub invalid_rows: usize,
    /// Every problem, in line order.
    pub errors: Vec<ImportIssue>,
    /// Sites named by the file that do not exist yet (created only with `createMissing`).
    pub unknown_sites: Vec<String>,
    /// Teams named by the file that nobody has yet (accepted only with `createMissing`).
    pub unknown_teams: Vec<String>,
    /// Sites created by this import.
    pub sites_created: usize,
    /// The valid lines and what happens to each, in line order.
    pub rows: Vec<RowPreview>,
    /// Whether the database was changed.
    pub applied: bool,
    /// The id to undo this import with (`None` when nothing was written).
    #[ts(type = "number | null")]
    pub import_id: Option<i64>,
}

/// What undoing an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UndoReport {
    /// The import undone.
    #[ts(type = "number")]
    pub import_id: i64,
    /// Created people removed (nothing referred to them yet).
    pub deleted: usize,
    /// Created people deactivated instead, because something already refers to them.
    pub deactivated: usize,
    /// Updated people put back as they were.
    pub restored: usize,
    /// People deactivated by the import, active again.
    pub reactivated: usize,
    /// Sites created by the import and removed.
    pub sites_deleted: usize,
}
