//! Pins the IPC contract the UI relies on: command names, argument names, and the `{ code, message, fields }` error
//! shape, through the real command handlers and capability file (mock runtime, no window).

mod ipc_support;

use ipc_support::{app, app_at, invoke};
use serde_json::{json, Value};
use tauri::test::mock_builder;
use unisson_core::store::Store;
use unisson_lib::state::AppState;

fn person(email: &str) -> Value {
    json!({ "input": {
        "fullName": "Hélène Dupré", "email": email, "department": "marketing", "team": "Marketing Digital",
        "siteId": null, "managerId": null, "active": true
    }})
}

#[test]
fn validation_errors_have_the_shape_the_ui_branches_on() {
    let (_app, window) = app();
    let err = invoke(&window, "person_add", person("not-an-email"))
        .expect_err("an invalid email must be refused");
    assert_eq!(
        err["code"], "validation",
        "the UI shows inline errors when code is `validation`: {err}"
    );
    assert!(
        err["message"].as_str().is_some_and(|m| !m.is_empty()),
        "a message is always present for logs: {err}"
    );
    assert_eq!(
        err["fields"],
        json!([{ "field": "email", "code": "invalid_email", "message": "\"not-an-email\" is not a valid email address" }]),
        "each field error names the camelCase field and a code the UI translates"
    );
    let list = invoke(&window, "people_list", json!({})).expect("list");
    assert_eq!(list, json!([]), "a refused person must not be saved");
}

#[test]
fn other_errors_carry_a_code_and_no_fields() {
    let (_app, window) = app();
    let err = invoke(
        &window,
        "person_set_active",
        json!({ "id": 999, "active": false }),
    )
    .expect_err("unknown id");
    assert_eq!(
        err["code"], "not_found",
        "the UI branches on `not_found` to refresh a stale list: {err}"
    );
    assert_eq!(
        err["fields"],
        json!([]),
        "only validation errors have fields: {err}"
    );
}

#[test]
fn commands_round_trip_through_ipc() {
    let (_app, window) = app();
    let site = invoke(
        &window,
        "site_add",
        json!({ "input": { "name": "Lyon – CRC", "timezone": "Europe/Paris", "seats": 8, "isCrc": true } }),
    )
    .expect("site_add");
    assert_eq!(
        site["isCrc"], true,
        "fields are camelCase on the wire, as in the generated bindings"
    );
    let added = invoke(&window, "person_add", person("helene@exemple.fr")).expect("person_add");
    assert_eq!(
        added["email"], "helene@exemple.fr",
        "the stored person comes back"
    );
    let off = invoke(
        &window,
        "person_set_active",
        json!({ "id": added["id"], "active": false }),
    )
    .expect("deactivate");
    assert_eq!(off["active"], false, "deactivation is visible at once");
    let rows = invoke(&window, "people_list", json!({})).expect("list");
    assert_eq!(
        rows.as_array().map(Vec::len),
        Some(1),
        "deactivated people stay listed for history"
    );
    let settings = invoke(&window, "settings_get", json!({})).expect("settings");
    assert_eq!(
        settings["defaultTimezone"], "Europe/Paris",
        "French companies first: Paris is the default zone"
    );
    let occupancy = invoke(
        &window,
        "site_occupancy",
        json!({ "siteId": site["id"], "first": "2027-01-11", "last": "2027-01-12" }),
    )
    .expect("site_occupancy");
    assert_eq!(
        occupancy,
        json!([
            { "day": "2027-01-11", "used": 0, "seats": 8 },
            { "day": "2027-01-12", "used": 0, "seats": 8 }
        ]),
        "one entry per day, seats taken and seats available"
    );
    let err = invoke(&window, "site_delete", json!({ "id": site["id"] })).map(|_| ());
    assert!(err.is_ok(), "a site nobody uses can be deleted: {err:?}");
}

