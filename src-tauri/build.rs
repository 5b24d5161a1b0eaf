//! Build script: Tauri's command permissions, and the git commit the binary is built from.

use std::process::Command;

fn main() {
    commit_env();
    // Each app command gets its own permission, so the capability file can grant exactly the ones the UI uses.
    let commands = &[
        "people_list",
        "person_add",
        "person_update",
        "person_set_active",
        "retention_get",
        "retention_update",
        "person_erasure_preview",
        "person_erase",
        "person_export_access",
        "people_import_preview",
        "people_import",
        "people_import_undo",
        "people_export",
        "department_aliases_get",
        "department_aliases_set",
        "sites_list",
        "site_add",
        "site_update",
        "site_delete",
        "site_occupancy",
        "settings_get",
        "settings_update",
        "timezones_list",
        "app_info",
        "database_status",
        "database_open_demo",
        "database_open",
        "activities_list",
        "activity_get",
        "activity_check",
        "activity_create",
        "activity_update",
        "activity_reschedule",
        "activity_set_status",
        "activity_undo_cancel",
        "participation_respond",
        "attendance_sign_off",
        "board_list",
        "invite_preview",
        "invites_export",
        "ics_import",
        "absences_list",
        "absence_add",
        "absence_delete",
        "rules_get",
        "rules_update",
        "series_list",
        "series_create",
        "series_update_from",
        "brief_rota_preview",
        "brief_rota_apply",
        "plan_suggest",
        "plan_cancel",
        "plan_apply",
        "plan_weights",
        "plan_weights_update",
        "debrief_save",
        "debrief_delete",
        "debriefs_list",
        "debriefs_pending",
        "offer_tags",
        "offer_insights",
        "debrief_completion",
        "debrief_missing",
        "report_participation",
        "report_participation_export",
        "report_coverage",
        "report_evidence",
        "report_trends",
        "objectives_list",
        "objective_save",
        "objective_delete",
        "objectives_add_examples",
        "objectives_evaluate",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}

/// Sets `UNISSON_COMMIT` to the short hash of the checkout being built (shown by `--version` and the About box), or
/// "unknown" outside a git checkout (a source tarball) or without git. Local only: no network.
fn commit_env() {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
    };
    let commit = git(&["rev-parse", "--short=10", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=UNISSON_COMMIT={commit}");
    // Rebuild when HEAD moves (a commit, checkout or rebase writes the HEAD reflog), not on every file change.
    for path in ["HEAD", "logs/HEAD"] {
        if let Some(file) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={file}");
        }
    }
}
