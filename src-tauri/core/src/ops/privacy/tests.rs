//! Retention at its boundary, anonymised people in aggregates, erasure (preview = change, nothing left behind) and
//! the access export.

use super::*;
use crate::model::{
    AbsenceSource, ActivityKind, ActivityStatus, Department, ParticipationStatus as P, PersonInput,
    Retention, Role, SiteInput,
};
use crate::store::activities::{insert, NewActivity};
use crate::store::{absences, settings, sites, Store};
use chrono::{DateTime, Months, NaiveDate, Utc};

pub(super) fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.to_utc())
        .expect("instant")
}

pub(super) fn now() -> DateTime<Utc> {
    at("2026-11-27T10:00:00Z")
}

pub(super) fn person(store: &mut Store, name: &str, email: &str, when: DateTime<Utc>) -> Id {
    store
        .write("hr@ex.fr", when, |tx| {
            let site = match sites::list(tx)?.first() {
                Some(s) => s.id,
                None => {
                    sites::insert(
                        tx,
                        &SiteInput {
                            name: "Lyon".into(),
                            timezone: "Europe/Paris".into(),
                            seats: 4,
                            is_crc: true,
                        },
                    )?
                    .id
                }
            };
            people::insert(
                tx,
                &PersonInput {
                    full_name: name.into(),
                    email: email.into(),
                    department: Department::Marketing,
                    team: "Marque".into(),
                    site_id: Some(site),
                    manager_id: None,
                    active: true,
                },
            )
            .map(|p| p.id)
        })
        .expect("person")
}

pub(super) fn activity(
    store: &mut Store,
    title: &str,
    start: DateTime<Utc>,
    status: ActivityStatus,
    parts: &[(Id, Role, P)],
) -> Id {
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM activities", [], |r| r.get(0))
        .expect("count");
    store
        .write("hr@ex.fr", start.min(now()), |tx| {
            insert(
                tx,
                &NewActivity {
                    kind: ActivityKind::Shadowing,
                    title: title.into(),
                    description: String::new(),
                    site_id: None,
                    location: String::new(),
                    start,
                    end: start + chrono::Duration::hours(3),
                    timezone: "Europe/Paris".into(),
                    all_day: false,
                    status,
                    organizer_id: None,
                    uid: format!("privacy-{n}@test"),
                    half_day: None,
                    capacity: None,
                    series_id: None,
                    goals: String::new(),
                    mix_min_marketing: None,
                    mix_min_sales: None,
                },
                parts,
            )
        })
        .expect("activity")
        .id
}

pub(super) fn deactivate(store: &mut Store, id: Id, when: DateTime<Utc>) {
    crate::ops::people::set_active(store, id, false, when, "hr@ex.fr").expect("deactivate");
}

