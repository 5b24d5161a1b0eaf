fn main() {
    // Each app command gets its own permission, so the capability file can grant exactly the ones the UI uses.
    let commands = &[
        "people_list",
        "person_add",
        "person_update",
        "person_set_active",
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
        "settings_get",
        "settings_update",
        "timezones_list",
        "app_info",
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
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
