//! People of the organisation. The email is the person's key for imports and invites: unique, compared
//! case-insensitively. People are never deleted, only deactivated, so participation history keeps its names.

use super::text_enum::text_enum;
use super::{check_text, Id, MAX_NAME_CHARS};
use crate::error::{Error, FieldError, Result};
use crate::FieldCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// Which side of the house a person works in.
    Department {
        /// Marketing.
        Marketing => "marketing",
        /// Field sales.
        Sales => "sales",
        /// The customer-relations centre.
        Crc => "crc",
        /// Anyone else (HR, finance, ...).
        Other => "other",
    }
}

/// A stored person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Person {
    /// Database id.
    #[ts(type = "number")]
    pub id: Id,
    /// Full display name, e.g. "Hélène Dupré".
    pub full_name: String,
    /// Work email, unique case-insensitively.
    pub email: String,
    /// Department.
    pub department: Department,
    /// Team name, e.g. "Ventes Sud-Ouest"; empty when none.
    pub team: String,
    /// Home site.
    #[ts(type = "number | null")]
    pub site_id: Option<Id>,
    /// Line manager.
    #[ts(type = "number | null")]
    pub manager_id: Option<Id>,
    /// Inactive people stay in history but are not planned.
    pub active: bool,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When the record last changed.
    pub updated_at: DateTime<Utc>,
    /// When their identity was replaced by a pseudonym (retention or erasure); such a person can no longer be edited.
    pub anonymised_at: Option<DateTime<Utc>>,
}

/// A person as a form or an import gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonInput {
    /// Full name.
    pub full_name: String,
    /// Work email.
    pub email: String,
    /// Department.
    pub department: Department,
    /// Team name; may be empty.
    pub team: String,
    /// Home site.
    #[ts(type = "number | null")]
    pub site_id: Option<Id>,
    /// Line manager.
    #[ts(type = "number | null")]
    pub manager_id: Option<Id>,
    /// Active flag.
    pub active: bool,
}

/// A person joined with their site's and manager's names, for lists and exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonRow {
    /// Database id.
    #[ts(type = "number")]
    pub id: Id,
    /// Full name.
    pub full_name: String,
    /// Work email.
    pub email: String,
    /// Department.
    pub department: Department,
    /// Team name.
    pub team: String,
    /// Home site id.
    #[ts(type = "number | null")]
    pub site_id: Option<Id>,
    /// Home site name.
    pub site_name: Option<String>,
    /// Manager id.
    #[ts(type = "number | null")]
    pub manager_id: Option<Id>,
    /// Manager's full name.
    pub manager_name: Option<String>,
    /// Active flag.
    pub active: bool,
    /// Whether their identity was replaced by a pseudonym (see `ops::privacy`).
    pub anonymised: bool,
}

/// Longest accepted email (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// A pragmatic email check: one `@`, a non-empty local part, a dotted domain, no spaces or brackets. It accepts every
/// address a company directory holds and rejects typos such as a missing `@` or domain.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\"@\\".contains(c);
    !local.is_empty()
        && local.len() <= 64
        && !local.chars().any(bad_char)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && domain.contains('.')
        && !domain.chars().any(bad_char)
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

impl PersonInput {
    /// Trims and checks the fields that need no lookup; returns the cleaned copy or all field errors.
    pub fn validated(&self) -> Result<PersonInput> {
        let mut errors: Vec<FieldError> = Vec::new();
        let full_name = check_text(
            &mut errors,
            "fullName",
            &self.full_name,
            true,
            MAX_NAME_CHARS,
        );
        let email = check_text(&mut errors, "email", &self.email, true, MAX_EMAIL_CHARS);
        if !email.is_empty()
            && !errors.iter().any(|e| e.field == "email")
            && !is_valid_email(&email)
        {
            errors.push(FieldError::new(
                "email",
                FieldCode::InvalidEmail,
                format!("{email:?} is not a valid email address"),
            ));
        }
        let team = check_text(&mut errors, "team", &self.team, false, MAX_NAME_CHARS);
        if errors.is_empty() {
            Ok(PersonInput {
                full_name,
                email,
                department: self.department,
                team,
                site_id: self.site_id,
                manager_id: self.manager_id,
                active: self.active,
            })
        } else {
            Err(Error::Validation(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_accepted_and_rejected() {
        for ok in [
            "a@b.fr",
            "helene.dupre@exemple.fr",
            "x+tag@sub.example.com",
            "O'Brien@ex.ie",
        ] {
            assert!(
                is_valid_email(ok),
                "{ok} is a real-world address and must be accepted"
            );
        }
        for bad in [
            "", "a", "a@", "@b.fr", "a@b", "a b@c.fr", "a@@b.fr", "a@b..fr", ".a@b.fr", "a@-b.fr",
            "a;b@c.fr",
        ] {
            assert!(
                !is_valid_email(bad),
                "{bad:?} is a typo and must be rejected before it reaches invites"
            );
        }
    }

    #[test]
    fn validation_reports_every_bad_field_at_once() {
        let input = PersonInput {
            full_name: "   ".into(),
            email: "not-an-email".into(),
            department: Department::Sales,
            team: "x".repeat(300),
            site_id: None,
            manager_id: None,
            active: true,
        };
        let err = input
            .validated()
            .expect_err("blank name and bad email must be refused");
        let codes: Vec<(&str, &str)> = err
            .fields()
            .iter()
            .map(|f| (f.field.as_str(), f.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("fullName", "required"),
                ("email", "invalid_email"),
                ("team", "too_long")
            ],
            "a form shows all its errors together, so validation must not stop at the first"
        );
    }

    #[test]
    fn validation_trims_and_strips_control_characters() {
        let input = PersonInput {
            full_name: "  Hélène\u{7} Dupré ".into(),
            email: " helene@exemple.fr ".into(),
            department: Department::Marketing,
            team: "".into(),
            site_id: None,
            manager_id: None,
            active: true,
        };
        let clean = input.validated().expect("valid input");
        assert_eq!(
            clean.full_name, "Hélène Dupré",
            "stray spaces and control characters must not reach invites"
        );
        assert_eq!(
            clean.email, "helene@exemple.fr",
            "emails are keys: surrounding spaces would break matching"
        );
    }
}
