//! Which column holds what: French and English header names, matched without regard to case, accents, spaces or
//! punctuation ("E-mail", "email", "Courriel" and "COURRIEL " are all the email).
//!
//! Invariants:
//! - each field is taken by at most one column: when several columns could be the same field, the one whose name is
//!   the more specific alias wins (a "manager_email" column beats a "manager" name column), then the leftmost;
//! - a header nobody recognises is ignored, never guessed;
//! - a mapping given by the user replaces the guess entirely, column by column.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A person's attribute that a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportField {
    /// "Prénom Nom" in one cell.
    FullName,
    /// Given name, joined before the last name.
    FirstName,
    /// Family name (used alone as the full name when there is no first-name column).
    LastName,
    /// Work email, the key matching file rows to stored people.
    Email,
    /// Department, through the alias table ("Ventes" is sales).
    Department,
    /// Team name.
    Team,
    /// Home site, by name.
    Site,
    /// Line manager, by email or by full name.
    Manager,
    /// Active flag (oui/non, yes/no, 1/0, actif/inactif...).
    Active,
}

impl ImportField {
    /// Every field, in the order forms show them.
    pub const ALL: [ImportField; 9] = [
        ImportField::FullName,
        ImportField::FirstName,
        ImportField::LastName,
        ImportField::Email,
        ImportField::Department,
        ImportField::Team,
        ImportField::Site,
        ImportField::Manager,
        ImportField::Active,
    ];

    /// Header names recognised for this field, most specific first (already folded by [`header_key`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            ImportField::FullName => &[
                "fullname",
                "nomcomplet",
                "nometprenom",
                "prenometnom",
                "prenomnom",
                "nomprenom",
                "displayname",
                "name",
                "collaborateur",
                "salarie",
                "employe",
                "employee",
            ],
            ImportField::FirstName => &["prenom", "firstname", "givenname", "prenomusuel"],
            ImportField::LastName => &[
                "nom",
                "nomdefamille",
                "nomdusage",
                "lastname",
                "surname",
                "familyname",
            ],
            ImportField::Email => &[
                "email",
                "mail",
                "courriel",
                "adresseemail",
                "adressemail",
                "adressecourriel",
                "emailaddress",
                "emailprofessionnel",
                "emailpro",
                "mailpro",
                "workemail",
            ],
            ImportField::Department => &[
                "service",
                "departement",
                "department",
                "dept",
                "direction",
                "pole",
            ],
            ImportField::Team => &["equipe", "team", "nomequipe", "teamname"],
            ImportField::Site => &[
                "site",
                "etablissement",
                "location",
                "office",
                "bureau",
                "lieudetravail",
                "agence",
            ],
            ImportField::Manager => &[
                "manageremail",
                "emailmanager",
                "emaildumanager",
                "emailresponsable",
                "courrielmanager",
                "courrielresponsable",
                "mailmanager",
                "managermail",
                "manager",
                "responsable",
                "responsablehierarchique",
                "managername",
                "nommanager",
                "nomduresponsable",
                "superieurhierarchique",
                "superieur",
                "n1",
            ],
            ImportField::Active => &["actif", "active", "statut", "status", "enposte", "isactive"],
        }
    }
}

/// One column of the file and the field it feeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ColumnMapping {
    /// 0-based column index.
    pub index: u32,
    /// The header as written in the file.
    pub header: String,
    /// The field it feeds; `None` = ignored.
    pub field: Option<ImportField>,
}

pub use crate::model::fold;

/// A header's matching key: [`fold`] with the spaces removed ("E-mail" and "Email" are both "email").
pub fn header_key(header: &str) -> String {
    fold(header).replace(' ', "")
}

/// Guesses the field of each header.
pub fn guess(headers: &[String]) -> Vec<ColumnMapping> {
    // (field, rank of the alias, column) for every recognised header.
    let mut claims: Vec<(ImportField, usize, usize)> = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        let key = header_key(header);
        for field in ImportField::ALL {
            if let Some(rank) = field.aliases().iter().position(|a| *a == key) {
                claims.push((field, rank, column));
            }
        }
    }
    claims.sort();
    let mut fields: Vec<Option<ImportField>> = vec![None; headers.len()];
    let mut taken: Vec<ImportField> = Vec::new();
    for (field, _, column) in claims {
        if !taken.contains(&field) && fields[column].is_none() {
            fields[column] = Some(field);
            taken.push(field);
        }
    }
    with_fields(headers, &fields)
}

/// The mapping of `headers` to the given fields (missing entries are ignored columns).
pub fn with_fields(headers: &[String], fields: &[Option<ImportField>]) -> Vec<ColumnMapping> {
    headers
        .iter()
        .enumerate()
        .map(|(index, header)| ColumnMapping {
            index: index as u32,
            header: header.clone(),
            field: fields.get(index).copied().flatten(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(headers: &[&str]) -> Vec<Option<ImportField>> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        guess(&headers).into_iter().map(|m| m.field).collect()
    }

    #[test]
    fn french_and_english_headers_are_recognised() {
        use ImportField::*;
        assert_eq!(
            fields(&[
                "Nom",
                "Prénom",
                "E-mail",
                "Service",
                "Équipe",
                "Établissement",
                "Responsable",
                "Actif"
            ]),
            vec![
                Some(LastName),
                Some(FirstName),
                Some(Email),
                Some(Department),
                Some(Team),
                Some(Site),
                Some(Manager),
                Some(Active)
            ],
            "a French HR export must map without any correction"
        );
        assert_eq!(
            fields(&[
                "Full name",
                "EMAIL ",
                "Department",
                "Team",
                "Site",
                "Manager",
                "Active",
                "Badge"
            ]),
            vec![
                Some(FullName),
                Some(Email),
                Some(Department),
                Some(Team),
                Some(Site),
                Some(Manager),
                Some(Active),
                None
            ],
            "English headers map too, and unknown extra columns are ignored"
        );
        assert_eq!(
            fields(&["Courriel", "Nom complet", "Département"]),
            vec![Some(Email), Some(FullName), Some(Department)],
            "order does not matter and accents are optional"
        );
    }

    #[test]
    fn the_more_specific_column_wins_a_field() {
        assert_eq!(
            fields(&["id", "manager", "manager_email", "mail", "email"]),
            vec![
                None,
                None,
                Some(ImportField::Manager),
                None,
                Some(ImportField::Email)
            ],
            "a manager's email identifies them better than their name, and one column feeds one field"
        );
    }

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(
            fold("  Hélène  DUPRÉ-Œil "),
            "helene dupre oeil",
            "names compare folded"
        );
        assert_eq!(
            header_key("E-mail"),
            header_key("email"),
            "E-mail and Email are one header"
        );
    }
}
