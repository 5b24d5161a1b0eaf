//! Debriefs: after a shadowing day or a training, each participant rates it (1–5), says what they learned, which
//! customer needs they heard, and gives feedback on an offer, tagged (e.g. "éco-énergie"). This is the
//! field-to-marketing feedback loop.
//!
//! Invariants:
//! - one debrief per (activity, person);
//! - only a shadowing day's visitor and host and a training's attendees and trainer debrief ([`debriefs_role`]);
//! - texts are trimmed, keep their line breaks, lose other control characters, and are at most
//!   [`MAX_DEBRIEF_TEXT_CHARS`] long; a tag is one line of at most [`MAX_OFFER_TAG_CHARS`];
//! - offer tags are compared folded (case and accents ignored, see [`super::fold`]): a new tag that folds like a
//!   known one is stored with the known spelling, so "Eco-énergie" and "éco-énergie" never split the feedback.

use super::{fold, ActivityKind, Department, Id, Role};
use crate::error::FieldError;
use crate::FieldCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest text of a debrief field, in characters (about a page).
pub const MAX_DEBRIEF_TEXT_CHARS: usize = 2000;

/// Longest offer tag, in characters.
pub const MAX_OFFER_TAG_CHARS: usize = 60;

/// Whether a person of `role` in an activity of `kind` debriefs it: a shadowing day's visitor and host, a training's
/// attendees and its trainer (who hears both sides' questions). Briefs, co-location days and organizers do not.
pub fn debriefs_role(kind: ActivityKind, role: Role) -> bool {
    matches!(
        (kind, role),
        (ActivityKind::Shadowing, Role::Visitor | Role::Host)
            | (ActivityKind::Training, Role::Attendee | Role::Trainer)
    )
}

/// A debrief as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DebriefInput {
    /// The shadowing day or training.
    pub activity_id: Id,
    /// Who debriefs.
    pub person_id: Id,
    /// 1 (poor) to 5 (excellent).
    pub rating: i32,
    /// What I learned.
    pub learned: String,
    /// Customer needs heard.
    pub customer_needs: String,
    /// Feedback on offers.
    pub offer_feedback: String,
    /// The offer the feedback is about; empty for none.
    pub offer_tag: String,
}

/// A stored debrief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Debrief {
    /// Database id.
    pub id: Id,
    /// The activity.
    pub activity_id: Id,
    /// The person.
    pub person_id: Id,
    /// 1 to 5.
    pub rating: i32,
    /// What I learned.
    pub learned: String,
    /// Customer needs heard.
    pub customer_needs: String,
    /// Feedback on offers.
    pub offer_feedback: String,
    /// Offer tag; empty for none.
    pub offer_tag: String,
    /// First saved.
    pub created_at: DateTime<Utc>,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
}

/// A debrief with its activity and person, as lists and insights show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DebriefRecord {
    /// The debrief.
    pub debrief: Debrief,
    /// The activity's kind.
    pub kind: ActivityKind,
    /// The activity's title.
    pub activity_title: String,
    /// The activity's start.
    pub start: DateTime<Utc>,
    /// The local day it started on, in its own zone.
    pub day: NaiveDate,
    /// The person's name.
    pub person_name: String,
    /// The person's team.
    pub team: String,
    /// The person's department.
    pub department: Department,
    /// The person's role in the activity (`None` if they are no longer on it).
    pub role: Option<Role>,
}

/// A participation that took place and still waits for its debrief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PendingDebrief {
    /// The activity.
    pub activity_id: Id,
    /// Its kind.
    pub kind: ActivityKind,
    /// Its title.
    pub activity_title: String,
    /// Its start.
    pub start: DateTime<Utc>,
    /// The local day it started on.
    pub day: NaiveDate,
    /// Who should debrief.
    pub person_id: Id,
    /// Their name.
    pub person_name: String,
    /// Their email.
    pub email: String,
    /// Their team.
    pub team: String,
    /// Their department.
    pub department: Department,
    /// Their role.
    pub role: Role,
}

