//! Importing the staff directory from HR's CSV files.
//!
//! The pipeline, each step a pure function of its input: [`decode`] the bytes (UTF-8 with or without BOM, or
//! Windows-1252), [`sniff`] the delimiter, split into [`rows`] with their physical line numbers, map the [`header`]
//! to fields, [`parse`] each record (with the [`departments`] alias table), then [`plan`] against a snapshot of the
//! database: which lines create, update or leave people unchanged, who is missing, and every problem with its line,
//! field and reason. [`managers`] resolves manager cells and refuses loops across the file and the database.
//!
//! Invariants:
//! - nothing here reads the database or a file: `ops::import` takes the snapshot, runs [`plan::plan`] and applies
//!   the plan in one transaction, so the preview and the import can never disagree;
//! - no input makes this module panic (a fuzz target and a property test feed it arbitrary bytes).

mod checks;
pub mod decode;
pub mod departments;
pub mod draft;
pub mod header;
pub mod managers;
pub mod parse;
pub mod plan;
pub mod report;
pub mod rows;
pub mod sniff;
#[cfg(test)]
mod tests;

pub use decode::Encoding;
pub use departments::{default_aliases, DepartmentAlias};
pub use header::{ColumnMapping, ImportField};
pub use plan::{plan, Plan, Snapshot};
pub use report::{ImportIssue, ImportOptions, ImportReport, RowAction, RowPreview, UndoReport};
pub use sniff::Delimiter;
