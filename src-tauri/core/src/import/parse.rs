//! One record's cells turned into a person's fields, with every problem of the record found at once.
//!
//! Invariants:
//! - a column that is not mapped gives `None` (the stored value is kept on update), while a mapped but empty cell is
//!   a value (no team, no site, no manager), except for the name, email and department, which are required;
//! - the name and email go through [`PersonInput::validated`], the same rules as the form;
//! - an empty "active" cell means active: HR files list the current staff.

use super::departments::DepartmentMap;
use super::header::{ColumnMapping, ImportField};
use super::report::ImportIssue;
use super::rows::Record;
use crate::model::{Department, PersonInput};

/// Where each field is read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Columns {
    full_name: Option<usize>,
    first_name: Option<usize>,
    last_name: Option<usize>,
    email: Option<usize>,
    department: Option<usize>,
    team: Option<usize>,
    site: Option<usize>,
    manager: Option<usize>,
    active: Option<usize>,
}

impl Columns {
    /// The columns of a mapping, or the file-level problems that make it unusable (reported at `header_line`).
    pub fn from_mapping(
        mapping: &[ColumnMapping],
        header_line: u64,
    ) -> Result<Columns, Vec<ImportIssue>> {
        let mut cols = Columns::default();
        let mut issues = Vec::new();
        for m in mapping {
            let Some(field) = m.field else { continue };
            let slot = match field {
                ImportField::FullName => &mut cols.full_name,
                ImportField::FirstName => &mut cols.first_name,
                ImportField::LastName => &mut cols.last_name,
                ImportField::Email => &mut cols.email,
                ImportField::Department => &mut cols.department,
                ImportField::Team => &mut cols.team,
                ImportField::Site => &mut cols.site,
                ImportField::Manager => &mut cols.manager,
                ImportField::Active => &mut cols.active,
            };
            if slot.is_some() {
                issues.push(ImportIssue::new(
                    header_line,
                    Some(field),
                    "duplicate_mapping",
                    &m.header,
                    format!("two columns feed {field:?}; choose one"),
                ));
            } else {
                *slot = Some(m.index as usize);
            }
        }
        if cols.email.is_none() {
            issues.push(ImportIssue::new(
                header_line,
                Some(ImportField::Email),
                "missing_column",
                "",
                "no column holds the email, which identifies each person",
            ));
        }
        if cols.full_name.is_none() && cols.first_name.is_none() && cols.last_name.is_none() {
            issues.push(ImportIssue::new(
                header_line,
                Some(ImportField::FullName),
                "missing_column",
                "",
                "no column holds the name (Nom complet, or Nom and Prénom)",
            ));
        }
        if issues.is_empty() {
            Ok(cols)
        } else {
            Err(issues)
        }
    }
}

/// A record's fields; `None` = the column is not in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Physical line of the record.
    pub line: u64,
    /// Cleaned full name.
    pub full_name: String,
    /// Cleaned email.
    pub email: String,
    /// Department.
    pub department: Option<Department>,
    /// Team (empty = none).
    pub team: Option<String>,
    /// Site name (empty = none).
    pub site: Option<String>,
    /// Manager email or name (empty = none).
    pub manager: Option<String>,
    /// Active flag.
    pub active: Option<bool>,
}

fn cell(record: &Record, col: Option<usize>) -> Option<&str> {
    col.map(|i| record.cells.get(i).map_or("", |c| c.trim()))
}

/// Reads `oui/non`, `yes/no`, `true/false`, `1/0`, `actif/inactif`, `x`; empty is active.
pub fn parse_active(value: &str) -> Option<bool> {
    match super::header::fold(value).as_str() {
        "" | "oui" | "o" | "yes" | "y" | "true" | "vrai" | "1" | "x" | "actif" | "active"
        | "en poste" => Some(true),
        "non" | "n" | "no" | "false" | "faux" | "0" | "inactif" | "inactive" | "parti"
        | "sorti" => Some(false),
        _ => None,
    }
}

