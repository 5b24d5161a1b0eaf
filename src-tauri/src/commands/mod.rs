//! Tauri commands, grouped by noun. Each one locks the state, calls one `unisson_core::ops` function with `now` and
//! the actor, and maps the error.

pub mod absences;
pub mod activities;
pub mod app;
pub mod debriefs;
pub mod import;
pub mod invites;
pub mod objectives;
pub mod people;
pub mod plan;
pub mod privacy;
pub mod reports;
pub mod series;
pub mod settings;
pub mod setup;
pub mod sites;
