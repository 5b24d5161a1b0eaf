//! Value types of the domain and their validation. Nothing here touches the database or the clock: validation is a
//! pure function of the input (plus lookups passed in), so the same rules hold for the UI, the CLI and imports.

mod absence;
mod activity;
mod audit;
mod debrief;
mod objective;
mod person;
mod planning;
mod series;
mod settings;
mod site;
mod text_enum;

pub use absence::{Absence, AbsenceSource};
pub use activity::{Activity, ActivityKind, ActivityStatus, HalfDay};
pub use audit::AuditEntry;
pub use debrief::{
    canonical_tag, clean_text, debriefs_role, Debrief, DebriefInput, DebriefRecord, PendingDebrief,
    MAX_DEBRIEF_TEXT_CHARS, MAX_OFFER_TAG_CHARS,
};
pub use objective::{Cadence, Objective, ObjectiveInput, ObjectiveMetric, MAX_COUNT_TARGET};
pub use person::{is_valid_email, Department, Person, PersonInput, PersonRow};
pub use planning::{ActivityInput, ActivityRecord, ParticipantInput, ParticipantRecord};
pub use series::{Series, SeriesInput};
pub use settings::{
    Language, PlanningRules, Retention, Settings, DEFAULT_RETENTION_MONTHS, MAX_RETENTION_MONTHS,
};
pub use site::{DayOccupancy, Site, SiteInput, SiteRow};
pub(crate) use text_enum::text_enum;

pub use activity::{Participation, ParticipationStatus, Role};

use crate::error::FieldError;
use crate::FieldCode;

/// Database id of any entity.
pub type Id = i64;

/// Longest accepted free-text name (people, sites, teams), in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Pushes `required` / `too_long` errors for a trimmed text field; returns the trimmed value without control
/// characters.
pub fn check_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    required: bool,
    max_chars: usize,
) -> String {
    let trimmed: String = value.trim().chars().filter(|c| !c.is_control()).collect();
    if required && trimmed.is_empty() {
        errors.push(FieldError::new(
            field,
            FieldCode::Required,
            "this field is required",
        ));
    } else if trimmed.chars().count() > max_chars {
        errors.push(FieldError::new(
            field,
            FieldCode::TooLong,
            format!("at most {max_chars} characters"),
        ));
    }
    trimmed
}

/// Whether `tz` is an IANA time zone name known to chrono-tz.
pub fn is_valid_timezone(tz: &str) -> bool {
    tz.parse::<chrono_tz::Tz>().is_ok()
}

/// All IANA zone names, sorted, for pickers.
pub fn timezone_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    names.sort_unstable();
    names
}

/// Folds text for matching: lower case, accents removed, ligatures expanded, every run of non-alphanumerics made
/// one space, trimmed. "  Hélène  DUPRÉ-Œil " becomes "helene dupre oeil".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'æ' => "ae",
            'œ' => "oe",
            'ß' => "ss",
            c if c.is_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                continue;
            }
            _ => {
                pending_space = true;
                continue;
            }
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push_str(folded);
    }
    out
}
