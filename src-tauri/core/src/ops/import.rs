//! Importing the staff directory from a CSV file, undoing an import, and exporting the directory.
//!
//! Invariants:
//! - the preview and the import run the same [`plan`] on the same snapshot, the import's taken inside its own
//!   transaction, so what was shown is what is written;
//! - an import is one transaction: every valid line goes in, or (strict mode, or any failure) nothing does;
//! - each person written is audited by the store as usual, plus one entry (entity `import`, action `import`) that
//!   lists what the import touched with the previous values, which is all [`undo`] needs;
//! - undo refuses, changing nothing, when a person the import touched was changed since, or when it was undone
//!   already.

use crate::error::{Error, FieldError, Result};
use crate::export::people_csv;
use crate::import::plan::{ManagerRef, SiteRef};
use crate::import::{plan, Delimiter, ImportOptions, ImportReport, Plan, Snapshot, UndoReport};
use crate::model::{Id, Person, PersonInput, SiteInput};
use crate::store::{audit, people, settings, sites, Store, Tx};
use crate::FieldCode;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// How often (in people written) progress is reported.
const PROGRESS_STEP: usize = 250;

/// What an import changed, as recorded in its audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImportRecord {
    /// People created, in creation order.
    created: Vec<Id>,
    /// People updated, as they were before.
    updated: Vec<Person>,
    /// People deactivated because they were missing from the file.
    deactivated: Vec<Id>,
    /// Sites created.
    sites_created: Vec<Id>,
    /// The import's report, without its per-line detail.
    summary: ImportReport,
}

/// The database as the planner needs it.
pub fn snapshot(conn: &Connection) -> Result<Snapshot> {
    Ok(Snapshot {
        people: people::list_rows(conn)?,
        sites: sites::list(conn)?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect(),
        aliases: super::departments::aliases_in(conn)?,
    })
}

/// What importing `bytes` would do; writes nothing.
pub fn preview(store: &Store, bytes: &[u8], options: &ImportOptions) -> Result<ImportReport> {
    Ok(plan(bytes, options, &snapshot(store.conn())?).report)
}

/// Imports `bytes` in one transaction and reports what was done. `progress(done, total)` is called as people are
/// written. In strict mode a file with any problem writes nothing and the report says so (`applied: false`).
pub fn people(
    store: &mut Store,
    bytes: &[u8],
    options: &ImportOptions,
    now: DateTime<Utc>,
    actor: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    store.write(actor, now, |tx| {
        let plan = plan(bytes, options, &snapshot(tx)?);
        let nothing_to_do =
            plan.creates.is_empty() && plan.updates.is_empty() && plan.deactivate.is_empty();
        if plan.blocked || nothing_to_do {
            let mut report = plan.report;
            if plan.blocked {
                report.created = 0;
                report.updated = 0;
                report.deactivated = 0;
                report.rows.clear();
            }
            progress(0, 0);
            return Ok(report);
        }
        apply(tx, plan, progress)
    })
}

fn apply(tx: &Tx<'_>, plan: Plan, progress: &mut dyn FnMut(usize, usize)) -> Result<ImportReport> {
    let total = plan.creates.len() + plan.updates.len() + plan.deactivate.len();
    let mut done = 0;
    progress(0, total);
    let mut step = |done: usize| {
        if done.is_multiple_of(PROGRESS_STEP) || done == total {
            progress(done, total);
        }
    };
    let timezone = settings::get(tx)?.default_timezone;
    // Only the new sites a written person uses: a site named only on refused lines is not created.
    let used: std::collections::HashSet<usize> = plan
        .creates
        .iter()
        .chain(plan.updates.iter().map(|(_, d)| d))
        .filter_map(|d| match d.site {
            Some(SiteRef::New(k)) => Some(k),
            _ => None,
        })
        .collect();
    let mut new_site_ids: Vec<Option<Id>> = vec![None; plan.new_sites.len()];
    let mut sites_created: Vec<Id> = Vec::with_capacity(used.len());
    for (k, name) in plan
        .new_sites
        .iter()
        .enumerate()
        .filter(|(k, _)| used.contains(k))
    {
        let site = sites::insert(
            tx,
            &SiteInput {
                name: name.clone(),
                timezone: timezone.clone(),
                seats: 0,
                is_crc: false,
            }
            .validated()?,
        )?;
        new_site_ids[k] = Some(site.id);
        sites_created.push(site.id);
    }
    let site_id = |s: Option<SiteRef>| match s {
        Some(SiteRef::Existing(id)) => Some(id),
        Some(SiteRef::New(k)) => new_site_ids.get(k).copied().flatten(),
        None => None,
    };
    let mut created: Vec<Id> = Vec::with_capacity(plan.creates.len());
    let input = |d: &crate::import::plan::Draft, created: &[Id]| PersonInput {
        full_name: d.full_name.clone(),
        email: d.email.clone(),
        department: d.department,
        team: d.team.clone(),
        site_id: site_id(d.site),
        manager_id: match d.manager {
            Some(ManagerRef::Existing(id)) => Some(id),
            Some(ManagerRef::New(k)) => created.get(k).copied(),
            None => None,
        },
        active: d.active,
    };
    for d in &plan.creates {
        let person = people::insert(tx, &input(d, &created))?;
        created.push(person.id);
        done += 1;
        step(done);
    }
    let mut updated = Vec::with_capacity(plan.updates.len());
    for (id, d) in &plan.updates {
        updated.push(people::get(tx, *id)?);
        people::update(tx, *id, &input(d, &created), "import")?;
        done += 1;
        step(done);
    }
    for id in &plan.deactivate {
        let person = people::get(tx, *id)?;
        people::update(
            tx,
            *id,
            &PersonInput {
                active: false,
                ..PersonInput::from(&person)
            },
            "deactivate",
        )?;
        done += 1;
        step(done);
    }
    let import_id = audit::next_entity_id(tx, "import")?;
    let mut report = plan.report;
    report.applied = true;
    report.import_id = Some(import_id);
    report.sites_created = sites_created.len();
    let record = ImportRecord {
        created,
        updated,
        deactivated: plan.deactivate,
        sites_created,
        summary: ImportReport {
            rows: Vec::new(),
            ..report.clone()
        },
    };
    tx.audit(
        "import",
        import_id,
        "import",
        None::<&ImportRecord>,
        Some(&record),
    )?;
    Ok(report)
}

