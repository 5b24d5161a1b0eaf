//! Adding, editing and deleting shared objectives. Every write is validated first and audited by the store; deleting
//! asks nothing here (the UI confirms or offers Undo, which re-adds the returned objective).

use crate::error::Result;
use crate::model::{Cadence, Department, Id, Language, Objective, ObjectiveInput, ObjectiveMetric};
use crate::store::{objectives, Store, Tx};
use chrono::{DateTime, NaiveDate, Utc};

/// Every objective, by department and title.
pub fn list(store: &Store) -> Result<Vec<Objective>> {
    objectives::list(store.conn())
}

/// Creates an objective.
pub fn add(
    store: &mut Store,
    input: &ObjectiveInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Objective> {
    let input = input.validated()?;
    store.write(actor, now, |tx| objectives::insert(tx, &input))
}

/// Edits an objective.
pub fn update(
    store: &mut Store,
    id: Id,
    input: &ObjectiveInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Objective> {
    let input = input.validated()?;
    store.write(actor, now, |tx| objectives::update(tx, id, &input))
}

/// Deletes an objective; returns it as it was.
pub fn delete(store: &mut Store, id: Id, now: DateTime<Utc>, actor: &str) -> Result<Objective> {
    store.write(actor, now, |tx| objectives::delete(tx, id))
}

/// The four objectives of the issue, quarterly from `active_from`, titled in `language`: each marketer at least one
/// shadowing day, each sales team hosts at least three days, every sales brief has a marketer, at least 80% of
/// trainings are mixed.
pub fn examples(language: Language, active_from: NaiveDate) -> Vec<ObjectiveInput> {
    let fr = language == Language::Fr;
    let pick = |f: &str, e: &str| if fr { f } else { e }.to_owned();
    [
        (
            pick(
                "Chaque marketeur passe au moins une journée sur le terrain par trimestre",
                "Each marketer spends at least one day in the field per quarter",
            ),
            Department::Marketing,
            ObjectiveMetric::EachPersonVisits,
            1.0,
        ),
        (
            pick(
                "Chaque équipe commerciale accueille au moins 3 journées par trimestre",
                "Each sales team hosts at least 3 days per quarter",
            ),
            Department::Sales,
            ObjectiveMetric::EachTeamHosts,
            3.0,
        ),
        (
            pick(
                "Chaque brief commercial compte au moins un marketeur",
                "Every sales brief has at least one marketer",
            ),
            Department::Sales,
            ObjectiveMetric::BriefsWithMarketer,
            100.0,
        ),
        (
            pick(
                "Au moins 80 % des formations sont mixtes",
                "At least 80% of trainings are mixed",
            ),
            Department::Marketing,
            ObjectiveMetric::MixedTrainings,
            80.0,
        ),
    ]
    .into_iter()
    .map(|(title, department, metric, target)| ObjectiveInput {
        title,
        department,
        metric,
        target,
        cadence: Cadence::Quarter,
        active_from,
        active_to: None,
    })
    .collect()
}

/// Inserts the [`examples`] inside an open transaction (the demo generator's, or [`add_examples`]').
pub fn insert_examples(
    tx: &Tx<'_>,
    language: Language,
    active_from: NaiveDate,
) -> Result<Vec<Objective>> {
    examples(language, active_from)
        .iter()
        .map(|input| objectives::insert(tx, &input.validated()?))
        .collect()
}

/// Creates the [`examples`] in one transaction (the Objectives page's one-click start).
pub fn add_examples(
    store: &mut Store,
    language: Language,
    active_from: NaiveDate,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Vec<Objective>> {
    store.write(actor, now, |tx| insert_examples(tx, language, active_from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cadence, Department, ObjectiveMetric};
    use chrono::NaiveDate;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
            .map(|d| d.to_utc())
            .expect("fixed instant")
    }

    fn input() -> ObjectiveInput {
        ObjectiveInput {
            title: "Chaque marketeur en immersion".into(),
            department: Department::Marketing,
            metric: ObjectiveMetric::EachPersonVisits,
            target: 1.0,
            cadence: Cadence::Quarter,
            active_from: NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"),
            active_to: None,
        }
    }

    fn audit_actions(store: &Store) -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare("SELECT action FROM audit WHERE entity = 'objective' ORDER BY id")
            .expect("query");
        stmt.query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("actions")
    }

    #[test]
    fn add_update_delete_round_trip_and_are_audited() {
        let mut store = Store::open_in_memory().expect("store");
        let made = add(&mut store, &input(), now(), "hr").expect("add");
        assert_eq!(
            list(&store).expect("list"),
            vec![made.clone()],
            "what was added is what is listed"
        );
        let changed = ObjectiveInput {
            target: 2.0,
            active_to: NaiveDate::from_ymd_opt(2027, 12, 31),
            ..input()
        };
        let after = update(&mut store, made.id, &changed, now(), "hr").expect("update");
        assert_eq!(
            (after.target, after.active_to),
            (2.0, changed.active_to),
            "an update replaces the fields"
        );
        let gone = delete(&mut store, made.id, now(), "hr").expect("delete");
        assert_eq!(
            gone, after,
            "delete returns the objective so Undo can re-add it"
        );
        assert!(list(&store).expect("list").is_empty(), "deleted means gone");
        assert_eq!(
            audit_actions(&store),
            vec!["create", "update", "delete"],
            "every change of an objective leaves an audit entry"
        );
    }

    #[test]
    fn the_examples_are_valid_in_both_languages() {
        let mut store = Store::open_in_memory().expect("store");
        let from = NaiveDate::from_ymd_opt(2027, 1, 1).expect("date");
        let fr = add_examples(&mut store, Language::Fr, from, now(), "hr").expect("fr");
        let en = examples(Language::En, from);
        assert_eq!(fr.len(), 4, "the four objectives of the issue");
        assert!(
            fr.iter()
                .zip(&en)
                .all(|(f, e)| f.metric == e.metric && f.title != e.title),
            "the same objectives, titled in each language"
        );
        assert!(
            fr[0].title.contains("journée"),
            "French titles keep their accents: {}",
            fr[0].title
        );
    }

    #[test]
    fn invalid_input_writes_nothing() {
        let mut store = Store::open_in_memory().expect("store");
        let bad = ObjectiveInput {
            target: 0.0,
            ..input()
        };
        let err = add(&mut store, &bad, now(), "hr").expect_err("target 0");
        assert_eq!(err.code(), "validation", "a bad target is a field error");
        assert!(
            list(&store).expect("list").is_empty() && audit_actions(&store).is_empty(),
            "a refused objective leaves no row and no audit entry"
        );
        let missing = update(&mut store, 99, &input(), now(), "hr").expect_err("no such id");
        assert_eq!(
            missing.code(),
            "not_found",
            "editing a deleted objective says so"
        );
    }
}
