//! The access export (GDPR right of access): everything Unisson holds about one person, written into a new or empty
//! folder as one JSON file and one CSV file per kind of record.
//!
//! Invariants: every participation of the person is listed, cancelled ones included; the CSV files are UTF-8 with a
//! BOM, `;`-separated, with every text cell neutralised against formulas (the report CSV writer); audit entries "about
//! them" are those on their person record, participations, debriefs and absences, plus those they made (actor).

use crate::error::{Error, Result};
use crate::export::neutralise;
use crate::model::{Absence, AuditEntry, Id, Person};
use crate::report::csv::{finish, writer};
use crate::report::people::{passport, PassportEntry};
use crate::store::privacy::{self, DebriefRow, InviteSent};
use crate::store::{absences, activities, audit, people, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// One file written by [`export_access`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccessFile {
    /// File name inside the folder.
    pub name: String,
    /// Records in it (data lines of a CSV; 1 for the JSON file).
    #[ts(type = "number")]
    pub records: i64,
}

/// What [`export_access`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccessExport {
    /// The person.
    #[ts(type = "number")]
    pub person_id: Id,
    /// The folder.
    pub dir: String,
    /// The files, in writing order.
    pub files: Vec<AccessFile>,
}

/// A participation with its activity's details.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Participation {
    #[serde(flatten)]
    entry: PassportEntry,
    description: String,
    site: Option<String>,
    location: String,
    goals: String,
}

/// Everything, as `access.json` holds it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Access {
    generated_at: DateTime<Utc>,
    person: Person,
    site: Option<String>,
    manager: Option<String>,
    totals: BTreeMap<String, i64>,
    participations: Vec<Participation>,
    debriefs: Vec<DebriefRow>,
    absences: Vec<Absence>,
    audit: Vec<AuditEntry>,
    invites: Vec<InviteSent>,
}

fn load(store: &Store, id: Id, now: DateTime<Utc>) -> Result<Access> {
    let conn = store.conn();
    let person = people::get(conn, id)?;
    let pass = passport(store, id)?;
    let participations = pass
        .entries
        .into_iter()
        .map(|entry| {
            let a = activities::get(conn, entry.activity_id)?;
            let site = match a.site_id {
                Some(s) => Some(crate::store::sites::get(conn, s)?.name),
                None => None,
            };
            Ok(Participation {
                entry,
                description: a.description,
                site,
                location: a.location,
                goals: a.goals,
            })
        })
        .collect::<Result<_>>()?;
    let debriefs = privacy::debriefs_of(conn, id)?;
    let absences = privacy::absence_ids_of(conn, id)?
        .into_iter()
        .map(|a| absences::get(conn, a))
        .collect::<Result<_>>()?;
    let audit = privacy::audit_ids_about(conn, id)?;
    let mut audit_entries = Vec::with_capacity(audit.len());
    for entry in audit {
        audit_entries.extend(audit::by_id(conn, entry)?);
    }
    let invites = privacy::invites_of(conn, id)?;
    Ok(Access {
        generated_at: now,
        site: pass.person.site_name,
        manager: pass.person.manager_name,
        person,
        totals: pass.totals,
        participations,
        debriefs,
        absences,
        audit: audit_entries,
        invites,
    })
}