/// Undoes import `import_id`: created people are deleted (or deactivated when something already refers to them),
/// updated people restored, deactivated people reactivated, created sites deleted when unused.
pub fn undo(
    store: &mut Store,
    import_id: Id,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<UndoReport> {
    store.write(actor, now, |tx| {
        let entries = audit::for_entity(tx, "import", import_id)?;
        let not_found = || Error::NotFound {
            entity: "import",
            id: import_id.to_string(),
        };
        let entry = entries
            .iter()
            .find(|e| e.action == "import")
            .ok_or_else(not_found)?;
        if entries.iter().any(|e| e.action == "undo") {
            return Err(Error::field(
                "importId",
                FieldCode::AlreadyUndone,
                "this import was already undone",
            ));
        }
        let record: ImportRecord = entry
            .after
            .clone()
            .and_then(|v| serde_json::from_value(v).ok())
            .ok_or_else(not_found)?;
        let touched: std::collections::HashSet<Id> = record
            .created
            .iter()
            .chain(record.updated.iter().map(|p| &p.id))
            .chain(&record.deactivated)
            .copied()
            .collect();
        let changed: Vec<Id> = audit::changed_after(tx, "person", entry.id)?
            .into_iter()
            .filter(|id| touched.contains(id))
            .collect();
        if !changed.is_empty() {
            return Err(Error::Validation(vec![FieldError::new(
                "importId",
                FieldCode::ChangedSince,
                format!(
                    "{} people touched by this import were changed since; undo would lose that",
                    changed.len()
                ),
            )]));
        }
        let mut out = UndoReport {
            import_id,
            deleted: 0,
            deactivated: 0,
            restored: 0,
            reactivated: 0,
            sites_deleted: 0,
        };
        for before in &record.updated {
            people::update(tx, before.id, &PersonInput::from(before), "undo_import")?;
            out.restored += 1;
        }
        for id in &record.deactivated {
            let person = people::get(tx, *id)?;
            people::update(
                tx,
                *id,
                &PersonInput {
                    active: true,
                    ..PersonInput::from(&person)
                },
                "reactivate",
            )?;
            out.reactivated += 1;
        }
        // Newest first: people the import created are managed only by people created before them.
        for id in record.created.iter().rev() {
            if people::delete_unreferenced(tx, *id)? {
                out.deleted += 1;
            } else {
                let person = people::get(tx, *id)?;
                if person.active {
                    people::update(
                        tx,
                        *id,
                        &PersonInput {
                            active: false,
                            ..PersonInput::from(&person)
                        },
                        "deactivate",
                    )?;
                }
                out.deactivated += 1;
            }
        }
        for id in &record.sites_created {
            if sites::usage(tx, *id)? == (0, 0) {
                sites::delete(tx, *id)?;
                out.sites_deleted += 1;
            }
        }
        tx.audit("import", import_id, "undo", None::<&UndoReport>, Some(&out))?;
        Ok(out)
    })
}

/// The directory as a CSV file: UTF-8 with a byte-order mark (so French Excel keeps the accents) when `bom`.
pub fn export(store: &Store, delimiter: Delimiter, bom: bool) -> Result<Vec<u8>> {
    let rows = people::list_rows(store.conn())?;
    let csv = people_csv(&rows, delimiter.byte())
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    let mut bytes = Vec::with_capacity(csv.len() + 3);
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(csv.as_bytes());
    Ok(bytes)
}
