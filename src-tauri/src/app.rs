//! The desktop app: opens the store, registers plugins and commands, and shows the main window.

use crate::clock;
use crate::commands::{
    absences, activities, app, import, invites, people, plan, reports, series, settings, sites,
};
use crate::state::{current_actor, default_db_path, AppState};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tauri::{Builder, Manager, Runtime};
use unisson_core::error::Error;
use unisson_core::store::{OpenMode, Store};

/// Registers every command on a builder (also used by the shell's tests with the mock runtime).
pub fn with_commands<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        people::people_list,
        people::person_add,
        people::person_update,
        people::person_set_active,
        crate::commands::privacy::retention_get,
        crate::commands::privacy::retention_update,
        crate::commands::privacy::person_erasure_preview,
        crate::commands::privacy::person_erase,
        crate::commands::privacy::person_export_access,
        import::people_import_preview,
        import::people_import,
        import::people_import_undo,
        import::people_export,
        import::department_aliases_get,
        import::department_aliases_set,
        sites::sites_list,
        sites::site_add,
        sites::site_update,
        sites::site_delete,
        sites::site_occupancy,
        settings::settings_get,
        settings::settings_update,
        settings::timezones_list,
        app::app_info,
        crate::commands::setup::database_status,
        crate::commands::setup::database_open_demo,
        crate::commands::setup::database_open,
        activities::activities_list,
        activities::activity_get,
        activities::activity_check,
        activities::activity_create,
        activities::activity_update,
        activities::activity_reschedule,
        activities::activity_set_status,
        activities::activity_undo_cancel,
        activities::participation_respond,
        activities::attendance_sign_off,
        activities::board_list,
        invites::invite_preview,
        invites::invites_export,
        invites::ics_import,
        absences::absences_list,
        absences::absence_add,
        absences::absence_delete,
        settings::rules_get,
        settings::rules_update,
        series::series_list,
        series::series_create,
        series::series_update_from,
        series::brief_rota_preview,
        series::brief_rota_apply,
        plan::plan_suggest,
        plan::plan_cancel,
        plan::plan_apply,
        plan::plan_weights,
        plan::plan_weights_update,
        crate::commands::debriefs::debrief_save,
        crate::commands::debriefs::debrief_delete,
        crate::commands::debriefs::debriefs_list,
        crate::commands::debriefs::debriefs_pending,
        crate::commands::debriefs::offer_tags,
        crate::commands::debriefs::offer_insights,
        crate::commands::debriefs::debrief_completion,
        crate::commands::debriefs::debrief_missing,
        reports::report_participation,
        reports::report_participation_export,
        reports::report_coverage,
        reports::report_evidence,
        reports::report_trends,
        crate::commands::objectives::objectives_list,
        crate::commands::objectives::objective_save,
        crate::commands::objectives::objective_delete,
        crate::commands::objectives::objectives_add_examples,
        crate::commands::objectives::objectives_evaluate,
    ])
}

/// The database the window opens: `--db`, else `$UNISSON_DB`, else the app-data default.
pub fn resolve_db(db: Option<PathBuf>) -> PathBuf {
    db.or_else(|| std::env::var_os("UNISSON_DB").map(PathBuf::from))
        .unwrap_or_else(default_db_path)
}

/// Applies the retention setting (anonymises people who left long enough ago) off the start path, on its own thread
/// once the app runs, holding the store's lock only for the run as a command would, and logs what it did; a failure is
/// logged and the app goes on, since the next start retries. The pages show the pseudonyms on their next load.
/// Returns the thread (`None` if it could not start).
pub fn retention_in_background<R: Runtime>(
    app: tauri::AppHandle<R>,
) -> Option<std::thread::JoinHandle<()>> {
    let spawned = std::thread::Builder::new()
        .name("retention".into())
        .spawn(move || {
            let state = app.state::<AppState>();
            let started = std::time::Instant::now();
            let report = match state.store() {
                Ok(mut store) => {
                    unisson_core::ops::privacy::apply_retention(&mut store, clock::now(), false)
                        .map_err(|e| e.to_string())
                }
                Err(e) => Err(e.message),
            };
            match report {
                Ok(report) => eprintln!(
                    "unisson: retention ({}) anonymised {} people in {} ms",
                    report
                        .months
                        .map_or_else(|| "never".to_owned(), |m| format!("{m} months")),
                    report.people.len(),
                    started.elapsed().as_millis()
                ),
                Err(e) => eprintln!("unisson: retention failed: {e}"),
            }
        });
    spawned
        .map_err(|e| eprintln!("unisson: retention not started: {e}"))
        .ok()
}

/// How the window opens its database: on the first run in its own data directory it creates it; a path the user
/// gave (`--db`, `$UNISSON_DB`) must already hold a Unisson database, so a typo does not start an empty organisation.
pub fn open_mode(db: Option<&PathBuf>) -> OpenMode {
    if db.is_some() || std::env::var_os("UNISSON_DB").is_some() {
        OpenMode::Existing
    } else {
        OpenMode::CreateIfMissing
    }
}

/// The message for a database that cannot be opened, naming the path once: the errors about the file itself already
/// name it and say what to do, the others (I/O, SQLite) get it prefixed.
pub fn open_error(db: &Path, e: &Error) -> String {
    match e {
        Error::NoDatabase { .. }
        | Error::NotUnissonDatabase { .. }
        | Error::DatabaseExists { .. } => e.to_string(),
        _ => format!("cannot open {}: {e}", db.display()),
    }
}

/// Opens the window on the database; returns when the window closes.
pub fn run(db: Option<PathBuf>) -> ExitCode {
    let mode = open_mode(db.as_ref());
    let db_path = resolve_db(db);
    let store = match Store::open_with(&db_path, mode, clock::now()) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("unisson: {}", open_error(&db_path, &e));
            return ExitCode::FAILURE;
        }
    };
    let state = AppState::new(store, db_path, current_actor());
    let builder = Builder::default()
        // Must come first: a second launch hands over to the running window instead of opening the database twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            // Detached: the window does not wait for it, and commands queue on the store's lock meanwhile.
            let _ = retention_in_background(app.handle().clone());
            Ok(())
        });
    match with_commands(builder).run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unisson: {e}");
            ExitCode::FAILURE
        }
    }
}