#[test]
fn import_export_and_alias_commands_round_trip_through_ipc() {
    let (_app, window) = app();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("rh.csv");
    std::fs::write(
        &file,
        "Nom complet;Email;Service\nHélène Dupré;helene@exemple.fr;Mktg\n",
    )
    .expect("write");
    let path = file.to_str().expect("utf-8 path");

    let preview = invoke(
        &window,
        "people_import_preview",
        json!({ "path": path, "options": {} }),
    )
    .expect("preview");
    assert_eq!(
        preview["created"], 1,
        "the preview reads the file the dialog chose: {preview}"
    );
    assert_eq!(
        preview["delimiter"], "semicolon",
        "enums travel as snake_case, as in the bindings"
    );
    let list = invoke(&window, "people_list", json!({})).expect("list");
    assert_eq!(list, json!([]), "a preview writes nothing");

    let done = invoke(
        &window,
        "people_import",
        json!({ "path": path, "options": { "strict": true }, "onProgress": "__CHANNEL__:1" }),
    )
    .expect("import");
    assert_eq!(done["applied"], true, "the import writes: {done}");
    let undone = invoke(
        &window,
        "people_import_undo",
        json!({ "importId": done["importId"] }),
    )
    .expect("undo");
    assert_eq!(
        undone["deleted"], 1,
        "undo removes the person the import created: {undone}"
    );

    let out = dir.path().join("export.csv");
    let written = invoke(
        &window,
        "people_export",
        json!({ "path": out.to_str(), "delimiter": "comma" }),
    )
    .expect("export");
    assert!(
        written.as_u64().is_some_and(|n| n > 3),
        "the export reports the bytes written"
    );
    let bytes = std::fs::read(&out).expect("exported file");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFid,full_name"),
        "a BOM for Excel and the chosen delimiter"
    );

    let aliases = invoke(&window, "department_aliases_get", json!({})).expect("aliases");
    assert!(
        aliases.as_array().is_some_and(|a| !a.is_empty()),
        "the built-in table until one is saved"
    );
    let err = invoke(
        &window,
        "department_aliases_set",
        json!({ "aliases": [{ "alias": "Mktg", "department": "marketing" }, { "alias": "MKTG", "department": "sales" }] }),
    )
    .expect_err("duplicate alias");
    assert_eq!(
        err["fields"][0]["code"], "duplicate_alias",
        "the settings page shows the bad row: {err}"
    );
}

#[test]
fn plan_suggest_on_an_empty_store_returns_an_empty_plan() {
    let (_app, window) = app();
    let request = json!({
        "from": "2027-01-04", "to": "2027-01-29", "visitors": ["marketing"], "hosts": ["sales", "crc"],
        "perVisitor": 1, "halfDays": false, "crossSite": false, "seed": 1,
        "weights": { "coverage": 1000, "newPair": 30, "newTeam": 60, "reciprocity": 40, "sameWeek": 25,
                     "weekOverload": 15, "hostLoad": 4, "newcomer": 25 }
    });
    let plan = invoke(
        &window,
        "plan_suggest",
        json!({ "request": request, "onProgress": "__CHANNEL__:1" }),
    )
    .expect("suggest");
    assert_eq!(plan["proposals"], json!([]), "nobody to plan: {plan}");
    assert_eq!(plan["unplaced"], json!([]), "nobody to plan: {plan}");
    invoke(&window, "plan_cancel", json!({})).expect("cancel");
    let applied = invoke(&window, "plan_apply", json!({ "plan": plan })).expect("apply");
    assert_eq!(
        applied,
        json!({ "created": [], "refused": [] }),
        "{applied}"
    );
}

#[test]
fn plan_weights_are_read_validated_and_saved() {
    let (_app, window) = app();
    let mut weights = invoke(&window, "plan_weights", json!({})).expect("weights");
    assert_eq!(weights["coverage"], 1000, "the defaults first: {weights}");
    weights["hostLoad"] = json!(-3);
    let err = invoke(
        &window,
        "plan_weights_update",
        json!({ "weights": weights }),
    )
    .expect_err("a negative weight is refused");
    assert_eq!(
        err["fields"][0]["field"], "hostLoad",
        "the dialog shows the bad weight: {err}"
    );
    weights["hostLoad"] = json!(12);
    invoke(
        &window,
        "plan_weights_update",
        json!({ "weights": weights }),
    )
    .expect("saved");
    let again = invoke(&window, "plan_weights", json!({})).expect("weights");
    assert_eq!(
        again["hostLoad"], 12,
        "saved weights are read back: {again}"
    );
}

