//! The preview of an import: a pure function of the file's bytes, the options and a snapshot of the database. The
//! same plan is shown to the user and then applied, so what the preview says is what the import does.
//!
//! Invariants:
//! - a line is either refused (with at least one issue) or becomes exactly one create, update or unchanged;
//! - lines are matched to stored people by email, case-insensitively; an email on several lines refuses all of them;
//! - `creates` are ordered so that a new person's manager, when also new, comes first;
//! - a stored person whose email appears anywhere in the file (even on a refused line) is not "missing".

use super::checks::{check_teams, refuse_duplicates, resolve_sites};
use super::decode::{decode, Encoding};
use super::departments::DepartmentMap;
pub use super::draft::{Draft, ManagerRef, Plan, SiteRef, Snapshot};
use super::header::{guess, with_fields, ImportField};
use super::managers::{settle, Directory, Node};
use super::parse::{parse, Columns, Parsed};
use super::report::{ImportIssue, ImportOptions, ImportReport, RowAction, RowPreview};
use super::rows::{read, Table};
use super::sniff::{self, Delimiter};
use crate::model::{Department, Id, PersonRow};
use std::collections::{HashMap, HashSet};

fn empty_report(encoding: Encoding, delimiter: Delimiter) -> ImportReport {
    ImportReport {
        encoding,
        delimiter,
        header_line: 0,
        mapping: Vec::new(),
        total_rows: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        deactivated: 0,
        missing_active: 0,
        invalid_rows: 0,
        errors: Vec::new(),
        unknown_sites: Vec::new(),
        unknown_teams: Vec::new(),
        sites_created: 0,
        rows: Vec::new(),
        applied: false,
        import_id: None,
    }
}

fn finish(mut report: ImportReport, strict: bool) -> Plan {
    report.errors.sort_by_key(|i| i.line);
    Plan {
        blocked: strict && !report.errors.is_empty(),
        report,
        new_sites: Vec::new(),
        creates: Vec::new(),
        updates: Vec::new(),
        deactivate: Vec::new(),
    }
}

/// Reads the file and works out what importing it into `snapshot` would do. Never panics, whatever the bytes.
pub fn plan(bytes: &[u8], options: &ImportOptions, snapshot: &Snapshot) -> Plan {
    let (encoding, text) = match decode(bytes, options.encoding) {
        Ok(decoded) => decoded,
        Err(e) => {
            let mut report = empty_report(
                options.encoding.unwrap_or(Encoding::Utf8),
                options.delimiter.unwrap_or(Delimiter::Semicolon),
            );
            report.errors.push(ImportIssue::new(
                e.line,
                None,
                "not_utf8",
                "",
                "the file is not UTF-8 from this line on; try Windows-1252",
            ));
            return finish(report, options.strict);
        }
    };
    let delimiter = options.delimiter.unwrap_or_else(|| sniff::delimiter(&text));
    let table = read(&text, delimiter);
    let mut report = empty_report(encoding, delimiter);
    report.header_line = table.header_line;
    report.total_rows = table.total_rows;
    report.invalid_rows = table.total_rows - table.records.len();
    report.errors.extend(table.issues.iter().cloned());
    if table.headers.is_empty() {
        report.errors.push(ImportIssue::new(
            1,
            None,
            "no_rows",
            "",
            "the file has no header and no data",
        ));
        return finish(report, options.strict);
    }
    report.mapping = match &options.mapping {
        Some(fields) if fields.len() != table.headers.len() => {
            report.errors.push(ImportIssue::new(
                table.header_line,
                None,
                "mapping_length",
                "",
                format!(
                    "the mapping has {} columns but the file has {}",
                    fields.len(),
                    table.headers.len()
                ),
            ));
            report.mapping = guess(&table.headers);
            return finish(report, options.strict);
        }
        Some(fields) => with_fields(&table.headers, fields),
        None => guess(&table.headers),
    };
    let cols = match Columns::from_mapping(&report.mapping, table.header_line) {
        Ok(cols) => cols,
        Err(issues) => {
            report.errors.extend(issues);
            return finish(report, options.strict);
        }
    };
    if table.total_rows == 0 {
        report.errors.push(ImportIssue::new(
            table.header_line,
            None,
            "no_rows",
            "",
            "the file has a header but no data",
        ));
    }
    let mut plan = Resolver::new(snapshot, options).run(&table, &cols, report);
    plan.blocked = options.strict && !plan.report.errors.is_empty();
    plan
}

