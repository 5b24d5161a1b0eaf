//! What the IPC test files share: the real command handlers and capability file on Tauri's mock runtime (no window
//! is shown), and a call that goes through the same JSON the webview sends.
#![allow(dead_code)] // each test binary uses its own part of this module

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;
use unisson_core::store::Store;
use unisson_lib::state::AppState;

/// The app on an in-memory database, and its main window.
pub fn app() -> (
    tauri::App<tauri::test::MockRuntime>,
    tauri::WebviewWindow<tauri::test::MockRuntime>,
) {
    app_on(Store::open_in_memory().expect("in-memory store"))
}

/// The app on `store`, and its main window.
pub fn app_on(
    store: Store,
) -> (
    tauri::App<tauri::test::MockRuntime>,
    tauri::WebviewWindow<tauri::test::MockRuntime>,
) {
    app_at(store, ":memory:".into())
}

/// The app on `store`, opened from `path` (the first-run tests switch between files), and its main window.
pub fn app_at(
    store: Store,
    path: std::path::PathBuf,
) -> (
    tauri::App<tauri::test::MockRuntime>,
    tauri::WebviewWindow<tauri::test::MockRuntime>,
) {
    let app = unisson_lib::app::with_commands(mock_builder())
        .manage(AppState::new(store, path, "tester".into()))
        .build(tauri::generate_context!())
        .expect("app builds with the real config and capabilities");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("main window");
    (app, window)
}

/// Calls `cmd` with `args` as the UI would; `Err` holds the error object the UI receives.
pub fn invoke(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("json response"))
}
