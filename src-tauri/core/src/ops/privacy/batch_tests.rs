//! Batch anonymisation: one scan for many people ends exactly where anonymising them one by one does, and the audit
//! of a retention batch holds counts only.

use super::tests::{activity, at, deactivate, now, person};
use super::*;
use crate::model::{ActivityStatus, ParticipationStatus as P, Role};
use crate::store::Store;
use chrono::Months;

/// Twenty leavers whose texts cross: homonyms, a name inside a longer one, names quoted in JSON, several people in one
/// title, one person's name in another's debrief, and two colleagues who stay. Returns the store, the leavers in
/// batch order and everyone's (name, email).
fn crossed_world() -> (Store, Vec<Id>, Vec<(String, String)>) {
    let mut store = Store::open_in_memory().expect("store");
    let t0 = at("2023-01-05T09:00:00Z");
    let mut names: Vec<(String, String)> = vec![
        ("Marie Dupont".into(), "marie.dupont@ex.fr".into()),
        ("Marie Dupont".into(), "m.dupont2@ex.fr".into()),
        ("Anne-Marie Dupont".into(), "am.dupont@ex.fr".into()),
        ("Zoé \"Zo\" Martin".into(), "Zoe.Martin@ex.fr".into()),
        ("Luc".into(), "luc@ex.fr".into()),
        ("Luc Bernard".into(), "luc.bernard@ex.fr".into()),
    ];
    names.extend((0..14).map(|i| (format!("Vendeur {i:02} Nom"), format!("v{i}@ex.fr"))));
    let ids: Vec<Id> = names
        .iter()
        .map(|(n, e)| person(&mut store, n, e, t0))
        .collect();
    let stays = person(&mut store, "Reste Ici", "reste@ex.fr", t0);
    let stays_too = person(&mut store, "Marie Dupontel", "mdl@ex.fr", t0);
    for (i, pair) in ids.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        let title = format!(
            "Vis ma vie : {} avec {} (écrire à {}), puis Luc.",
            names[i].0,
            names[i + 1].0,
            names[i + 1].1.to_uppercase()
        );
        let when = t0 + chrono::Duration::days(7 * i as i64 + 1);
        let act = activity(
            &mut store,
            &title,
            when,
            ActivityStatus::Done,
            &[
                (a, Role::Visitor, P::Attended),
                (b, Role::Host, P::Attended),
                (stays, Role::Host, P::Attended),
            ],
        );
        store
            .write("hr@ex.fr", when, |tx| {
                tx.execute(
                    "INSERT INTO debriefs (activity_id, person_id, rating, learned, customer_needs, offer_feedback,
                       offer_tag, created_at, updated_at)
                     VALUES (?1, ?2, 4, ?3, 'Marie Dupontel le dit aussi', '', 'x', ?4, ?4)",
                    rusqlite::params![
                        act,
                        stays_too,
                        format!("{} m'a tout montré", names[i].0),
                        crate::store::ts(when)
                    ],
                )
                .map(|_| ())
                .map_err(Into::into)
            })
            .expect("debrief");
    }
    for id in &ids {
        deactivate(&mut store, *id, t0 + Months::new(3));
    }
    (store, ids, names)
}

/// Every row of every table, as text, in rowid order: two stores that dump alike hold the same data.
fn dump(store: &Store) -> Vec<(String, Vec<String>)> {
    let conn = store.conn();
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .expect("tables");
        let rows = stmt.query_map([], |r| r.get(0)).expect("q");
        rows.collect::<rusqlite::Result<_>>().expect("names")
    };
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid"))
                .expect("select");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| r.get_ref(i).map(cell))
                        .collect::<rusqlite::Result<Vec<_>>>()
                        .map(|cells| cells.join(" | "))
                })
                .expect("rows")
                .collect::<rusqlite::Result<Vec<_>>>()
                .expect("rows");
            (t, rows)
        })
        .collect()
}

fn cell(value: rusqlite::types::ValueRef<'_>) -> String {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => format!("blob {b:?}"),
    }
}

fn people_of(store: &Store, ids: &[Id]) -> Vec<Person> {
    ids.iter()
        .map(|id| people::get(store.conn(), *id).expect("person"))
        .collect()
}