/// The state of one planning run.
struct Resolver<'a> {
    snapshot: &'a Snapshot,
    options: &'a ImportOptions,
    by_email: HashMap<String, &'a PersonRow>,
    by_id: HashMap<Id, &'a PersonRow>,
}

impl<'a> Resolver<'a> {
    fn new(snapshot: &'a Snapshot, options: &'a ImportOptions) -> Self {
        let by_email = snapshot
            .people
            .iter()
            .map(|p| (p.email.to_lowercase(), p))
            .collect();
        let by_id = snapshot.people.iter().map(|p| (p.id, p)).collect();
        Resolver {
            snapshot,
            options,
            by_email,
            by_id,
        }
    }

    fn run(&self, table: &Table, cols: &Columns, mut report: ImportReport) -> Plan {
        let departments = DepartmentMap::new(&self.snapshot.aliases);
        let mut rows: Vec<Parsed> = Vec::with_capacity(table.records.len());
        let mut valid: Vec<bool> = Vec::with_capacity(table.records.len());
        let mut email_ok: Vec<bool> = Vec::with_capacity(table.records.len());
        let mut issues: Vec<ImportIssue> = Vec::new();
        for record in &table.records {
            let (parsed, found) = parse(record, cols, &departments);
            valid.push(found.is_empty());
            email_ok.push(!found.iter().any(|i| i.field == Some(ImportField::Email)));
            issues.extend(found);
            rows.push(parsed);
        }
        let keyed = refuse_duplicates(&rows, &mut valid, &email_ok, &mut issues);
        let node_of: Vec<Node> = rows
            .iter()
            .enumerate()
            .map(
                |(r, row)| match self.by_email.get(&row.email.to_lowercase()) {
                    Some(p) if keyed[r] => Node::Db(p.id),
                    _ => Node::Row(r),
                },
            )
            .collect();
        let (sites, new_sites) = resolve_sites(
            self.snapshot,
            self.options,
            &rows,
            &mut valid,
            &mut issues,
            &mut report,
        );
        check_teams(
            self.snapshot,
            self.options,
            &rows,
            &mut valid,
            &mut issues,
            &mut report,
        );

        let stored: HashMap<Id, Option<Id>> = self
            .snapshot
            .people
            .iter()
            .map(|p| (p.id, p.manager_id))
            .collect();
        let directory = Directory::new(&rows, &keyed, &node_of, &self.snapshot.people);
        let mut manager: Vec<Option<Node>> = vec![None; rows.len()];
        for (r, row) in rows.iter().enumerate() {
            manager[r] = match (&row.manager, node_of[r]) {
                (Some(value), me) if valid[r] => match directory.resolve(r, value, me) {
                    Ok(found) => found,
                    Err(issue) => {
                        valid[r] = false;
                        issues.push(issue);
                        None
                    }
                },
                (None, Node::Db(id)) => stored.get(&id).copied().flatten().map(Node::Db),
                _ => None,
            };
        }
        settle(&rows, &mut valid, &node_of, &manager, &stored, &mut issues);

        // Creates in an order where every new manager comes before the people they manage.
        let mut order: Vec<usize> = Vec::new();
        let mut placed: HashSet<usize> = HashSet::new();
        for r in (0..rows.len()).filter(|&r| valid[r] && matches!(node_of[r], Node::Row(_))) {
            let mut chain = vec![r];
            while let Some(Node::Row(m)) = chain.last().and_then(|&c| manager[c]) {
                if placed.contains(&m) || chain.contains(&m) {
                    break;
                }
                chain.push(m);
            }
            for c in chain.into_iter().rev() {
                if placed.insert(c) {
                    order.push(c);
                }
            }
        }
        let create_index: HashMap<usize, usize> =
            order.iter().enumerate().map(|(k, r)| (*r, k)).collect();
        let draft = |r: usize| -> Draft {
            let row = &rows[r];
            let stored = match node_of[r] {
                Node::Db(id) => self.by_id.get(&id).copied(),
                Node::Row(_) => None,
            };
            Draft {
                line: row.line,
                full_name: row.full_name.clone(),
                email: row.email.clone(),
                department: row
                    .department
                    .or(stored.map(|p| p.department))
                    .unwrap_or(Department::Other),
                team: row
                    .team
                    .clone()
                    .or(stored.map(|p| p.team.clone()))
                    .unwrap_or_default(),
                site: match &sites[r] {
                    Some(site) => *site,
                    None => stored.and_then(|p| p.site_id).map(SiteRef::Existing),
                },
                manager: manager[r].map(|m| match m {
                    Node::Db(id) => ManagerRef::Existing(id),
                    Node::Row(t) => ManagerRef::New(create_index.get(&t).copied().unwrap_or(0)),
                }),
                active: row.active.or(stored.map(|p| p.active)).unwrap_or(true),
            }
        };
        let creates: Vec<Draft> = order.iter().map(|&r| draft(r)).collect();
        let mut updates = Vec::new();
        for r in (0..rows.len()).filter(|&r| valid[r]) {
            let preview = |action, changed| RowPreview {
                line: rows[r].line,
                full_name: rows[r].full_name.clone(),
                email: rows[r].email.clone(),
                action,
                changed,
            };
            match node_of[r] {
                Node::Row(_) => report.rows.push(preview(RowAction::Create, Vec::new())),
                Node::Db(id) => {
                    let d = draft(r);
                    let changed = self.changes(id, &d);
                    if changed.is_empty() {
                        report.rows.push(preview(RowAction::Unchanged, changed));
                    } else {
                        report.rows.push(preview(RowAction::Update, changed));
                        updates.push((id, d));
                    }
                }
            }
        }
        let missing = self.missing_active(table, &rows);
        let truncated = table.issues.iter().any(|i| i.code == "unclosed_quote");
        report.created = creates.len();
        report.updated = updates.len();
        report.unchanged = report
            .rows
            .iter()
            .filter(|r| r.action == RowAction::Unchanged)
            .count();
        report.missing_active = missing.len();
        report.invalid_rows += valid.iter().filter(|v| !**v).count();
        report.errors.extend(issues);
        report.errors.sort_by_key(|i| i.line);
        let deactivate = if self.options.deactivate_missing && !truncated {
            missing
        } else {
            Vec::new()
        };
        report.deactivated = deactivate.len();
        Plan {
            report,
            new_sites,
            creates,
            updates,
            deactivate,
            blocked: false,
        }
    }

