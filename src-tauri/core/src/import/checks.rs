//! Checks that look at several lines at once or at the stored sites and teams: the same email on two lines, sites
//! and teams the database does not know.
//!
//! Invariants: an email on several lines refuses every one of those lines (which one HR meant is not ours to guess);
//! an unknown site or team is an error unless `create_missing`, and is listed once in the report either way.

use super::draft::{SiteRef, Snapshot};
use super::header::ImportField;
use super::parse::Parsed;
use super::report::{ImportIssue, ImportOptions, ImportReport};
use crate::model::Id;
use std::collections::{HashMap, HashSet};

/// Refuses every line whose email is on another line too; returns which lines can be looked up by email.
pub fn refuse_duplicates(
    rows: &[Parsed],
    valid: &mut [bool],
    email_ok: &[bool],
    issues: &mut Vec<ImportIssue>,
) -> Vec<bool> {
    let mut lines_of: HashMap<String, Vec<usize>> = HashMap::new();
    for (r, row) in rows.iter().enumerate().filter(|(r, _)| email_ok[*r]) {
        lines_of
            .entry(row.email.to_lowercase())
            .or_default()
            .push(r);
    }
    let mut keyed = email_ok.to_vec();
    for same in lines_of.values().filter(|same| same.len() > 1) {
        for &r in same {
            let others: Vec<String> = same
                .iter()
                .filter(|&&o| o != r)
                .map(|&o| rows[o].line.to_string())
                .collect();
            valid[r] = false;
            keyed[r] = false;
            issues.push(ImportIssue::new(
                rows[r].line,
                Some(ImportField::Email),
                "duplicate_email",
                &rows[r].email,
                format!("the same email is also on line {}", others.join(", ")),
            ));
        }
    }
    keyed
}

/// Each line's site (`None` = keep the stored one), and the names of the sites to create.
pub fn resolve_sites(
    snapshot: &Snapshot,
    options: &ImportOptions,
    rows: &[Parsed],
    valid: &mut [bool],
    issues: &mut Vec<ImportIssue>,
    report: &mut ImportReport,
) -> (Vec<Option<Option<SiteRef>>>, Vec<String>) {
    let known: HashMap<String, Id> = snapshot
        .sites
        .iter()
        .map(|(id, name)| (name.trim().to_lowercase(), *id))
        .collect();
    let mut unknown: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        out.push(match row.site.as_deref() {
            None => None,
            Some("") => Some(None),
            Some(name) => Some(Some(match known.get(&name.to_lowercase()) {
                Some(id) => SiteRef::Existing(*id),
                None => {
                    let next = unknown.len();
                    let k = *unknown.entry(name.to_lowercase()).or_insert_with(|| {
                        report.unknown_sites.push(name.to_owned());
                        next
                    });
                    if !options.create_missing {
                        valid[r] = false;
                        issues.push(ImportIssue::new(
                            row.line,
                            Some(ImportField::Site),
                            "unknown_site",
                            name,
                            format!("there is no site {name:?}; tick \"create missing sites and teams\" to create it"),
                        ));
                    }
                    SiteRef::New(k)
                }
            })),
        });
    }
    let new_sites = if options.create_missing {
        report.unknown_sites.clone()
    } else {
        Vec::new()
    };
    (out, new_sites)
}

/// Refuses teams nobody has yet, unless `create_missing`.
pub fn check_teams(
    snapshot: &Snapshot,
    options: &ImportOptions,
    rows: &[Parsed],
    valid: &mut [bool],
    issues: &mut Vec<ImportIssue>,
    report: &mut ImportReport,
) {
    let known: HashSet<String> = snapshot
        .people
        .iter()
        .map(|p| p.team.trim().to_lowercase())
        .collect();
    let mut reported: HashSet<String> = HashSet::new();
    for (r, row) in rows.iter().enumerate() {
        let Some(team) = row.team.as_deref().filter(|t| !t.is_empty()) else {
            continue;
        };
        let key = team.to_lowercase();
        if known.contains(&key) {
            continue;
        }
        if reported.insert(key) {
            report.unknown_teams.push(team.to_owned());
        }
        if !options.create_missing {
            valid[r] = false;
            issues.push(ImportIssue::new(
                row.line,
                Some(ImportField::Team),
                "unknown_team",
                team,
                format!("nobody is in team {team:?} yet; tick \"create missing sites and teams\" to accept it"),
            ));
        }
    }
}
