//! App state: the one open store behind a mutex (SQLite connections are not shared across threads), the database
//! path, and who is using the app (the actor written in the audit log).

use crate::error::{CmdResult, IpcError};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};
use unisson_core::store::Store;

/// Shared state of the running app.
pub struct AppState {
    store: Mutex<Store>,
    /// Where the database lives.
    pub db_path: PathBuf,
    /// Recorded as the actor of every change made in the window.
    pub actor: String,
    /// Raised by `plan_cancel`; the running plan suggestion polls it.
    pub plan_cancel: AtomicBool,
}

impl AppState {
    /// Wraps an open store.
    pub fn new(store: Store, db_path: PathBuf, actor: String) -> Self {
        AppState {
            store: Mutex::new(store),
            db_path,
            actor,
            plan_cancel: AtomicBool::new(false),
        }
    }

    /// Locks the store for one command.
    pub fn store(&self) -> CmdResult<MutexGuard<'_, Store>> {
        self.store
            .lock()
            .map_err(|_| IpcError::internal("the database lock was poisoned by an earlier failure"))
    }
}

/// The user name of this session, for the audit log.
pub fn current_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unisson".into())
}

/// The default database: `<OS data dir>/fr.unisson.app/unisson.sqlite`, the same place Tauri calls app data.
pub fn default_db_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("fr.unisson.app")
        .join("unisson.sqlite")
}
