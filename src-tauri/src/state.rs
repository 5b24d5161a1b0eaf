//! App state: the one open store behind a mutex (SQLite connections are not shared across threads), the database
//! path, and who is using the app (the actor written in the audit log).
//!
//! Switching databases (the first run's "explore the demo" and "open a database…") is safe by construction: the new
//! file is opened and migrated first, so a failure leaves the current store in place; the swap then happens under the
//! store's lock, so it waits for the command in progress and the next command sees the new store. The old connection
//! closes when it is dropped. The UI reloads afterwards, so no page keeps data read from the old file.

use crate::error::{CmdResult, IpcError};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};
use unisson_core::store::Store;

/// Shared state of the running app.
pub struct AppState {
    store: Mutex<Store>,
    /// Where the open database lives (changes when the user switches databases).
    db_path: Mutex<PathBuf>,
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
            db_path: Mutex::new(db_path),
            actor,
            plan_cancel: AtomicBool::new(false),
        }
    }

    /// The file of the open database.
    pub fn db_path(&self) -> PathBuf {
        self.db_path.lock().map_or_else(
            |poisoned| poisoned.into_inner().clone(),
            |path| path.clone(),
        )
    }

    /// Makes `store` (already opened on `path`) the app's store; the previous one closes. Waits for the command that
    /// holds the store, so no command runs half on one file and half on the other.
    pub fn switch_to(&self, store: Store, path: PathBuf) -> CmdResult<()> {
        let mut current = self.store()?;
        let mut current_path = self.db_path.lock().map_err(|_| {
            IpcError::internal("the database path lock was poisoned by an earlier failure")
        })?;
        *current = store;
        *current_path = path;
        Ok(())
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
