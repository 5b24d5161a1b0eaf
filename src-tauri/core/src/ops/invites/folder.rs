//! Writing an export's folder: the .ics files, `index.csv` (who must receive which file) and, on request, one
//! ready-to-send .eml per REQUEST or CANCEL.
//!
//! Invariants: nothing is written outside `dir`; file names are ASCII, built from ids, dates and slugs (never from raw
//! user text); `index.csv` is UTF-8 with a BOM and `;` for French Excel, every text cell neutralised against formulas.

use super::build::Labels;
use super::plan::{File, Plan};
use crate::error::{Error, Result};
use crate::export::neutralise;
use crate::ical::imip::{self, Message};
use crate::ical::{Address, Method};
use chrono::{DateTime, Utc};
use std::path::Path;

/// Name of the index file in the folder.
pub const INDEX: &str = "index.csv";

fn csv_error(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

fn put(dir: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)?;
    Ok(())
}

/// The index: one row per (file, recipient).
pub(super) fn index_csv(plan: &Plan) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record([
        "file",
        "method",
        "recipient_name",
        "recipient_email",
        "activity_id",
        "kind",
        "title",
        "when",
        "sequence",
        "uid",
    ])
    .map_err(csv_error)?;
    for f in &plan.files {
        let activity = f.activity_id.map(|id| id.to_string()).unwrap_or_default();
        let sequence = f.sequence.to_string();
        for r in &f.recipients {
            w.write_record([
                f.path.as_str(),
                f.method.as_str(),
                &neutralise(&r.name),
                &neutralise(&r.email),
                &activity,
                f.kind,
                &neutralise(&f.title),
                &neutralise(&f.when),
                &sequence,
                &neutralise(&f.uid),
            ])
            .map_err(csv_error)?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv_error(e.into_error().into()))?;
    let mut out = String::from('\u{feff}');
    out.push_str(&String::from_utf8_lossy(&bytes));
    Ok(out)
}

/// The subject and plain-text body of the message carrying file `f`, in the organisation's language.
pub(super) fn subject_and_body(
    f: &File,
    labels: &Labels,
    organizer: Address<'_>,
) -> (String, String) {
    let cancel = f.method == Method::Cancel;
    let subject = format!(
        "{}{} – {}",
        if cancel {
            labels.subject.1
        } else {
            labels.subject.0
        },
        f.title,
        f.when
    );
    let body = if cancel { labels.body.1 } else { labels.body.0 }
        .replace("{title}", &f.title)
        .replace("{when}", &f.when)
        .replace("{organizer}", organizer.name);
    (subject, body)
}

/// Writes the folder; returns the number of .eml messages written.
pub(super) fn write(
    dir: &Path,
    plan: &Plan,
    organizer: Address<'_>,
    labels: &Labels,
    eml: bool,
    now: DateTime<Utc>,
) -> Result<usize> {
    std::fs::create_dir_all(dir)?;
    for f in &plan.files {
        put(dir, &f.path, f.ics.as_bytes())?;
    }
    put(dir, INDEX, index_csv(plan)?.as_bytes())?;
    let mut emails = 0;
    if eml {
        for f in plan
            .files
            .iter()
            .filter(|f| f.method != Method::Publish && !f.recipients.is_empty())
        {
            let (subject, body) = subject_and_body(f, labels, organizer);
            let stem = f
                .path
                .trim_start_matches("invites/")
                .trim_end_matches(".ics");
            let id = format!("{stem}.{}.{}", f.sequence, now.timestamp());
            let text = imip::message(&Message {
                from: organizer,
                to: f
                    .recipients
                    .iter()
                    .map(|r| Address {
                        name: &r.name,
                        email: &r.email,
                    })
                    .collect(),
                subject: &subject,
                body: &body,
                method: f.method,
                ics: &f.ics,
                date: now,
                id: &id,
                draft: true,
            });
            put(dir, &format!("eml/{stem}.eml"), text.as_bytes())?;
            emails += 1;
        }
    }
    Ok(emails)
}
