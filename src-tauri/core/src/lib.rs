//! Unisson's core: the domain model, its rules, the SQLite store and the use cases. It knows nothing of windows,
//! dialogs or the clock: the shell passes in paths, `now` and the actor.

pub mod demo;
pub mod error;
pub mod export;
pub mod ical;
pub mod import;
pub mod mail;
pub mod model;
pub mod ops;
pub mod plan;
pub mod report;
pub mod schedule;
pub mod store;
#[cfg(test)]
pub(crate) mod testkit;

pub use error::{Error, ErrorCode, FieldCode, FieldError, Result};
