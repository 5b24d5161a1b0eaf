//! Errors of the core. Every variant has a stable machine `code()` that the shell passes to the UI, which branches on
//! it (never on the message text). Validation errors carry one [`FieldError`] per bad field so forms can show them
//! inline. The codes are enums ([`ErrorCode`], [`FieldCode`]), so a code the UI cannot translate does not compile.

mod codes;

pub use codes::{ErrorCode, FieldCode};
use serde::Serialize;
use ts_rs::TS;

/// One problem with one input field, e.g. `email` / `invalid_email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldError {
    /// The camelCase name of the input field, as the UI knows it.
    pub field: String,
    /// What is wrong, as a stable code the UI translates.
    pub code: FieldCode,
    /// An English explanation, for logs and the CLI.
    pub message: String,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(field: &str, code: FieldCode, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code,
            message: message.into(),
        }
    }
}

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input breaks one or more rules; nothing was written.
    #[error("invalid input: {}", describe(.0))]
    Validation(Vec<FieldError>),
    /// The entity asked for does not exist.
    #[error("{entity} {id} not found")]
    NotFound {
        /// What kind of entity (`person`, `site`, ...).
        entity: &'static str,
        /// Its id or key.
        id: String,
    },
    /// A site cannot be deleted while people or activities use it.
    #[error("site {name} is still used by {people} people and {activities} activities")]
    SiteInUse {
        /// The site's name.
        name: String,
        /// People attached to it.
        people: i64,
        /// Activities held there.
        activities: i64,
    },
    /// The database could not be read or written.
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
    /// The schema could not be migrated.
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A file could not be read or written.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// The change breaks scheduling rules; nothing was written. The findings name people, dates and rules.
    #[error("the change is blocked: {}", describe_findings(.0))]
    Clash(Vec<crate::schedule::Finding>),
    /// The change raises warnings the user must confirm first; nothing was written.
    #[error("the change needs confirmation: {}", describe_findings(.0))]
    NeedsConfirmation(Vec<crate::schedule::Finding>),
    /// An .ics file could not be read; nothing was changed.
    #[error("invalid .ics file, line {line}: {message}")]
    Ics {
        /// Physical line (1-based) where the problem is.
        line: usize,
        /// What is wrong, in plain English.
        message: String,
    },
    /// Sending or fetching mail failed for the whole batch (server unreachable, TLS, login).
    #[error("{message}")]
    Mail {
        /// Which: `smtp`, `smtp_auth`, `smtp_no_starttls`, `smtp_ca_file`, `smtp_password_missing`.
        code: ErrorCode,
        /// What failed, with the server; never a password.
        message: String,
    },
    /// The database file was written by a newer Unisson than this one.
    #[error("the database was created by a newer version of Unisson (schema {found}, this version knows {known})")]
    TooNew {
        /// Schema version found in the file.
        found: i64,
        /// Latest schema version this build knows.
        known: i64,
    },
    /// Nothing at the path holds a Unisson database, and the command does not create one.
    #[error("no Unisson database at {path} (create one with 'unisson init --db {path}' or 'unisson demo --db {path}')")]
    NoDatabase {
        /// The path as given.
        path: String,
    },
    /// The file is not a Unisson database (a text file, another application's SQLite file); it was not touched.
    #[error("{path} is not a Unisson database: {reason}; it was left untouched")]
    NotUnissonDatabase {
        /// The path as given.
        path: String,
        /// What the file is instead.
        reason: String,
    },
    /// A new database was asked for where one already exists; nothing was changed.
    #[error("a Unisson database already exists at {path}; nothing was changed")]
    DatabaseExists {
        /// The path as given.
        path: String,
    },
}

fn describe_findings(findings: &[crate::schedule::Finding]) -> String {
    findings
        .iter()
        .map(|f| f.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn describe(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(|f| format!("{}: {}", f.field, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Error {
    /// The stable code the UI branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Validation(_) => ErrorCode::Validation,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::SiteInUse { .. } => ErrorCode::SiteInUse,
            Error::Storage(_) | Error::Migration(_) => ErrorCode::Storage,
            Error::Io(_) => ErrorCode::Io,
            Error::TooNew { .. } => ErrorCode::TooNew,
            Error::NoDatabase { .. } => ErrorCode::NoDatabase,
            Error::NotUnissonDatabase { .. } => ErrorCode::NotUnissonDatabase,
            Error::DatabaseExists { .. } => ErrorCode::DatabaseExists,
            Error::Ics { .. } => ErrorCode::InvalidIcs,
            Error::Mail { code, .. } => *code,
            Error::Clash(_) => ErrorCode::Clash,
            Error::NeedsConfirmation(_) => ErrorCode::NeedsConfirmation,
        }
    }

    /// The field errors, empty unless this is a validation error.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Validation(f) => f,
            _ => &[],
        }
    }

    /// The scheduling findings, empty unless this is a clash or a confirmation request.
    pub fn findings(&self) -> &[crate::schedule::Finding] {
        match self {
            Error::Clash(f) | Error::NeedsConfirmation(f) => f,
            _ => &[],
        }
    }

    /// Shorthand for a single-field validation error.
    pub fn field(field: &str, code: FieldCode, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, code, message)])
    }
}

/// Result alias of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;