#[test]
fn reports_answer_on_an_empty_store() {
    let (_app, window) = app();
    let rows = invoke(
        &window,
        "report_participation",
        json!({ "from": "2027-01-01", "to": "2027-03-31", "by": "team" }),
    )
    .expect("participation");
    assert_eq!(rows, json!([]), "nobody yet: {rows}");
    let coverage = invoke(
        &window,
        "report_coverage",
        json!({ "from": "2027-01-01", "to": "2027-03-31" }),
    )
    .expect("coverage");
    assert_eq!(coverage["cells"], json!([]), "{coverage}");
    let ids = invoke(
        &window,
        "report_evidence",
        json!({ "from": "2027-01-01", "to": "2027-03-31", "by": "team", "group": "Paris", "metric": "shadowingVisitor" }),
    )
    .expect("evidence");
    assert_eq!(ids, json!([]), "{ids}");
    let ids = invoke(
        &window,
        "report_evidence",
        json!({ "from": "2027-01-01", "to": "2027-03-31", "by": "team", "group": null, "metric": "exchanges" }),
    )
    .expect("evidence of everyone (a trend point) takes a null group");
    assert_eq!(ids, json!([]), "{ids}");
    let trend = invoke(
        &window,
        "report_trends",
        json!({ "from": "2027-01-01", "to": "2027-03-31", "step": null }),
    )
    .expect("trends");
    let labels: Vec<&str> = trend
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["label"].as_str().expect("label"))
        .collect();
    assert_eq!(
        (labels.first(), labels.len()),
        (Some(&"2026-W53"), 14),
        "a quarter comes by ISO week by default, 1 January 2027 in week 53 of 2026: {trend}"
    );
    let months = invoke(
        &window,
        "report_trends",
        json!({ "from": "2027-01-01", "to": "2027-03-31", "step": "month" }),
    )
    .expect("trends by month");
    assert_eq!(
        months.as_array().map(Vec::len),
        Some(3),
        "three months: {months}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("rapport.csv");
    let header: serde_json::Map<String, Value> = unisson_core::report::csv::PARTICIPATION_HEADER
        .iter()
        .enumerate()
        .map(|(i, f)| (f.to_string(), json!(format!("Colonne {}", i + 1))))
        .collect();
    invoke(
        &window,
        "report_participation_export",
        json!({ "from": "2027-01-01", "to": "2027-03-31", "by": "team", "path": out.to_str(), "header": header }),
    )
    .expect("export with the UI's labels");
    let csv = std::fs::read_to_string(&out).expect("exported file");
    assert!(
        csv.starts_with("\u{feff}Colonne 1;Colonne 2;"),
        "the UI's header labels head the CSV: {csv}"
    );
    let err = invoke(
        &window,
        "report_participation_export",
        json!({ "from": "2027-01-01", "to": "2027-03-31", "by": "team", "path": out.to_str(), "header": { "group": "Groupe" } }),
    )
    .expect_err("a short header");
    assert_eq!(
        err["fields"][0]["field"], "header",
        "a header with a missing label is refused: {err}"
    );
    let err = invoke(
        &window,
        "report_participation",
        json!({ "from": "2027-03-31", "to": "2027-01-01", "by": "team" }),
    )
    .expect_err("reversed period");
    assert_eq!(err["fields"][0]["code"], "before_from", "{err}");
}

