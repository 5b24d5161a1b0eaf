//! Use cases. Each takes the store, the input, `now` and the actor; it validates, writes in one transaction (which
//! audits), and returns the stored result. The Tauri commands and the CLI call these and nothing else, so the two
//! faces of the app can never disagree on a rule.

pub mod absences;
pub mod activities;
pub mod attendance;
pub mod debriefs;
pub mod departments;
pub mod import;
pub mod invites;
pub mod objectives;
pub mod people;
pub mod plan;
pub mod privacy;
pub mod series;
pub mod settings;
pub mod setup;
pub mod sites;
