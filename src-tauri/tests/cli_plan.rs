//! `unisson plan` and `unisson plan apply` with the real binary on the demo: the plan file's stable shape, its
//! acceptance in one go, the accepted exchanges found in `activity list`, and a re-run that keeps them.

use chrono::Duration;
use serde_json::Value;
mod common;
use common::{init, json, unisson};

#[test]
fn plan_then_apply_then_replan_on_the_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.sqlite");
    let db = db.to_str().expect("utf-8 path");
    json(&unisson(&["demo", "--db", db]));
    // The demo is built around today: plan the coming two months.
    let today = common::today();
    let from = (today + Duration::days(1)).to_string();
    let to = (today + Duration::days(60)).to_string();
    let file = dir.path().join("plan.json");
    let file = file.to_str().expect("utf-8 path");
    let args = [
        "plan",
        "--db",
        db,
        "--from",
        &from,
        "--to",
        &to,
        "--visitors",
        "marketing",
        "--hosts",
        "sales,crc",
        "--per-visitor",
        "2",
        "--seed",
        "3",
    ];
    let mut with_out = args.to_vec();
    with_out.extend(["--out", file]);
    let summary = json(&unisson(&with_out));
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(file).expect("plan written"))
        .expect("plan JSON");
    let proposals = plan["proposals"].as_array().expect("proposals array");
    assert!(
        !proposals.is_empty(),
        "the demo has marketers and free hosts: something must be proposed"
    );
    assert_eq!(
        summary["proposals"],
        proposals.len(),
        "the summary counts the file's proposals"
    );
    for key in ["visitor", "host", "start", "end", "site", "reason"] {
        assert!(
            proposals[0].get(key).is_some(),
            "every proposal carries `{key}`, the plan file's stable shape: {}",
            proposals[0]
        );
    }
    assert!(
        plan["unplaced"].is_array(),
        "unplaced visitors are listed, with reasons"
    );
    assert!(
        plan["objective"]["total"].is_i64(),
        "the objective carries its total"
    );
    assert!(
        plan["objective"]["parts"]["coverage"].is_i64(),
        "and its parts"
    );

    let same = json(&unisson(&args));
    assert_eq!(
        same["proposals"], plan["proposals"],
        "the same seed on the same database gives the same plan"
    );

    let applied = json(&unisson(&["plan", "apply", "--db", db, file]));
    let created = applied["created"].as_array().expect("created array");
    assert_eq!(
        created.len(),
        proposals.len(),
        "a fresh plan is accepted whole: {}",
        applied["refused"]
    );
    let listed = json(&unisson(&[
        "activity",
        "list",
        "--db",
        db,
        "--from",
        &from,
        "--to",
        &to,
        "--kind",
        "shadowing",
    ]));
    let ids: Vec<i64> = listed
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|a| a["id"].as_i64())
        .collect();
    for c in created {
        assert!(
            ids.contains(&c["activityId"].as_i64().expect("id")),
            "an accepted proposal is a shadowing activity in the period"
        );
    }

    let again = json(&unisson(&args));
    let unplaced_before = plan["unplaced"].as_array().expect("array").len();
    assert!(
        again["proposals"].as_array().expect("array").len() <= 2 * unplaced_before,
        "re-running keeps what was accepted and only fills around it"
    );

    let refused = json(&unisson(&["plan", "apply", "--db", db, file]));
    assert_eq!(
        refused["created"].as_array().expect("array").len(),
        0,
        "applying the same plan twice creates nothing: every exchange now clashes with itself"
    );
    assert_eq!(
        refused["refused"].as_array().expect("array").len(),
        proposals.len(),
        "and each refusal is reported, none fatal"
    );
}

#[test]
fn plan_arguments_are_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("empty.sqlite");
    let db = db.to_str().expect("utf-8 path");
    init(db);
    let out = unisson(&["plan", "--db", db, "--to", "2027-03-01"]);
    assert!(
        !out.status.success(),
        "--from is required to suggest a plan"
    );
    let out = unisson(&[
        "plan",
        "--db",
        db,
        "--from",
        "2027-03-10",
        "--to",
        "2027-03-01",
    ]);
    assert!(
        !out.status.success(),
        "a period ending before it starts is refused"
    );
    let out = unisson(&["plan", "apply", "--db", db, "/nonexistent/plan.json"]);
    assert!(!out.status.success(), "a missing plan file fails loudly");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot read"),
        "and says why: {out:?}"
    );
}

#[test]
fn weights_are_echoed_and_can_be_overridden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("empty.sqlite");
    let db = db.to_str().expect("utf-8 path");
    init(db);
    let base = [
        "plan",
        "--db",
        db,
        "--from",
        "2027-03-01",
        "--to",
        "2027-03-05",
    ];
    let plain = json(&unisson(&base));
    assert_eq!(
        plain["objective"]["weights"]["hostLoad"], 4,
        "without an override the saved (here default) weights are used and echoed: {}",
        plain["objective"]
    );
    let mut args = base.to_vec();
    args.extend(["--weight", "hostLoad=10", "--weight", "newPair=5"]);
    let tuned = json(&unisson(&args));
    assert_eq!(
        (
            &tuned["objective"]["weights"]["hostLoad"],
            &tuned["objective"]["weights"]["newPair"]
        ),
        (&Value::from(10), &Value::from(5)),
        "--weight overrides the named weights for this run: {}",
        tuned["objective"]
    );
    for (bad, says) in [
        ("bogus=1", "unknown weight"),
        ("hostLoad=x", "whole number"),
        ("hostLoad=-1", "hostLoad"),
    ] {
        let mut args = base.to_vec();
        args.extend(["--weight", bad]);
        let out = unisson(&args);
        assert!(!out.status.success(), "--weight {bad} is refused");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "--weight {bad}: the error says `{says}`: {out:?}"
        );
    }
}