fn csv_error(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// Writes a CSV with `header` and `rows` (every cell neutralised) and returns its data line count.
fn write_csv(dir: &Path, name: &str, header: &[&str], rows: &[Vec<String>]) -> Result<AccessFile> {
    let mut w = writer();
    w.write_record(header).map_err(csv_error)?;
    for row in rows {
        w.write_record(row.iter().map(|c| neutralise(c).into_owned()))
            .map_err(csv_error)?;
    }
    std::fs::write(dir.join(name), finish(w).map_err(csv_error)?)?;
    Ok(AccessFile {
        name: name.to_owned(),
        records: rows.len() as i64,
    })
}

fn json_text(value: &Option<serde_json::Value>) -> String {
    value.as_ref().map(|v| v.to_string()).unwrap_or_default()
}

/// Writes everything held about `person` into `dir` (created; it must be new or empty): `access.json` and the CSV
/// files `profile.csv`, `participations.csv`, `debriefs.csv`, `absences.csv`, `audit.csv`, `invites.csv`.
pub fn export_access(
    store: &Store,
    person: Id,
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<AccessExport> {
    crate::export::require_empty_dir(dir, "outDir")?;
    let a = load(store, person, now)?;
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_string_pretty(&a).map_err(|e| Error::Io(std::io::Error::other(e)))?;
    std::fs::write(dir.join("access.json"), json)?;
    let p = &a.person;
    let mut files = vec![AccessFile {
        name: "access.json".into(),
        records: 1,
    }];
    let mut profile = vec![
        ("id", p.id.to_string()),
        ("fullName", p.full_name.clone()),
        ("email", p.email.clone()),
        ("department", p.department.as_str().to_owned()),
        ("team", p.team.clone()),
        ("site", a.site.clone().unwrap_or_default()),
        ("manager", a.manager.clone().unwrap_or_default()),
        ("active", p.active.to_string()),
        ("createdAt", p.created_at.to_rfc3339()),
        ("updatedAt", p.updated_at.to_rfc3339()),
        (
            "anonymisedAt",
            p.anonymised_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        ),
    ];
    profile.extend(a.totals.iter().map(|(k, v)| (k.as_str(), v.to_string())));
    let rows: Vec<Vec<String>> = profile
        .into_iter()
        .map(|(k, v)| vec![k.to_owned(), v])
        .collect();
    files.push(write_csv(dir, "profile.csv", &["field", "value"], &rows)?);
    let rows: Vec<Vec<String>> = a
        .participations
        .iter()
        .map(|x| {
            let e = &x.entry;
            vec![
                e.activity_id.to_string(),
                e.kind.as_str().to_owned(),
                e.title.clone(),
                e.day.to_string(),
                e.start.to_rfc3339(),
                e.end.to_rfc3339(),
                e.zone.clone(),
                x.site.clone().unwrap_or_default(),
                x.location.clone(),
                e.activity_status.as_str().to_owned(),
                e.role.as_str().to_owned(),
                e.status.as_str().to_owned(),
                e.took_place.to_string(),
                e.exchange.to_string(),
            ]
        })
        .collect();
    files.push(write_csv(
        dir,
        "participations.csv",
        &[
            "activityId",
            "kind",
            "title",
            "day",
            "start",
            "end",
            "zone",
            "site",
            "location",
            "activityStatus",
            "role",
            "status",
            "tookPlace",
            "exchange",
        ],
        &rows,
    )?);
    let rows: Vec<Vec<String>> = a
        .debriefs
        .iter()
        .map(|d| {
            vec![
                d.id.to_string(),
                d.activity_id.to_string(),
                d.rating.to_string(),
                d.learned.clone(),
                d.customer_needs.clone(),
                d.offer_feedback.clone(),
                d.offer_tag.clone(),
                d.created_at.to_rfc3339(),
            ]
        })
        .collect();
    files.push(write_csv(
        dir,
        "debriefs.csv",
        &[
            "id",
            "activityId",
            "rating",
            "learned",
            "customerNeeds",
            "offerFeedback",
            "offerTag",
            "createdAt",
        ],
        &rows,
    )?);
    let rows: Vec<Vec<String>> = a
        .absences
        .iter()
        .map(|x| {
            vec![
                x.id.to_string(),
                x.first_day.to_string(),
                x.last_day.to_string(),
                x.reason.clone(),
                x.source.as_str().to_owned(),
            ]
        })
        .collect();
    files.push(write_csv(
        dir,
        "absences.csv",
        &["id", "firstDay", "lastDay", "reason", "source"],
        &rows,
    )?);
    let rows: Vec<Vec<String>> = a
        .audit
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                e.at.to_rfc3339(),
                e.actor.clone(),
                e.entity.clone(),
                e.entity_id.to_string(),
                e.action.clone(),
                json_text(&e.before),
                json_text(&e.after),
            ]
        })
        .collect();
    files.push(write_csv(
        dir,
        "audit.csv",
        &[
            "id", "at", "actor", "entity", "entityId", "action", "before", "after",
        ],
        &rows,
    )?);
    let rows: Vec<Vec<String>> = a
        .invites
        .iter()
        .map(|i| {
            vec![
                i.activity_id.to_string(),
                i.sequence.to_string(),
                i.method.clone(),
                i.exported_at.to_rfc3339(),
            ]
        })
        .collect();
    files.push(write_csv(
        dir,
        "invites.csv",
        &["activityId", "sequence", "method", "exportedAt"],
        &rows,
    )?);
    Ok(AccessExport {
        person_id: person,
        dir: dir.display().to_string(),
        files,
    })
}