impl DebriefInput {
    /// Checks the rating, the texts and the tag; every bad field gives one error. Returns the input cleaned: texts
    /// trimmed (see [`clean_text`]), the tag on one line with single spaces (not yet matched to known tags).
    pub fn validate(&self) -> Result<DebriefInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        if !(1..=5).contains(&self.rating) {
            errors.push(FieldError::new(
                "rating",
                FieldCode::OutOfRange,
                "the rating is 1 to 5",
            ));
        }
        let mut text = |field: &str, value: &str| {
            let clean = clean_text(value);
            if clean.chars().count() > MAX_DEBRIEF_TEXT_CHARS {
                errors.push(FieldError::new(
                    field,
                    FieldCode::TooLong,
                    format!("at most {MAX_DEBRIEF_TEXT_CHARS} characters"),
                ));
            }
            clean
        };
        let learned = text("learned", &self.learned);
        let customer_needs = text("customerNeeds", &self.customer_needs);
        let offer_feedback = text("offerFeedback", &self.offer_feedback);
        let offer_tag = self
            .offer_tag
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if offer_tag.chars().count() > MAX_OFFER_TAG_CHARS {
            errors.push(FieldError::new(
                "offerTag",
                FieldCode::TooLong,
                format!("at most {MAX_OFFER_TAG_CHARS} characters"),
            ));
        } else if !offer_tag.is_empty() && fold(&offer_tag).is_empty() {
            errors.push(FieldError::new(
                "offerTag",
                FieldCode::Invalid,
                "an offer tag needs at least one letter or digit",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(DebriefInput {
            activity_id: self.activity_id,
            person_id: self.person_id,
            rating: self.rating,
            learned,
            customer_needs,
            offer_feedback,
            offer_tag,
        })
    }
}

/// Trims a multi-line text: line breaks kept (`\r\n` made `\n`), other control characters dropped, trailing spaces
/// of each line removed.
pub fn clean_text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .split('\n')
        .map(|line| {
            line.chars()
                .filter(|c| !c.is_control() || *c == '\t')
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// The spelling to store for `tag`: the known tag that folds the same way (the first of `known`, which the caller
/// orders by preference, e.g. most used first), else `tag` itself.
pub fn canonical_tag<'a>(tag: &'a str, known: &'a [String]) -> &'a str {
    if tag.is_empty() {
        return tag;
    }
    let key = fold(tag);
    known
        .iter()
        .find(|k| fold(k) == key)
        .map_or(tag, String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> DebriefInput {
        DebriefInput {
            activity_id: 1,
            person_id: 2,
            rating: 4,
            learned: "  Les clients comparent.\r\nBeaucoup.  ".into(),
            customer_needs: String::new(),
            offer_feedback: String::new(),
            offer_tag: "  Box   Fibre\tPro ".into(),
        }
    }

    #[test]
    fn a_good_debrief_is_cleaned() {
        let clean = input().validate().expect("valid");
        assert_eq!(
            clean.learned, "Les clients comparent.\nBeaucoup.",
            "texts are trimmed and keep their line breaks (Windows ones normalised)"
        );
        assert_eq!(
            clean.offer_tag, "Box Fibre Pro",
            "a tag is one line with single spaces, so stray spaces do not make a new tag"
        );
    }

    #[test]
    fn rating_must_be_one_to_five() {
        for rating in [0, 6, -1] {
            let err = DebriefInput { rating, ..input() }
                .validate()
                .expect_err("out of range");
            assert_eq!(
                (err[0].field.as_str(), err[0].code.as_str()),
                ("rating", "out_of_range"),
                "rating {rating} must be refused on the rating field"
            );
        }
        for rating in 1..=5 {
            assert!(
                DebriefInput { rating, ..input() }.validate().is_ok(),
                "rating {rating} is on the scale"
            );
        }
    }

    #[test]
    fn long_texts_and_tags_name_their_field() {
        let long = "é".repeat(MAX_DEBRIEF_TEXT_CHARS + 1);
        let err = DebriefInput {
            learned: "é".repeat(MAX_DEBRIEF_TEXT_CHARS),
            customer_needs: long.clone(),
            offer_feedback: long,
            offer_tag: "x".repeat(MAX_OFFER_TAG_CHARS + 1),
            ..input()
        }
        .validate()
        .expect_err("too long");
        let fields: Vec<(&str, &str)> = err
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("customerNeeds", "too_long"),
                ("offerFeedback", "too_long"),
                ("offerTag", "too_long")
            ],
            "limits count characters, not bytes (the exact limit passes), and each bad field is named"
        );
        let err = DebriefInput {
            offer_tag: " -- ".into(),
            ..input()
        }
        .validate()
        .expect_err("no letters");
        assert_eq!(
            err[0].code, "invalid",
            "a tag of punctuation only would fold to nothing and group with nothing"
        );
    }

    #[test]
    fn tags_match_known_ones_ignoring_case_and_accents() {
        let known = vec!["éco-énergie".to_owned(), "Box Fibre Pro".to_owned()];
        assert_eq!(
            canonical_tag("Eco-Energie", &known),
            "éco-énergie",
            "a variant spelling must reuse the known tag"
        );
        assert_eq!(
            canonical_tag("box fibre PRO", &known),
            "Box Fibre Pro",
            "case alone must not split a tag"
        );
        assert_eq!(
            canonical_tag("Offre Jeunes", &known),
            "Offre Jeunes",
            "an unknown tag is kept as typed"
        );
        assert_eq!(canonical_tag("", &known), "", "no tag stays no tag");
    }

    #[test]
    fn only_participants_who_were_there_for_the_content_debrief() {
        use ActivityKind as K;
        assert!(
            debriefs_role(K::Shadowing, Role::Visitor) && debriefs_role(K::Shadowing, Role::Host)
        );
        assert!(
            debriefs_role(K::Training, Role::Attendee) && debriefs_role(K::Training, Role::Trainer)
        );
        assert!(
            !debriefs_role(K::Shadowing, Role::Organizer)
                && !debriefs_role(K::Training, Role::Organizer),
            "organizers were not there"
        );
        assert!(
            !debriefs_role(K::Brief, Role::Attendee)
                && !debriefs_role(K::Colocation, Role::Attendee),
            "briefs and co-location days have no debrief"
        );
    }
}