#[test]
fn a_batch_ends_exactly_where_one_by_one_does() {
    let (mut batch, ids, names) = crossed_world();
    let (mut single, single_ids, _) = crossed_world();
    assert_eq!(
        dump(&batch),
        dump(&single),
        "the two worlds must start equal for the comparison to mean anything"
    );
    assert_eq!(ids, single_ids, "both worlds give the same ids");

    let all = people_of(&batch, &ids);
    let together = batch
        .write("system:retention", now(), |tx| {
            anonymise_all_in(tx, &all, "retention")
        })
        .expect("batch");
    let mut one_by_one = Vec::new();
    for p in people_of(&single, &ids) {
        let c = single
            .write("system:retention", now(), |tx| {
                anonymise_all_in(tx, std::slice::from_ref(&p), "retention")
            })
            .expect("single");
        one_by_one.extend(c);
    }

    assert_eq!(
        together, one_by_one,
        "each person's counts must not depend on being anonymised alone or in a batch"
    );
    assert!(
        together.iter().filter(|c| !c.texts.is_empty()).count() >= 15,
        "the world names most leavers in free text, so the comparison covers rewrites: {together:?}"
    );
    let (after_batch, after_single) = (dump(&batch), dump(&single));
    for ((table, rows), (_, expected)) in after_batch.iter().zip(&after_single) {
        assert_eq!(
            rows, expected,
            "table {table} must hold exactly what anonymising one by one leaves"
        );
    }
    let stays = dump(&batch)
        .into_iter()
        .find(|(t, _)| t == "debriefs")
        .map(|(_, rows)| rows.join("\n"))
        .unwrap_or_default();
    assert!(
        stays.contains("Marie Dupontel le dit aussi"),
        "a colleague whose name only starts like a leaver's keeps it"
    );
    let everything = after_batch
        .iter()
        .flat_map(|(_, rows)| rows.iter())
        .map(|row| row.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    for (name, email) in &names {
        assert!(
            !everything.contains(&email.to_lowercase()),
            "{email} must be gone from every table"
        );
        // "Marie Dupont" lives on inside "Marie Dupontel" and "Luc" was replaced inside "Luc Bernard" (whole words).
        if name.starts_with("Marie Dupont") || name.starts_with("Luc") {
            continue;
        }
        let escaped = name.replace('"', "\\\"");
        assert!(
            !everything.contains(&name.to_lowercase())
                && !everything.contains(&escaped.to_lowercase()),
            "{name} must be gone from every table, audit JSON included"
        );
    }
}

#[test]
fn the_audit_of_a_retention_batch_holds_counts_only() {
    let (mut store, ids, names) = crossed_world();
    let report = apply_retention(&mut store, now(), false).expect("retention");
    assert_eq!(
        report.people, ids,
        "every leaver of the world left more than 24 months ago and goes in one batch"
    );
    let entries: Vec<(i64, Option<String>, String)> = {
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT entity_id, before, after FROM audit
                 WHERE action = 'anonymise:retention' ORDER BY id",
            )
            .expect("audit");
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows");
        rows.collect::<rusqlite::Result<_>>().expect("rows")
    };
    assert_eq!(
        entries.iter().map(|e| e.0).collect::<Vec<_>>(),
        ids,
        "one entry per anonymised person, in batch order"
    );
    for (id, before, after) in &entries {
        assert!(
            before.is_none(),
            "no before state: it would be the identity"
        );
        let json: serde_json::Value = serde_json::from_str(after).expect("json");
        let object = json.as_object().expect("the entry is an object of counts");
        for (key, value) in object {
            let counts_only = match key.as_str() {
                "texts" => value.as_array().is_some_and(|texts| {
                    texts.iter().all(|t| {
                        t["rows"].is_i64()
                            && t["table"].as_str().is_some_and(|table| {
                                !table.is_empty()
                                    && table.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                            })
                    })
                }),
                _ => value.is_i64() || value.is_boolean(),
            };
            assert!(
                counts_only,
                "person {id}'s audit entry holds counts only, not {key} = {value}"
            );
        }
        for (name, email) in &names {
            assert!(
                !after.contains(name.as_str()) && !after.contains(email.as_str()),
                "no old identity in person {id}'s audit entry: {after}"
            );
        }
    }
}
