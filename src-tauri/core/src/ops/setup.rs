//! The first run: is this database new, and how far is the organisation set up? The app shows its welcome (set up my
//! organisation, explore the demo, open a database) while the database is new, and lands on the pages otherwise.
//!
//! A database is *new* while it has no people and no activities: sites and the organiser are the first steps of
//! setting up, so a manager who stopped after them comes back to the welcome and its checklist rather than to an
//! empty board. The demo organisation is never new (it has both).

use crate::demo::{self, DemoOptions};
use crate::error::{Error, FieldCode, Result};
use crate::store::{overview, settings, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// What the first-run screen needs to know about the open database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DatabaseStatus {
    /// No people and no activities yet: the app opens on its welcome.
    pub is_new: bool,
    /// The generated demo organisation (labelled "demo" in the title and the sidebar).
    pub is_demo: bool,
    /// Sites defined.
    #[ts(type = "number")]
    pub sites: i64,
    /// People in the directory, active or not.
    #[ts(type = "number")]
    pub people: i64,
    /// Activities of every kind and status.
    #[ts(type = "number")]
    pub activities: i64,
    /// The organiser's name and e-mail are both set, which the invites need.
    pub organizer_set: bool,
}

/// How far the open database's organisation is set up.
pub fn status(store: &Store) -> Result<DatabaseStatus> {
    let conn = store.conn();
    let counts = overview::counts(conn)?;
    let settings = settings::get(conn)?;
    Ok(DatabaseStatus {
        is_new: counts.people == 0 && counts.activities == 0,
        is_demo: overview::is_demo(conn)?,
        sites: counts.sites,
        people: counts.people,
        activities: counts.activities,
        organizer_set: !settings.organizer_name.trim().is_empty()
            && !settings.organizer_email.trim().is_empty(),
    })
}

/// Makes the store (a file of its own, opened for "explore the demo") hold the demo organisation: generates it when
/// the file is new, keeps it when it already is the demo, and refuses a file that holds another organisation (it is
/// neither overwritten nor labelled "demo"). Returns the status of the demo.
pub fn prepare_demo(store: &mut Store, now: DateTime<Utc>) -> Result<DatabaseStatus> {
    let before = status(store)?;
    if before.is_demo {
        return Ok(before);
    }
    if !before.is_new {
        return Err(Error::field(
            "db",
            FieldCode::NotEmpty,
            format!(
                "this file already holds an organisation that is not the demo ({} people, {} activities); open it as a database if it is yours",
                before.people, before.activities
            ),
        ));
    }
    demo::generate(store, &DemoOptions::default(), now)?;
    status(store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{self, DemoOptions};
    use crate::model::Settings;
    use crate::ops;
    use crate::testkit::at;

    #[test]
    fn an_empty_database_is_new_and_not_the_demo() {
        let store = Store::open_in_memory().expect("in-memory store");
        let got = status(&store).expect("status of an empty database");
        assert!(
            got.is_new,
            "a database with no people and no activities must open on the welcome: {got:?}"
        );
        assert!(
            !got.is_demo,
            "only the demo generator marks a database as the demo: {got:?}"
        );
        assert!(
            !got.organizer_set,
            "nobody has set the organiser of a new database: {got:?}"
        );
        assert_eq!(
            (got.sites, got.people, got.activities),
            (0, 0, 0),
            "nothing is counted in an empty database"
        );
    }

    #[test]
    fn the_organiser_alone_does_not_end_the_first_run() {
        let mut store = Store::open_in_memory().expect("in-memory store");
        let settings = Settings {
            organizer_name: "Claire Petit".into(),
            organizer_email: "claire.petit@exemple.fr".into(),
            ..Settings::default()
        };
        ops::settings::update(&mut store, &settings, at("2027-01-04T09:00:00Z"), "test")
            .expect("save settings");
        let got = status(&store).expect("status after the organiser step");
        assert!(
            got.organizer_set,
            "the organiser step must show as done once name and e-mail are saved: {got:?}"
        );
        assert!(
            got.is_new,
            "without people the welcome (and its checklist) must still open: {got:?}"
        );
    }

    #[test]
    fn the_demo_is_marked_and_not_new() {
        let mut store = Store::open_in_memory().expect("in-memory store");
        demo::generate(
            &mut store,
            &DemoOptions {
                people: 30,
                years: 0,
                seed: 3,
            },
            at("2027-03-10T09:00:00Z"),
        )
        .expect("demo generation");
        let got = status(&store).expect("status of the demo");
        assert!(
            got.is_demo,
            "the demo must be labelled as such wherever the app shows it: {got:?}"
        );
        assert!(
            !got.is_new,
            "the demo has people and activities, so the app opens on its pages: {got:?}"
        );
        assert!(
            got.people >= 30 && got.activities > 0 && got.sites > 0,
            "the counts must see the demo's rows: {got:?}"
        );
        assert!(
            got.organizer_set,
            "the demo sets an organiser so that its invites can be exported: {got:?}"
        );
    }

    #[test]
    fn preparing_the_demo_fills_a_new_file_once_and_refuses_a_real_organisation() {
        let now = at("2027-03-10T09:00:00Z");
        let mut store = Store::open_in_memory().expect("in-memory store");
        let first = prepare_demo(&mut store, now).expect("a new file becomes the demo");
        assert!(
            first.is_demo && !first.is_new,
            "the prepared file is the demo, with data: {first:?}"
        );
        let again = prepare_demo(&mut store, now).expect("the demo opens again");
        assert_eq!(
            again, first,
            "opening the demo a second time must not generate it twice"
        );

        let mut real = Store::open_in_memory().expect("in-memory store");
        real.write("test", now, |tx| {
            crate::testkit::person(
                tx,
                "claire",
                crate::model::Department::Marketing,
                "Produit",
                None,
            )
        })
        .expect("one real person");
        let err =
            prepare_demo(&mut real, now).expect_err("a real organisation must not become the demo");
        assert_eq!(
            err.fields()[0].code,
            "not_empty",
            "the refusal says why: {err}"
        );
        let after = status(&real).expect("status");
        assert!(
            !after.is_demo && after.people == 1,
            "the real organisation is left as it was: {after:?}"
        );
    }
}
