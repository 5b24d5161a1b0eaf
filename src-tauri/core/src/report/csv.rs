//! Reports as CSV for French Excel: UTF-8 with a BOM, `;` between cells, every text cell neutralised
//! ([`crate::export::neutralise`]) so that no team or email name runs as a formula.

use super::coverage::Coverage;
use super::participation::ParticipationRow;
use super::trends::TrendPoint;
use crate::export::neutralise;
use crate::FieldCode;
use std::collections::BTreeMap;

const BOM: &str = "\u{feff}";

/// The text of a finished CSV, BOM first.
pub(crate) fn finish(w: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(format!("{BOM}{}", String::from_utf8_lossy(&bytes)))
}

/// A rate with four decimals; empty when there is none.
pub(crate) fn rate(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.4}")).unwrap_or_default()
}

/// A `;`-separated CSV writer into memory.
pub(crate) fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new())
}

/// The columns of [`participation_csv`], named as the JSON fields of `unisson report participation`.
pub const PARTICIPATION_HEADER: [&str; 10] = [
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
];

/// The columns of [`trends_csv`], named as the JSON fields of [`TrendPoint`].
pub const TRENDS_HEADER: [&str; 13] = [
    "label",
    "from",
    "to",
    "activePeople",
    "participants",
    "participationRate",
    "exchanges",
    "shadowingVisitor",
    "shadowingHost",
    "trainingsAttended",
    "trainingNoShows",
    "briefsAttended",
    "colocationDays",
];

/// The participation summary, one line per group, with the JSON field names as header (the CLI's, stable for
/// scripts).
pub fn participation_csv(rows: &[ParticipationRow]) -> Result<String, csv::Error> {
    write_participation(rows, &PARTICIPATION_HEADER)
}

/// The participation summary with the header the caller gives: `labels` names every column of
/// [`PARTICIPATION_HEADER`] by its field name (`group` → "Groupe", ...). The app passes its labels in the user's
/// language, so a CSV opened in Excel reads like the screen; keyed by field, a label cannot land on the wrong column.
/// Refuses a missing label or an unknown column.
pub fn participation_csv_labelled(
    rows: &[ParticipationRow],
    labels: &BTreeMap<String, String>,
) -> crate::Result<String> {
    if let Some(unknown) = labels
        .keys()
        .find(|k| !PARTICIPATION_HEADER.contains(&k.as_str()))
    {
        return Err(crate::Error::field(
            "header",
            FieldCode::UnknownColumn,
            format!("the CSV has no column {unknown:?}"),
        ));
    }
    let header = PARTICIPATION_HEADER
        .iter()
        .map(|field| {
            labels.get(*field).ok_or_else(|| {
                crate::Error::field(
                    "header",
                    FieldCode::MissingLabel,
                    format!("the CSV header needs a label for {field:?}"),
                )
            })
        })
        .collect::<crate::Result<Vec<_>>>()?;
    write_participation(rows, &header).map_err(|e| crate::Error::Io(std::io::Error::other(e)))
}

fn write_participation<S: AsRef<str>>(
    rows: &[ParticipationRow],
    header: &[S],
) -> Result<String, csv::Error> {
    let mut w = writer();
    w.write_record(header.iter().map(|h| neutralise(h.as_ref()).into_owned()))?;
    for r in rows {
        w.write_record([
            neutralise(&r.group).as_ref(),
            &r.active_people.to_string(),
            &r.participants.to_string(),
            &rate(r.participation_rate),
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

/// A trend, one line per month or week, with the JSON field names as header.
pub fn trends_csv(points: &[TrendPoint]) -> Result<String, csv::Error> {
    let mut w = writer();
    w.write_record(TRENDS_HEADER)?;
    for p in points {
        let n = |x: i64| x.to_string();
        w.write_record([
            p.label.clone(),
            p.from.to_string(),
            p.to.to_string(),
            n(p.active_people),
            n(p.participants),
            rate(p.participation_rate),
            n(p.exchanges),
            n(p.shadowing_visitor),
            n(p.shadowing_host),
            n(p.trainings_attended),
            n(p.training_no_shows),
            n(p.briefs_attended),
            n(p.colocation_days),
        ])?;
    }
    finish(w)
}