    /// Which fields of stored person `id` the draft changes.
    fn changes(&self, id: Id, d: &Draft) -> Vec<ImportField> {
        let Some(p) = self.by_id.get(&id) else {
            return Vec::new();
        };
        let site = match d.site {
            Some(SiteRef::Existing(s)) => Some(s),
            Some(SiteRef::New(_)) => None,
            None => None,
        };
        let mut changed = Vec::new();
        let mut check = |differs: bool, field| {
            if differs {
                changed.push(field);
            }
        };
        check(p.full_name != d.full_name, ImportField::FullName);
        check(p.email != d.email, ImportField::Email);
        check(p.department != d.department, ImportField::Department);
        check(p.team != d.team, ImportField::Team);
        check(
            p.site_id != site || matches!(d.site, Some(SiteRef::New(_))),
            ImportField::Site,
        );
        check(
            match d.manager {
                Some(ManagerRef::Existing(m)) => p.manager_id != Some(m),
                Some(ManagerRef::New(_)) => true,
                None => p.manager_id.is_some(),
            },
            ImportField::Manager,
        );
        check(p.active != d.active, ImportField::Active);
        changed
    }

    /// Stored active people whose email is nowhere in the file.
    fn missing_active(&self, table: &Table, rows: &[Parsed]) -> Vec<Id> {
        let mut present: HashSet<String> = rows.iter().map(|r| r.email.to_lowercase()).collect();
        for issue_line in table.ragged.iter() {
            present.extend(issue_line.cells.iter().map(|c| c.trim().to_lowercase()));
        }
        self.snapshot
            .people
            .iter()
            .filter(|p| p.active && !present.contains(&p.email.to_lowercase()))
            .map(|p| p.id)
            .collect()
    }
}