#[test]
fn retention_picks_inactive_people_strictly_older_than_the_cutoff() {
    let mut store = Store::open_in_memory().expect("store");
    let cutoff = now() - Months::new(24);
    let long_ago = cutoff - chrono::Duration::days(100);
    let host = person(&mut store, "Hôte Actif", "host@ex.fr", long_ago);
    let on_the_day = person(&mut store, "Jour Pile", "pile@ex.fr", long_ago);
    let a_second_before = person(&mut store, "Seconde Avant", "avant@ex.fr", long_ago);
    let still_active = person(&mut store, "Toujours Là", "la@ex.fr", long_ago);
    let never_took_part = person(&mut store, "Jamais Venu", "jamais@ex.fr", long_ago);
    let left_lately = person(&mut store, "Parti Récemment", "recent@ex.fr", long_ago);
    // Activities end 3 h after they start: this one ends exactly at the cutoff, the next one second before.
    let three_hours = chrono::Duration::hours(3);
    activity(
        &mut store,
        "a",
        cutoff - three_hours,
        ActivityStatus::Done,
        &[
            (on_the_day, Role::Visitor, P::Attended),
            (host, Role::Host, P::Attended),
        ],
    );
    activity(
        &mut store,
        "b",
        cutoff - three_hours - chrono::Duration::seconds(1),
        ActivityStatus::Done,
        &[(a_second_before, Role::Visitor, P::Attended)],
    );
    activity(
        &mut store,
        "c",
        long_ago,
        ActivityStatus::Done,
        &[(still_active, Role::Visitor, P::Attended)],
    );
    for id in [on_the_day, a_second_before, never_took_part] {
        deactivate(&mut store, id, long_ago);
    }
    deactivate(&mut store, left_lately, now() - chrono::Duration::days(30));

    let dry = apply_retention(&mut store, now(), true).expect("dry run");
    assert_eq!(
        dry.people,
        vec![a_second_before, never_took_part],
        "only inactive people whose last participation and deactivation are strictly older than 24 months go"
    );
    assert!(
        people::get(store.conn(), a_second_before)
            .expect("p")
            .anonymised_at
            .is_none(),
        "a dry run writes nothing"
    );
    let done = apply_retention(&mut store, now(), false).expect("retention");
    assert_eq!(
        done.people, dry.people,
        "the run does what the dry run said"
    );
    assert_eq!(done.months, Some(24), "the default retention is 24 months");
    for id in [a_second_before, never_took_part] {
        let p = people::get(store.conn(), id).expect("p");
        assert_eq!(
            p.full_name,
            pseudonym(id),
            "retention replaces the name by the pseudonym"
        );
        assert!(p.anonymised_at.is_some(), "anonymised_at records when");
    }
    for id in [on_the_day, still_active, left_lately, host] {
        assert!(
            people::get(store.conn(), id)
                .expect("p")
                .anonymised_at
                .is_none(),
            "person {id} is within the retention period or active and must keep their identity"
        );
    }
    assert!(
        apply_retention(&mut store, now(), false)
            .expect("again")
            .people
            .is_empty(),
        "a second run finds nobody left to anonymise"
    );
    store
        .write("t", now(), |tx| {
            settings::put_retention(tx, &Retention { months: None })
        })
        .expect("never");
    let later = now() + Months::new(120);
    assert!(
        apply_retention(&mut store, later, false)
            .expect("never")
            .people
            .is_empty(),
        "with retention set to never, nobody is ever anonymised"
    );
}