/// Parses one record; the issues are empty when the record is valid on its own.
pub fn parse(
    record: &Record,
    cols: &Columns,
    departments: &DepartmentMap,
) -> (Parsed, Vec<ImportIssue>) {
    let line = record.line;
    let mut issues = Vec::new();
    let raw_name = match cols.full_name {
        Some(_) => cell(record, cols.full_name).unwrap_or("").to_owned(),
        None => [cell(record, cols.first_name), cell(record, cols.last_name)]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    };
    let raw_email = cell(record, cols.email).unwrap_or("");
    let department = cell(record, cols.department).and_then(|value| {
        if value.is_empty() {
            issues.push(ImportIssue::new(
                line,
                Some(ImportField::Department),
                "required",
                value,
                "the department is empty",
            ));
            return None;
        }
        let found = departments.resolve(value);
        if found.is_none() {
            issues.push(ImportIssue::new(
                line,
                Some(ImportField::Department),
                "unknown_department",
                value,
                format!("{value:?} is not in the department table (Settings)"),
            ));
        }
        found
    });
    let active = cell(record, cols.active).and_then(|value| {
        let found = parse_active(value);
        if found.is_none() {
            issues.push(ImportIssue::new(
                line,
                Some(ImportField::Active),
                "invalid_active",
                value,
                format!("{value:?} is neither yes nor no"),
            ));
        }
        found
    });
    let team = cell(record, cols.team).unwrap_or("");
    let input = PersonInput {
        full_name: raw_name.clone(),
        email: raw_email.to_owned(),
        department: department.unwrap_or(Department::Other),
        team: team.to_owned(),
        site_id: None,
        manager_id: None,
        active: true,
    };
    let clean = match input.validated() {
        Ok(clean) => clean,
        Err(e) => {
            for f in e.fields() {
                let (field, value) = match f.field.as_str() {
                    "email" => (ImportField::Email, raw_email),
                    "team" => (ImportField::Team, team),
                    _ => (
                        if cols.full_name.is_some() {
                            ImportField::FullName
                        } else {
                            ImportField::LastName
                        },
                        raw_name.as_str(),
                    ),
                };
                issues.push(ImportIssue::new(
                    line,
                    Some(field),
                    f.code.as_str(),
                    value,
                    f.message.clone(),
                ));
            }
            input
        }
    };
    let parsed = Parsed {
        line,
        full_name: clean.full_name,
        email: clean.email,
        department,
        team: cols.team.map(|_| clean.team),
        site: cell(record, cols.site).map(str::to_owned),
        manager: cell(record, cols.manager).map(str::to_owned),
        active,
    };
    (parsed, issues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::departments::default_aliases;
    use crate::import::header::guess;

    fn columns(headers: &[&str]) -> Columns {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        Columns::from_mapping(&guess(&headers), 1).expect("usable mapping")
    }

    fn record(cells: &[&str]) -> Record {
        Record {
            line: 7,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn first_and_last_names_join_and_every_bad_cell_is_reported() {
        let cols = columns(&["Nom", "Prénom", "Email", "Service", "Actif"]);
        let map = DepartmentMap::new(&default_aliases());
        let (p, issues) = parse(
            &record(&["Dupré", " Hélène ", "h@ex.fr", "Mktg", "oui"]),
            &cols,
            &map,
        );
        assert!(issues.is_empty(), "a clean record has no issue: {issues:?}");
        assert_eq!(
            p.full_name, "Hélène Dupré",
            "first name then last name, trimmed"
        );
        assert_eq!(
            p.department,
            Some(Department::Marketing),
            "Mktg is marketing through the alias table"
        );
        assert_eq!(p.team, None, "no team column: the stored team is kept");
        let (_, issues) = parse(
            &record(&["", "", "h@", "Logistique", "peut-être"]),
            &cols,
            &map,
        );
        let codes: Vec<(Option<ImportField>, &str)> =
            issues.iter().map(|i| (i.field, i.code.as_str())).collect();
        assert_eq!(
            codes,
            vec![
                (Some(ImportField::Department), "unknown_department"),
                (Some(ImportField::Active), "invalid_active"),
                (Some(ImportField::LastName), "required"),
                (Some(ImportField::Email), "invalid_email"),
            ],
            "the user fixes a line once, so all its problems are listed together"
        );
    }

    #[test]
    fn a_file_without_email_or_name_is_refused_at_the_header() {
        let headers: Vec<String> = ["Service", "Site"].iter().map(|h| h.to_string()).collect();
        let issues = Columns::from_mapping(&guess(&headers), 2).expect_err("no key, no name");
        let codes: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(
            codes,
            vec!["missing_column", "missing_column"],
            "both missing columns are named"
        );
        assert!(
            issues.iter().all(|i| i.line == 2),
            "header problems point at the header line"
        );
    }
}
