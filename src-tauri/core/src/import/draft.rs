//! The plan's data: the snapshot it starts from and the people and sites it will write. Plain values, so the plan
//! can be computed without a database and applied by `ops::import` without re-deciding anything.
//!
//! Invariants: a [`ManagerRef::New`] or [`SiteRef::New`] index always points into the same plan's `creates` or
//! `new_sites`, and a `New` manager always comes earlier in `creates` than the person it manages.

use super::departments::DepartmentAlias;
use super::report::ImportReport;
use crate::model::{Department, Id, PersonRow};

/// What the plan needs to know about the database. The default is an empty database with the built-in alias table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Everyone stored, active or not.
    pub people: Vec<PersonRow>,
    /// Every site, as (id, name).
    pub sites: Vec<(Id, String)>,
    /// The department alias table.
    pub aliases: Vec<DepartmentAlias>,
}

impl Default for Snapshot {
    fn default() -> Self {
        Snapshot {
            people: Vec::new(),
            sites: Vec::new(),
            aliases: super::departments::default_aliases(),
        }
    }
}

/// A site a person will be attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteRef {
    /// A stored site.
    Existing(Id),
    /// The n-th of [`Plan::new_sites`].
    New(usize),
}

/// A manager a person will report to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManagerRef {
    /// A stored person.
    Existing(Id),
    /// The n-th of [`Plan::creates`].
    New(usize),
}

/// A person as the import will write them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Physical line of the record.
    pub line: u64,
    /// Full name.
    pub full_name: String,
    /// Email.
    pub email: String,
    /// Department.
    pub department: Department,
    /// Team.
    pub team: String,
    /// Home site.
    pub site: Option<SiteRef>,
    /// Manager.
    pub manager: Option<ManagerRef>,
    /// Active flag.
    pub active: bool,
}

/// What an import will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The preview shown to the user.
    pub report: ImportReport,
    /// Sites to create first (only with `create_missing`).
    pub new_sites: Vec<String>,
    /// People to create, managers before the people they manage.
    pub creates: Vec<Draft>,
    /// Stored people to change.
    pub updates: Vec<(Id, Draft)>,
    /// Stored people to deactivate (only with `deactivate_missing`).
    pub deactivate: Vec<Id>,
    /// Strict mode and at least one problem: nothing may be written.
    pub blocked: bool,
}