#[test]
fn anonymised_people_still_count_in_aggregates() {
    use crate::report::participation::summary;
    use crate::report::{GroupBy, Period};
    let mut store = Store::open_in_memory().expect("store");
    crate::demo::generate(
        &mut store,
        &crate::demo::DemoOptions {
            people: 60,
            years: 0,
            seed: 7,
        },
        now(),
    )
    .expect("demo");
    let period = Period::new(
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("d"),
        NaiveDate::from_ymd_opt(2027, 12, 31).expect("d"),
    )
    .expect("period");
    let before: Vec<_> = [GroupBy::Team, GroupBy::Department, GroupBy::Site]
        .iter()
        .map(|by| summary(&store, &period, *by).expect("summary"))
        .collect();
    let busy: Vec<Id> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT person_id FROM participations GROUP BY person_id ORDER BY count(*) DESC LIMIT 8")
            .expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.collect::<rusqlite::Result<_>>().expect("ids")
    };
    assert_eq!(
        busy.len(),
        8,
        "the demo has people with participations to anonymise"
    );
    for id in &busy {
        erase(&mut store, *id, now(), "hr@ex.fr").expect("erase");
    }
    let after: Vec<_> = [GroupBy::Team, GroupBy::Department, GroupBy::Site]
        .iter()
        .map(|by| summary(&store, &period, *by).expect("summary"))
        .collect();
    for (b, a) in before.iter().zip(&after) {
        let strip = |rows: &Vec<crate::report::participation::ParticipationRow>| {
            // Erasure deactivates: everything but the active headcount (and the rate built on it) must stay.
            rows.iter()
                .map(|r| {
                    (
                        r.group.clone(),
                        r.shadowing_visitor,
                        r.shadowing_host,
                        r.trainings_attended,
                        r.training_no_shows,
                        r.briefs_attended,
                        r.colocation_days,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            strip(a),
            strip(b),
            "anonymising people must not change any count by team, department or site"
        );
    }
}

/// Every (table, column, rowid) whose text holds `needle` outside `except` (a longer name that contains it), ASCII
/// case ignored: the SQL scan of the whole database.
fn occurrences(store: &Store, needle: &str, except: &str) -> Vec<String> {
    let conn = store.conn();
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .expect("tables");
        let rows = stmt.query_map([], |r| r.get(0)).expect("q");
        rows.collect::<rusqlite::Result<_>>().expect("names")
    };
    let mut found = Vec::new();
    for t in tables {
        let cols: Vec<String> = {
            let mut stmt = conn
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .expect("cols");
            let rows = stmt.query_map([&t], |r| r.get(0)).expect("q");
            rows.collect::<rusqlite::Result<_>>().expect("cols")
        };
        for c in cols {
            let sql = format!(
                "SELECT rowid FROM \"{t}\" WHERE instr(lower(replace(CAST(\"{c}\" AS TEXT), ?2, '')), lower(?1)) > 0"
            );
            let mut stmt = conn.prepare(&sql).expect("scan");
            let rows: Vec<i64> = stmt
                .query_map([needle, except], |r| r.get(0))
                .expect("scan")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            found.extend(rows.into_iter().map(|r| format!("{t}.{c}#{r}")));
        }
    }
    found
}

/// A person with a manager, an absence with a reason, past and future participations, a debrief naming them, an
/// activity titled with their name, an invite log row, and a colleague whose name contains theirs.
fn erasure_world() -> (Store, Id, Id) {
    let mut store = Store::open_in_memory().expect("store");
    let t0 = at("2026-01-05T09:00:00Z");
    let boss = person(&mut store, "Chef Équipe", "chef@ex.fr", t0);
    let marie = person(&mut store, "Marie Dupont", "Marie.Dupont@ex.fr", t0);
    let other = person(&mut store, "Anne-Marie Dupont", "am.dupont@ex.fr", t0);
    let current = PersonInput::from(&people::get(store.conn(), marie).expect("p"));
    crate::ops::people::update(
        &mut store,
        marie,
        &PersonInput {
            manager_id: Some(boss),
            ..current
        },
        t0,
        "hr@ex.fr",
    )
    .expect("manager");
    let past = activity(
        &mut store,
        "Vis ma vie : Marie Dupont chez Anne-Marie Dupont",
        at("2026-03-02T08:00:00Z"),
        ActivityStatus::Done,
        &[
            (marie, Role::Visitor, P::Attended),
            (other, Role::Host, P::Attended),
        ],
    );
    activity(
        &mut store,
        "Formation",
        at("2027-02-02T08:00:00Z"),
        ActivityStatus::Planned,
        &[
            (marie, Role::Visitor, P::Accepted),
            (other, Role::Host, P::Accepted),
        ],
    );
    store
        .write("hr@ex.fr", t0, |tx| {
            settings::put(
                tx,
                &crate::model::Settings {
                    organizer_name: "RH".into(),
                    organizer_email: "rh@ex.fr".into(),
                    ..Default::default()
                },
            )?;
            absences::insert(tx, Some(marie), NaiveDate::from_ymd_opt(2026, 4, 1).expect("d"), NaiveDate::from_ymd_opt(2026, 4, 3).expect("d"), "Arrêt maladie", AbsenceSource::Manual)?;
            tx.execute(
                "INSERT INTO debriefs (activity_id, person_id, rating, learned, customer_needs, offer_feedback, offer_tag, created_at, updated_at)
                 VALUES (?1, ?2, 4, 'Marie Dupont a appris le métier.', 'Des devis plus courts', '=HYPERLINK(\"x\")', 'éco-énergie', ?3, ?3)",
                rusqlite::params![past, marie, crate::store::ts(t0)],
            )?;
            tx.execute(
                "INSERT INTO invite_log (activity_id, person_id, sequence, method, exported_at) VALUES (?1, ?2, 0, 'REQUEST', ?3)",
                rusqlite::params![past, marie, crate::store::ts(t0)],
            )?;
            Ok(())
        })
        .expect("extras");
    (store, marie, other)
}

#[test]
fn erasure_does_what_its_preview_says_and_leaves_no_trace() {
    let (mut store, marie, other) = erasure_world();
    let preview = erasure_preview(&store, marie, now()).expect("preview");
    assert_eq!(
        (preview.full_name.as_str(), preview.email.as_str()),
        ("Marie Dupont", "Marie.Dupont@ex.fr"),
        "the preview names who is erased"
    );
    let parts: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM participations WHERE person_id = ?1",
            [marie],
            |r| r.get(0),
        )
        .expect("n");
    assert_eq!(
        preview.participations, parts,
        "every participation is kept, pseudonymised"
    );
    assert_eq!(
        preview.future_participations_cancelled, 1,
        "the one planned participation is cancelled"
    );
    assert_eq!(
        (
            preview.debriefs,
            preview.absences,
            preview.absence_reasons_cleared,
            preview.invite_log_rows
        ),
        (1, 1, 1, 1),
        "debrief, absence, reason and invite log row are all counted"
    );
    assert!(preview.manager_link_cleared, "the manager link goes");
    assert!(
        preview.audit_entries >= 2,
        "the person's create and update entries name them: {preview:?}"
    );
    let tables: Vec<&str> = preview.texts.iter().map(|t| t.table.as_str()).collect();
    assert!(
        tables.contains(&"activities") && tables.contains(&"debriefs"),
        "the title and the debrief naming her are rewritten: {tables:?}"
    );

    let done = erase(&mut store, marie, now(), "hr@ex.fr").expect("erase");
    assert_eq!(
        done, preview,
        "the erasure changes exactly what its preview said"
    );
    for needle in ["Marie Dupont", "marie.dupont@ex.fr"] {
        let left = occurrences(&store, needle, "Anne-Marie Dupont");
        assert!(left.is_empty(), "{needle:?} must appear nowhere after erasure (only inside her colleague's own name), found {left:?}");
    }
    let colleague = people::get(store.conn(), other).expect("other");
    assert_eq!(
        colleague.full_name, "Anne-Marie Dupont",
        "a colleague whose name contains hers keeps it"
    );
    let title: String = store
        .conn()
        .query_row(
            "SELECT title FROM activities ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("t");
    assert_eq!(
        title,
        format!("Vis ma vie : {} chez Anne-Marie Dupont", pseudonym(marie)),
        "only her own name is replaced in free text"
    );
    let p = people::get(store.conn(), marie).expect("p");
    assert_eq!(
        (p.email.as_str(), p.active, p.manager_id),
        (pseudonymous_email(marie).as_str(), false, None),
        "pseudonymous email, inactive, no manager"
    );
    let after: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM participations WHERE person_id = ?1",
            [marie],
            |r| r.get(0),
        )
        .expect("n");
    assert_eq!(after, parts, "participations are never deleted");
    let learned: String = store
        .conn()
        .query_row("SELECT offer_feedback FROM debriefs", [], |r| r.get(0))
        .expect("d");
    assert_eq!(
        learned, "=HYPERLINK(\"x\")",
        "debrief texts about offers are kept"
    );
    let entry = crate::store::audit::for_entity(store.conn(), "person", marie)
        .expect("audit")
        .pop()
        .expect("entry");
    assert_eq!(entry.action, "anonymise:erasure", "the erasure is audited");

    let err = erase(&mut store, marie, now(), "hr@ex.fr").expect_err("twice");
    assert_eq!(
        err.code(),
        "validation",
        "an erased person cannot be erased again"
    );
    assert_eq!(err.fields()[0].code, "anonymised", "the refusal says why");
    let err = crate::ops::people::set_active(&mut store, marie, true, now(), "hr@ex.fr")
        .expect_err("reactivate");
    assert_eq!(
        err.fields()[0].code,
        "anonymised",
        "an anonymised person cannot be brought back"
    );
    let err = crate::ops::people::update(
        &mut store,
        marie,
        &PersonInput {
            full_name: "Marie Dupont".into(),
            email: "marie.dupont@ex.fr".into(),
            ..PersonInput::from(&p)
        },
        now(),
        "hr@ex.fr",
    )
    .expect_err("edit back");
    assert_eq!(
        err.fields()[0].code,
        "anonymised",
        "an anonymised identity cannot be typed back in"
    );
}

