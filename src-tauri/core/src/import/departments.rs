//! Department values as HR writes them ("Mktg", "Ventes", "Relation client", "CRC"...) mapped to Unisson's four
//! departments through an explicit table the user can edit in Settings.
//!
//! Invariants:
//! - matching is on [`fold`]ed text: case, accents, spaces and punctuation never matter;
//! - the four stored codes (`marketing`, `sales`, `crc`, `other`) always map to themselves, whatever the table says,
//!   so an export always imports back;
//! - a value matching nothing is an error the user sees, never a silent `other`.

use super::header::fold;
use crate::error::{Error, FieldError, Result};
use crate::model::{Department, MAX_NAME_CHARS};
use crate::FieldCode;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One row of the alias table: a value as HR writes it, and the department it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DepartmentAlias {
    /// The value as found in HR files, e.g. "Mktg".
    pub alias: String,
    /// What it means.
    pub department: Department,
}

/// The table a new database starts with.
pub fn default_aliases() -> Vec<DepartmentAlias> {
    use Department::*;
    let table: &[(&str, Department)] = &[
        ("Marketing", Marketing),
        ("Mktg", Marketing),
        ("Mkt", Marketing),
        ("Marketing digital", Marketing),
        ("Marketing produit", Marketing),
        ("Communication", Marketing),
        ("Ventes", Sales),
        ("Vente", Sales),
        ("Commercial", Sales),
        ("Commerciale", Sales),
        ("Direction commerciale", Sales),
        ("Force de vente", Sales),
        ("Sales", Sales),
        ("Relation client", Crc),
        ("Relations clients", Crc),
        ("Centre de relation client", Crc),
        ("CRC", Crc),
        ("Service client", Crc),
        ("Service clients", Crc),
        ("Customer service", Crc),
        ("Customer relations", Crc),
        ("Autre", Other),
        ("Other", Other),
        ("RH", Other),
        ("Ressources humaines", Other),
        ("HR", Other),
        ("Finance", Other),
        ("Direction", Other),
    ];
    table
        .iter()
        .map(|(alias, department)| DepartmentAlias {
            alias: (*alias).to_owned(),
            department: *department,
        })
        .collect()
}

/// Trims the table and refuses blank, over-long or duplicate aliases (duplicates compare folded), with the row
/// index as the field (`aliases[3]`).
pub fn validated(aliases: &[DepartmentAlias]) -> Result<Vec<DepartmentAlias>> {
    let mut errors = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(aliases.len());
    for (i, a) in aliases.iter().enumerate() {
        let alias = a.alias.trim().to_owned();
        let key = fold(&alias);
        let field = format!("aliases[{i}]");
        if key.is_empty() {
            errors.push(FieldError::new(
                &field,
                FieldCode::Required,
                "an alias needs at least one letter or digit",
            ));
        } else if alias.chars().count() > MAX_NAME_CHARS {
            errors.push(FieldError::new(
                &field,
                FieldCode::TooLong,
                format!("at most {MAX_NAME_CHARS} characters"),
            ));
        } else if let Some(first) = seen.insert(key, i) {
            errors.push(FieldError::new(
                &field,
                FieldCode::DuplicateAlias,
                format!("{alias:?} is already in the table (row {})", first + 1),
            ));
        }
        out.push(DepartmentAlias {
            alias,
            department: a.department,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Validation(errors))
    }
}

/// A lookup built from an alias table.
#[derive(Debug, Clone, Default)]
pub struct DepartmentMap {
    by_key: HashMap<String, Department>,
}

impl DepartmentMap {
    /// Builds the lookup; the stored codes are always included.
    pub fn new(aliases: &[DepartmentAlias]) -> Self {
        let mut by_key: HashMap<String, Department> = aliases
            .iter()
            .map(|a| (fold(&a.alias), a.department))
            .collect();
        for d in Department::ALL {
            by_key.insert(d.as_str().to_owned(), *d);
        }
        DepartmentMap { by_key }
    }

    /// The department a value means, if the table knows it.
    pub fn resolve(&self, value: &str) -> Option<Department> {
        self.by_key.get(&fold(value)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hr_spellings_map_leniently_but_explicitly() {
        let map = DepartmentMap::new(&default_aliases());
        for (value, dept) in [
            ("MKTG", Department::Marketing),
            ("ventes", Department::Sales),
            ("Commercial", Department::Sales),
            ("relation  client", Department::Crc),
            ("Service Client", Department::Crc),
            ("crc", Department::Crc),
            ("sales", Department::Sales),
        ] {
            assert_eq!(
                map.resolve(value),
                Some(dept),
                "{value:?} is a common HR spelling"
            );
        }
        assert_eq!(
            map.resolve("Logistique"),
            None,
            "an unknown value must be reported, not guessed"
        );
    }

    #[test]
    fn stored_codes_survive_an_emptied_table() {
        let map = DepartmentMap::new(&[]);
        for d in Department::ALL {
            assert_eq!(
                map.resolve(d.as_str()),
                Some(*d),
                "an export must always import back"
            );
        }
    }

    #[test]
    fn the_table_refuses_blank_and_duplicate_aliases() {
        let rows = vec![
            DepartmentAlias {
                alias: " Mktg ".into(),
                department: Department::Marketing,
            },
            DepartmentAlias {
                alias: "MKTG".into(),
                department: Department::Sales,
            },
            DepartmentAlias {
                alias: " - ".into(),
                department: Department::Sales,
            },
        ];
        let err = validated(&rows).expect_err("duplicate and blank");
        let codes: Vec<(&str, &str)> = err
            .fields()
            .iter()
            .map(|f| (f.field.as_str(), f.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("aliases[1]", "duplicate_alias"),
                ("aliases[2]", "required")
            ],
            "one value cannot mean two departments, and each bad row is named"
        );
    }
}
