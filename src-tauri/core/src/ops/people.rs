//! Adding, editing, deactivating and listing people.
//!
//! Rules beyond the field checks: the email is unique case-insensitively; the site and manager must exist; nobody
//! manages themselves, and the management chain never loops (A manages B manages A); an anonymised person is never
//! edited (nor reactivated) again.

use crate::error::{Error, FieldError, Result};
use crate::model::{Id, Person, PersonInput, PersonRow};
use crate::store::{people, sites, Store, Tx};
use crate::FieldCode;
use chrono::{DateTime, Utc};

/// Everyone, with site and manager names.
pub fn list(store: &Store) -> Result<Vec<PersonRow>> {
    people::list_rows(store.conn())
}

/// Creates a person.
pub fn add(
    store: &mut Store,
    input: &PersonInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Person> {
    let input = input.validated()?;
    store.write(actor, now, |tx| {
        check_references(tx, &input, None)?;
        people::insert(tx, &input)
    })
}

/// Edits a person.
pub fn update(
    store: &mut Store,
    id: Id,
    input: &PersonInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Person> {
    let input = input.validated()?;
    store.write(actor, now, |tx| {
        super::privacy::refuse_if_anonymised(&people::get(tx, id)?)?;
        check_references(tx, &input, Some(id))?;
        people::update(tx, id, &input, "update")
    })
}

/// Deactivates or reactivates a person (never deletes: their history stays).
pub fn set_active(
    store: &mut Store,
    id: Id,
    active: bool,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Person> {
    store.write(actor, now, |tx| {
        let person = people::get(tx, id)?;
        super::privacy::refuse_if_anonymised(&person)?;
        if person.active == active {
            return Ok(person);
        }
        let input = PersonInput {
            active,
            ..PersonInput::from(&person)
        };
        people::update(
            tx,
            id,
            &input,
            if active { "reactivate" } else { "deactivate" },
        )
    })
}

fn check_references(tx: &Tx<'_>, input: &PersonInput, this: Option<Id>) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(other) = people::find_by_email(tx, &input.email)? {
        if Some(other.id) != this {
            errors.push(FieldError::new(
                "email",
                FieldCode::DuplicateEmail,
                format!("{} already uses {}", other.full_name, other.email),
            ));
        }
    }
    if let Some(site) = input.site_id {
        if let Err(Error::NotFound { .. }) = sites::get(tx, site) {
            errors.push(FieldError::new(
                "siteId",
                FieldCode::UnknownSite,
                format!("there is no site {site}"),
            ));
        }
    }
    if let Some(manager) = input.manager_id {
        if Some(manager) == this {
            errors.push(FieldError::new(
                "managerId",
                FieldCode::SelfManager,
                "a person cannot be their own manager",
            ));
        } else if people::find(tx, manager)?.is_none() {
            errors.push(FieldError::new(
                "managerId",
                FieldCode::UnknownManager,
                format!("there is no person {manager}"),
            ));
        } else if let Some(me) = this {
            if chain_reaches(tx, manager, me)? {
                errors.push(FieldError::new(
                    "managerId",
                    FieldCode::ManagerCycle,
                    "this manager is already managed, directly or not, by this person",
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// Whether walking up the management chain from `start` reaches `target`. Stops on any loop already in the data.
fn chain_reaches(tx: &Tx<'_>, start: Id, target: Id) -> Result<bool> {
    let mut seen = std::collections::HashSet::new();
    let mut current = Some(start);
    while let Some(id) = current {
        if id == target {
            return Ok(true);
        }
        if !seen.insert(id) {
            return Ok(false);
        }
        current = people::manager_of(tx, id)?;
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Department;
    use crate::store::audit;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
            .map(|d| d.to_utc())
            .expect("fixed instant")
    }

    fn input(name: &str, email: &str) -> PersonInput {
        PersonInput {
            full_name: name.into(),
            email: email.into(),
            department: Department::Sales,
            team: "Ventes Sud-Ouest".into(),
            site_id: None,
            manager_id: None,
            active: true,
        }
    }

    #[test]
    fn add_stores_and_audits() {
        let mut store = Store::open_in_memory().expect("store");
        let p = add(
            &mut store,
            &input("Jérôme Lefèvre", "jerome@ex.fr"),
            now(),
            "manager@ex.fr",
        )
        .expect("add");
        assert_eq!(
            p.created_at,
            now(),
            "created_at is the `now` passed in, never the wall clock"
        );
        let entries = audit::for_entity(store.conn(), "person", p.id).expect("audit");
        assert_eq!(
            entries.len(),
            1,
            "every change leaves exactly one audit entry"
        );
        assert_eq!(entries[0].action, "create", "the audit names the change");
        assert_eq!(
            entries[0].actor, "manager@ex.fr",
            "the audit says who did it"
        );
    }

    #[test]
    fn duplicate_email_is_refused_case_insensitively() {
        let mut store = Store::open_in_memory().expect("store");
        add(&mut store, &input("A", "Marie@Ex.fr"), now(), "t").expect("first");
        let err = add(&mut store, &input("B", "marie@ex.FR"), now(), "t").expect_err("duplicate");
        assert_eq!(
            err.fields()[0].code,
            "duplicate_email",
            "the email is the key of imports and invites"
        );
        assert_eq!(
            list(&store).expect("list").len(),
            1,
            "the refused person must not be stored"
        );
    }

    #[test]
    fn management_cycles_are_refused() {
        let mut store = Store::open_in_memory().expect("store");
        let a = add(&mut store, &input("A", "a@ex.fr"), now(), "t").expect("a");
        let b = add(
            &mut store,
            &PersonInput {
                manager_id: Some(a.id),
                ..input("B", "b@ex.fr")
            },
            now(),
            "t",
        )
        .expect("b");
        let c = add(
            &mut store,
            &PersonInput {
                manager_id: Some(b.id),
                ..input("C", "c@ex.fr")
            },
            now(),
            "t",
        )
        .expect("c");
        let err = update(
            &mut store,
            a.id,
            &PersonInput {
                manager_id: Some(c.id),
                ..input("A", "a@ex.fr")
            },
            now(),
            "t",
        )
        .expect_err("A -> C -> B -> A is a loop");
        assert_eq!(
            err.fields()[0].code,
            "manager_cycle",
            "a loop in the hierarchy has no top for reports"
        );
        let err = update(
            &mut store,
            a.id,
            &PersonInput {
                manager_id: Some(a.id),
                ..input("A", "a@ex.fr")
            },
            now(),
            "t",
        )
        .expect_err("self");
        assert_eq!(
            err.fields()[0].code,
            "self_manager",
            "nobody manages themselves"
        );
    }

    #[test]
    fn unknown_site_and_manager_are_field_errors() {
        let mut store = Store::open_in_memory().expect("store");
        let err = add(
            &mut store,
            &PersonInput {
                site_id: Some(42),
                manager_id: Some(7),
                ..input("A", "a@ex.fr")
            },
            now(),
            "t",
        )
        .expect_err("dangling references");
        let codes: Vec<&str> = err.fields().iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            vec!["unknown_site", "unknown_manager"],
            "both problems are shown at once, by field"
        );
    }

    #[test]
    fn deactivation_keeps_the_person_and_is_undoable() {
        let mut store = Store::open_in_memory().expect("store");
        let p = add(&mut store, &input("A", "a@ex.fr"), now(), "t").expect("add");
        let off = set_active(&mut store, p.id, false, now(), "t").expect("deactivate");
        assert!(!off.active, "deactivation clears the flag");
        let on = set_active(&mut store, p.id, true, now(), "t").expect("undo");
        assert!(on.active, "undo brings the person back as they were");
        let actions: Vec<String> = audit::for_entity(store.conn(), "person", p.id)
            .expect("audit")
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions,
            vec!["create", "deactivate", "reactivate"],
            "HR must see each step in the audit"
        );
    }
}
