//! Unisson's acceptance tests live in `tests/` (one file per property) and the fixtures they load in `fixtures/`.
//! The `crash-writer` binary is the child process that `tests/crash_safety.rs` kills mid-write; the sizes of its
//! operations and the directory its plans need are here, shared by both.

use chrono::{DateTime, Utc};
use unisson_core::import::ImportOptions;
use unisson_core::model::PlanningRules;
use unisson_core::ops::{import, settings};
use unisson_core::store::Store;

/// People in one file imported by the crash writer (a few hundred, as a real HR export of one site).
pub const IMPORT_SIZE: usize = 300;

/// Shadowing days in one plan applied by the crash writer.
pub const PLAN_SIZE: usize = 20;

/// Makes `store` ready for the crash writer's plans: [`PLAN_SIZE`] marketing visitors `visitor-<i>` and as many sales
/// hosts `host-<i>`, and a monthly hosting limit that lets a host receive every weekday (so a plan is never refused in
/// part, and a whole plan has a known size).
pub fn prepare_plans(store: &mut Store, now: DateTime<Utc>) -> unisson_core::Result<()> {
    let mut csv = String::from("Email,Full name,Department,Team\n");
    for i in 0..PLAN_SIZE {
        csv.push_str(&format!(
            "visitor-{i}@exemple-unisson.fr,Éloïse Noël {i},Marketing,Marketing digital\n\
             host-{i}@exemple-unisson.fr,Gaël Müller {i},Sales,Ventes Île-de-France\n"
        ));
    }
    import::people(
        store,
        csv.as_bytes(),
        &ImportOptions {
            create_missing: true,
            ..ImportOptions::default()
        },
        now,
        "crash-test",
        &mut |_, _| {},
    )?;
    let rules = PlanningRules {
        max_host_days_per_month: 31,
        ..settings::rules(store)?
    };
    settings::update_rules(store, &rules, now, "crash-test")?;
    Ok(())
}
