//! Reports as CSV for French Excel: UTF-8 with a BOM, `;` between cells, every text cell neutralised
//! ([`crate::export::neutralise`]) so that no team or email name runs as a formula.

use super::coverage::Coverage;
use super::participation::ParticipationRow;
use crate::export::neutralise;

const BOM: &str = "\u{feff}";

fn finish(w: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(format!("{BOM}{}", String::from_utf8_lossy(&bytes)))
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new())
}

/// The participation summary, one line per group, with the JSON field names as header.
pub fn participation_csv(rows: &[ParticipationRow]) -> Result<String, csv::Error> {
    let mut w = writer();
    w.write_record([
        "group",
        "activePeople",
        "participants",
        "participationRate",
        "shadowingVisitor",
        "shadowingHost",
        "trainingsAttended",
        "trainingNoShows",
        "briefsAttended",
        "colocationDays",
    ])?;
    for r in rows {
        let rate = r
            .participation_rate
            .map(|x| format!("{x:.4}"))
            .unwrap_or_default();
        w.write_record([
            neutralise(&r.group).as_ref(),
            &r.active_people.to_string(),
            &r.participants.to_string(),
            &rate,
            &r.shadowing_visitor.to_string(),
            &r.shadowing_host.to_string(),
            &r.trainings_attended.to_string(),
            &r.training_no_shows.to_string(),
            &r.briefs_attended.to_string(),
            &r.colocation_days.to_string(),
        ])?;
    }
    finish(w)
}

/// The coverage matrix's non-empty cells, one line each (`row;department;team;days;last`).
pub fn coverage_csv(coverage: &Coverage) -> Result<String, csv::Error> {
    let mut w = writer();
    w.write_record(["row", "department", "team", "days", "last"])?;
    for c in &coverage.cells {
        w.write_record([
            neutralise(&c.row).as_ref(),
            c.department.as_str(),
            &neutralise(&c.team),
            &c.days.to_string(),
            &c.last.to_string(),
        ])?;
    }
    finish(w)
}
