//! CSV exports. Every cell that a spreadsheet would run as a formula (starting with `= + - @`, a tab or a carriage
//! return) is prefixed with `'`, so opening an export in Excel never executes anything.

use crate::model::PersonRow;
use crate::FieldCode;

/// Refuses (`not_empty` on `field`) a folder that exists and holds anything: an export never mixes its files with
/// those of another run.
pub fn require_empty_dir(dir: &std::path::Path, field: &str) -> crate::error::Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(crate::error::Error::field(
            field,
            FieldCode::NotEmpty,
            format!(
                "{} is not empty: choose a new or empty folder",
                dir.display()
            ),
        ));
    }
    Ok(())
}

/// Makes a cell safe for spreadsheets.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The directory as CSV (header row first), without BOM; files for Excel add one. The manager is given by name (for
/// people) and by email (the key an import matches on), so importing an export changes nothing.
pub fn people_csv(rows: &[PersonRow], delimiter: u8) -> Result<String, csv::Error> {
    let email_of: std::collections::HashMap<crate::model::Id, &str> =
        rows.iter().map(|r| (r.id, r.email.as_str())).collect();
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    w.write_record([
        "id",
        "full_name",
        "email",
        "department",
        "team",
        "site",
        "manager",
        "manager_email",
        "active",
    ])?;
    for r in rows {
        let id = r.id.to_string();
        w.write_record([
            id.as_str(),
            &neutralise(&r.full_name),
            &neutralise(&r.email),
            r.department.as_str(),
            &neutralise(&r.team),
            &neutralise(r.site_name.as_deref().unwrap_or("")),
            &neutralise(r.manager_name.as_deref().unwrap_or("")),
            &neutralise(
                r.manager_id
                    .and_then(|m| email_of.get(&m).copied())
                    .unwrap_or(""),
            ),
            if r.active { "true" } else { "false" },
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Activities as CSV, one line each; participants as `email:role:status` joined by `|`.
pub fn activities_csv(
    records: &[crate::model::ActivityRecord],
    delimiter: u8,
) -> Result<String, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    w.write_record([
        "id",
        "kind",
        "title",
        "start",
        "end",
        "zone",
        "site",
        "status",
        "uid",
        "sequence",
        "participants",
    ])?;
    for r in records {
        let participants: Vec<String> = r
            .participants
            .iter()
            .map(|p| format!("{}:{}:{}", p.email, p.role, p.status))
            .collect();
        w.write_record([
            r.id.to_string().as_str(),
            r.kind.as_str(),
            &neutralise(&r.title),
            &r.start.to_rfc3339(),
            &r.end.to_rfc3339(),
            &r.zone,
            &neutralise(r.site.as_deref().unwrap_or("")),
            r.status.as_str(),
            &r.uid,
            &r.sequence.to_string(),
            &neutralise(&participants.join("|")),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Department;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(
                neutralise(bad).starts_with('\''),
                "{bad:?} would run as a formula when HR opens the file"
            );
        }
        assert_eq!(
            neutralise("Hélène"),
            "Hélène",
            "ordinary text must be left alone"
        );
    }

    #[test]
    fn csv_quotes_delimiters_and_keeps_accents() {
        let row = PersonRow {
            id: 1,
            full_name: "Dupré; Hélène".into(),
            email: "h@ex.fr".into(),
            department: Department::Marketing,
            team: "=cmd".into(),
            site_id: None,
            site_name: None,
            manager_id: None,
            manager_name: None,
            active: true,
            anonymised: false,
        };
        let csv = people_csv(&[row], b';').expect("csv");
        let line = csv.lines().nth(1).expect("data line");
        assert_eq!(
            line, "1;\"Dupré; Hélène\";h@ex.fr;marketing;'=cmd;;;;true",
            "a ; inside a name must be quoted"
        );
    }
}