#[test]
fn debrief_commands_answer_and_refuse_through_ipc() {
    let (_app, window) = app();
    let period = json!({ "from": "2027-01-01", "to": "2027-03-31" });
    let with = |extra: Value| {
        let mut args = period.clone();
        args.as_object_mut()
            .expect("object")
            .extend(extra.as_object().expect("object").clone());
        args
    };
    let empty = [
        ("debriefs_pending", json!({ "personId": null })),
        (
            "debriefs_list",
            json!({ "query": { "from": null, "to": null, "kind": null, "offerTag": null, "personId": null } }),
        ),
        ("offer_tags", json!({})),
        (
            "debrief_missing",
            with(json!({ "by": "team", "group": null })),
        ),
    ];
    for (cmd, args) in empty {
        let got = invoke(&window, cmd, args).unwrap_or_else(|e| panic!("{cmd}: {e}"));
        assert_eq!(got, json!([]), "{cmd} on an empty store lists nothing");
    }
    let insights =
        invoke(&window, "offer_insights", with(json!({ "kind": null }))).expect("insights");
    assert_eq!(
        (
            &insights["offers"],
            &insights["previousFrom"],
            &insights["months"]
        ),
        (
            &json!([]),
            &json!("2026-10-01"),
            &json!(["2027-01", "2027-02", "2027-03"])
        ),
        "insights name their previous period and months: {insights}"
    );
    let completion = invoke(
        &window,
        "debrief_completion",
        with(json!({ "by": "department" })),
    )
    .expect("completion");
    assert_eq!(
        completion["total"],
        json!({ "group": "", "expected": 0, "filled": 0, "rate": null }),
        "nothing expected, no rate: {completion}"
    );
    let input = |rating: i32| {
        json!({ "input": { "activityId": 42, "personId": 1, "rating": rating, "learned": "", "customerNeeds": "",
            "offerFeedback": "", "offerTag": "" } })
    };
    let err = invoke(&window, "debrief_save", input(9)).expect_err("rating 9");
    assert_eq!(
        (
            &err["code"],
            &err["fields"][0]["field"],
            &err["fields"][0]["code"]
        ),
        (
            &json!("validation"),
            &json!("rating"),
            &json!("out_of_range")
        ),
        "the form shows the rating error inline: {err}"
    );
    let err = invoke(&window, "debrief_save", input(4)).expect_err("no activity");
    assert_eq!(err["code"], "not_found", "{err}");
    let err = invoke(&window, "debrief_delete", json!({ "id": 7 })).expect_err("no debrief");
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn objective_commands_round_trip_through_ipc() {
    let (_app, window) = app();
    let input = |target: f64| {
        json!({ "title": "Chaque marketeur sur le terrain", "department": "marketing", "metric": "each_person_visits",
            "target": target, "cadence": "quarter", "activeFrom": "2027-01-01", "activeTo": null })
    };
    let err = invoke(
        &window,
        "objective_save",
        json!({ "id": null, "input": input(0.0) }),
    )
    .expect_err("target 0");
    assert_eq!(
        (
            &err["code"],
            &err["fields"][0]["field"],
            &err["fields"][0]["code"]
        ),
        (&json!("validation"), &json!("target"), &json!("too_small")),
        "the form shows the target error inline: {err}"
    );
    let made = invoke(
        &window,
        "objective_save",
        json!({ "id": null, "input": input(1.0) }),
    )
    .expect("add");
    let id = made["id"].clone();
    let edited = invoke(
        &window,
        "objective_save",
        json!({ "id": id, "input": input(2.0) }),
    )
    .expect("edit");
    assert_eq!(
        (&edited["id"], &edited["target"]),
        (&id, &json!(2.0)),
        "editing keeps the id: {edited}"
    );
    let examples = invoke(
        &window,
        "objectives_add_examples",
        json!({ "language": "en", "activeFrom": "2027-01-01" }),
    )
    .expect("examples");
    assert_eq!(
        examples.as_array().map(Vec::len),
        Some(4),
        "four examples: {examples}"
    );
    let listed = invoke(&window, "objectives_list", json!({})).expect("list");
    assert_eq!(
        listed.as_array().map(Vec::len),
        Some(5),
        "one saved and four examples: {listed}"
    );
    let progress = invoke(
        &window,
        "objectives_evaluate",
        json!({ "period": "2027-Q1" }),
    )
    .expect("evaluate");
    let first = &progress[0];
    assert_eq!(
        progress.as_array().map(Vec::len),
        Some(5),
        "every objective is active in 2027-Q1: {progress}"
    );
    for field in [
        "period",
        "share",
        "progress",
        "status",
        "holdersBack",
        "evidence",
        "planned",
        "projectedShare",
    ] {
        assert!(
            first.get(field).is_some(),
            "the page reads {field}: {first}"
        );
    }
    let err = invoke(
        &window,
        "objectives_evaluate",
        json!({ "period": "2027-Q5" }),
    )
    .expect_err("bad period");
    assert_eq!(
        err["fields"][0]["code"], "invalid_period",
        "a bad period is a field error: {err}"
    );
    let gone = invoke(&window, "objective_delete", json!({ "id": id })).expect("delete");
    assert_eq!(
        gone["title"], "Chaque marketeur sur le terrain",
        "delete returns it for Undo: {gone}"
    );
    let err = invoke(&window, "objective_delete", json!({ "id": id })).expect_err("twice");
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn privacy_commands_round_trip_through_ipc() {
    let (_app, window) = app();
    let retention = invoke(&window, "retention_get", json!({})).expect("retention");
    assert_eq!(retention["months"], 24, "24 months by default: {retention}");
    let err = invoke(
        &window,
        "retention_update",
        json!({ "retention": { "months": 0 } }),
    )
    .expect_err("zero months is refused");
    assert_eq!(
        err["fields"][0]["field"], "months",
        "the field is named: {err}"
    );
    let never = invoke(
        &window,
        "retention_update",
        json!({ "retention": { "months": null } }),
    )
    .expect("never");
    assert_eq!(never["months"], Value::Null, "never is a choice: {never}");

    let added = invoke(&window, "person_add", person("helene@ex.fr")).expect("add");
    let id = added["id"].clone();
    let preview = invoke(&window, "person_erasure_preview", json!({ "id": id })).expect("preview");
    assert_eq!(
        preview["email"], "helene@ex.fr",
        "the preview names who: {preview}"
    );
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("access");
    let export = invoke(
        &window,
        "person_export_access",
        json!({ "id": id, "outDir": out }),
    )
    .expect("export");
    assert!(
        export["files"].as_array().is_some_and(|f| !f.is_empty()),
        "the export lists its files: {export}"
    );
    let erased = invoke(&window, "person_erase", json!({ "id": id })).expect("erase");
    assert_eq!(
        erased["pseudonym"],
        format!("Personne anonymisée #{id}"),
        "{erased}"
    );
    let people = invoke(&window, "people_list", json!({})).expect("list");
    assert_eq!(
        people[0]["anonymised"], true,
        "the list marks anonymised people: {people}"
    );
}

#[test]
fn retention_runs_on_its_own_thread_against_the_app_store() {
    use unisson_core::model::{Department, PersonInput};
    let left = chrono::DateTime::parse_from_rfc3339("2020-01-06T09:00:00Z")
        .expect("instant")
        .to_utc();
    let mut store = Store::open_in_memory().expect("in-memory store");
    let leaver = store
        .write("hr", left, |tx| {
            unisson_core::store::people::insert(
                tx,
                &PersonInput {
                    full_name: "Parti Depuis Longtemps".into(),
                    email: "parti@ex.fr".into(),
                    department: Department::Sales,
                    team: "Ventes".into(),
                    site_id: None,
                    manager_id: None,
                    active: true,
                },
            )
        })
        .expect("leaver")
        .id;
    unisson_core::ops::people::set_active(&mut store, leaver, false, left, "hr").expect("left");
    let app = unisson_lib::app::with_commands(mock_builder())
        .manage(AppState::new(store, ":memory:".into(), "tester".into()))
        .build(tauri::generate_context!())
        .expect("app builds");
    unisson_lib::app::retention_in_background(app.handle().clone())
        .expect("the retention thread starts")
        .join()
        .expect("the retention thread does not panic");
    let state = tauri::Manager::state::<AppState>(&app);
    let store = state.store().expect("store");
    let person = unisson_core::store::people::get(store.conn(), leaver).expect("person");
    assert!(
        person.anonymised_at.is_some() && person.full_name != "Parti Depuis Longtemps",
        "someone who left years ago is anonymised by the start-up retention thread: {person:?}"
    );
}

#[test]
fn first_run_switches_to_the_demo_file_and_back_to_a_picked_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("unisson.sqlite");
    let now: chrono::DateTime<chrono::Utc> = "2027-01-04T09:00:00Z".parse().expect("instant");
    let (_app, window) = app_at(
        Store::open_with(&real, unisson_core::store::OpenMode::CreateNew, now)
            .expect("real database"),
        real.clone(),
    );

    let status = invoke(&window, "database_status", json!({})).expect("status");
    assert_eq!(
        status["isNew"], true,
        "an empty database opens on the welcome: {status}"
    );
    assert_eq!(
        status["isDemo"], false,
        "the user's own database is never labelled demo: {status}"
    );

    let demo = invoke(&window, "database_open_demo", json!({})).expect("open the demo");
    assert_eq!(
        (&demo["isDemo"], &demo["isNew"]),
        (&json!(true), &json!(false)),
        "the demo is filled and labelled: {demo}"
    );
    let info = invoke(&window, "app_info", json!({})).expect("app info");
    let demo_file = dir.path().join("demo.sqlite");
    assert_eq!(
        info["dbPath"],
        json!(demo_file.display().to_string()),
        "the demo lives in its own file next to the real one, and the app now reads it"
    );
    let people = invoke(&window, "people_list", json!({})).expect("people of the demo");
    assert!(
        people.as_array().is_some_and(|p| p.len() >= 100),
        "commands now read the demo's people"
    );
    let untouched = Store::open(&real, now).expect("reopen the real database");
    assert!(
        unisson_core::ops::setup::status(&untouched)
            .expect("status")
            .is_new,
        "the demo must never be written into the user's database"
    );
    drop(untouched);

    let err = invoke(
        &window,
        "database_open",
        json!({ "path": dir.path().join("absent.sqlite") }),
    )
    .expect_err("a missing file is refused");
    assert_eq!(
        err["code"], "no_database",
        "the refusal names the reason: {err}"
    );
    let still = invoke(&window, "app_info", json!({})).expect("app info");
    assert_eq!(
        still["dbPath"], info["dbPath"],
        "a refused switch leaves the current database open"
    );

    let back =
        invoke(&window, "database_open", json!({ "path": real })).expect("open the real database");
    assert_eq!(
        back["isNew"], true,
        "the real database is back, still empty: {back}"
    );
    let again = invoke(&window, "database_open_demo", json!({})).expect("the demo opens again");
    assert_eq!(
        again["people"], demo["people"],
        "opening the demo again reuses it rather than generating twice"
    );
}