#[test]
fn no_invite_is_ever_written_to_an_anonymised_person() {
    let (mut store, marie, _) = erasure_world();
    erase(&mut store, marie, now(), "hr@ex.fr").expect("erase");
    let dir = tempfile::tempdir().expect("dir");
    let options = crate::ops::invites::InviteExportOptions {
        from: NaiveDate::from_ymd_opt(2026, 1, 1),
        to: NaiveDate::from_ymd_opt(2027, 12, 31),
        ..Default::default()
    };
    let summary = crate::ops::invites::export(&mut store, dir.path(), &options, now(), "hr@ex.fr")
        .expect("export");
    assert!(
        summary.requests > 0,
        "the planned training is still sent to the others: {summary:?}"
    );
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(
                std::fs::read_dir(&path)
                    .expect("dir")
                    .map(|e| e.expect("entry").path()),
            );
        } else {
            let text = std::fs::read_to_string(&path).expect("file");
            assert!(
                !text.contains(ANONYMISED_DOMAIN),
                "no file may be written to a pseudonymous address: {}",
                path.display()
            );
        }
    }
}

#[test]
fn access_export_holds_every_participation_and_neutralises_formulas() {
    let (store, marie, _) = erasure_world();
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("acces");
    let summary = export_access(&store, marie, &out, now()).expect("export");
    let expected: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM participations WHERE person_id = ?1",
            [marie],
            |r| r.get(0),
        )
        .expect("n");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("access.json")).expect("json"))
            .expect("parse");
    assert_eq!(
        json["participations"].as_array().map(Vec::len),
        Some(expected as usize),
        "the JSON lists every participation"
    );
    assert_eq!(
        json["person"]["email"], "Marie.Dupont@ex.fr",
        "the JSON holds the profile"
    );
    assert_eq!(
        json["absences"][0]["reason"], "Arrêt maladie",
        "absences come with their reason"
    );
    assert!(
        json["audit"].as_array().is_some_and(|a| !a.is_empty()),
        "audit entries about her are included"
    );
    let csv = std::fs::read_to_string(out.join("participations.csv")).expect("csv");
    assert!(
        csv.starts_with('\u{feff}'),
        "CSV for French Excel starts with a BOM"
    );
    assert_eq!(
        csv.lines().count() as i64,
        expected + 1,
        "one line per participation plus the header"
    );
    assert!(
        csv.lines().next().is_some_and(|h| h.contains(';')),
        "cells are separated by ';'"
    );
    let debriefs = std::fs::read_to_string(out.join("debriefs.csv")).expect("csv");
    assert!(
        debriefs.contains("'=HYPERLINK"),
        "a formula typed in a debrief is neutralised:\n{debriefs}"
    );
    assert!(
        !debriefs.contains(";=HYPERLINK") && !debriefs.contains(";\"=HYPERLINK"),
        "no cell starts with '='"
    );
    let names: Vec<&str> = summary.files.iter().map(|f| f.name.as_str()).collect();
    for name in &names {
        assert!(out.join(name).is_file(), "{name} is listed and written");
    }
    assert_eq!(
        summary
            .files
            .iter()
            .find(|f| f.name == "participations.csv")
            .map(|f| f.records),
        Some(expected),
        "the summary counts the lines"
    );
    let err = export_access(&store, marie, &out, now()).expect_err("not empty");
    assert_eq!(
        err.fields()[0].code,
        "not_empty",
        "an export never mixes with an earlier one"
    );
}

#[test]
fn whole_words_only_are_replaced() {
    use super::scrub::replace_words;
    assert_eq!(
        replace_words("avec Marie Dupont.", "Marie Dupont", "X").as_deref(),
        Some("avec X."),
        "a sentence's full stop ends the name"
    );
    assert_eq!(
        replace_words("Anne-Marie Dupont", "Marie Dupont", "X"),
        None,
        "a longer name containing hers is someone else"
    );
    assert_eq!(
        replace_words("mailto:MARIE@ex.fr,", "marie@ex.fr", "Y").as_deref(),
        Some("mailto:Y,"),
        "emails match without case"
    );
    assert_eq!(
        replace_words("annemarie@ex.fr", "marie@ex.fr", "Y"),
        None,
        "another address ending like hers is kept"
    );
}
