//! The open workspace as every client (the app, the CLI, benchmarks) holds it: one
//! writer connection, which owns the undo stack, behind a lock, and a pool of read-only
//! connections, so that a long list, chart or export never waits for an edit and an
//! edit never waits for them. The open policy (create when missing, refuse foreign
//! files, name a new workspace after its file, the demo for the app's default file)
//! lives here once.
//!
//! Clients do not use `read` and `write` directly: they call [`crate::reads`] and
//! [`crate::edits`], which name the edit, apply its rules and return what a screen
//! needs. Those two modules are the seam where another storage engine would sit.
//! See docs/decisions/0009-edit-api-and-read-pool.md.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::meta;
use crate::db::pool::ReadPool;
use crate::db::undo::UndoState;
use crate::error::{CoreError, CoreResult};
use crate::{demo, ops, Db};

/// How long an edit waits for the writer before it is refused as busy. Ordinary edits
/// take milliseconds, so only a long import or undo makes a second edit wait this long.
pub const BUSY_WAIT: Duration = Duration::from_millis(1000);

/// What a file that does not exist yet starts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFile {
    /// Empty, named after the file (the app's screen offers the demo).
    Empty,
    /// The demo workspace (the app's default file on first start).
    Demo,
}

pub struct Workspace {
    path: Option<PathBuf>,
    writer: Mutex<Db>,
    /// What the writer is doing now (`None`: free), for the busy message.
    writing: Mutex<Option<String>>,
    writer_free: Condvar,
    /// A copy of the undo buttons' labels, readable while the writer is busy.
    undo_state: Mutex<UndoState>,
    /// `None` in memory: there, reads share the writer's connection.
    readers: Option<ReadPool>,
}

impl Workspace {
    /// Opens the workspace file at `path` with the one open policy of every client:
    /// a missing file is created (as `new_file` says) and named after the file; a file
    /// that is not a Successmap workspace, or one from a newer version, is refused.
    pub fn open(path: &Path, new_file: NewFile, now: DateTime<Utc>) -> CoreResult<Workspace> {
        let mut db = Db::open(path)?;
        let created = db.was_created();
        let stem = path.file_stem().map_or_else(
            || "Workspace".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        // Only a new (or unnamed) workspace is written to here: opening an existing one
        // takes no write lock, so the CLI reads a file the app is busy writing.
        let unnamed = db.read(|c| Ok(meta::get(c, meta::NAME)?.is_none()))?;
        if created || unnamed {
            db.write(|tx| {
                if created && new_file == NewFile::Demo {
                    demo::build(tx, now)?;
                }
                ops::workspace::initialise(tx, &stem, now)
            })?;
        }
        Ok(Workspace::with_writer(db, Some(ReadPool::new(path))))
    }

    /// A fresh workspace in memory (tests); reads share the writer's connection.
    pub fn in_memory() -> CoreResult<Workspace> {
        Ok(Workspace::with_writer(Db::open_in_memory()?, None))
    }

    fn with_writer(db: Db, readers: Option<ReadPool>) -> Workspace {
        Workspace {
            path: db.path().map(Path::to_path_buf),
            undo_state: Mutex::new(db.undo_state()),
            writer: Mutex::new(db),
            writing: Mutex::new(None),
            writer_free: Condvar::new(),
            readers,
        }
    }

    /// The workspace file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs read-only work on a snapshot of the committed workspace; never waits for
    /// the writer (on a file).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> CoreResult<T>) -> CoreResult<T> {
        match &self.readers {
            Some(pool) => pool.read(f),
            None => self.lock_writer()?.read(f),
        }
    }

    /// Runs `f` on a read connection outside any transaction (each statement reads its
    /// own snapshot): for statements that cannot run in one, such as `VACUUM INTO`.
    pub fn read_outside_transaction<T>(
        &self,
        f: impl FnOnce(&Connection) -> CoreResult<T>,
    ) -> CoreResult<T> {
        match &self.readers {
            Some(pool) => pool.read_outside_transaction(f),
            None => self.lock_writer()?.read(f),
        }
    }

    /// Runs `f` with the writer. `activity` says what it is doing ("importing customers
    /// from “crm.csv”") to an edit that arrives meanwhile: that one waits up to
    /// [`BUSY_WAIT`], then is refused with [`CoreError::Busy`].
    pub fn write<T>(
        &self,
        activity: &str,
        f: impl FnOnce(&mut Db) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let _claim = self.claim(activity)?;
        let mut db = self.lock_writer()?;
        let result = f(&mut db);
        if let Ok(mut state) = self.undo_state.lock() {
            *state = db.undo_state();
        }
        result
    }

    /// What the undo and redo buttons say now (does not wait for the writer).
    pub fn undo_state(&self) -> CoreResult<UndoState> {
        self.undo_state
            .lock()
            .map(|s| s.clone())
            .map_err(|_| CoreError::Interrupted)
    }

    /// What the writer is doing now, if anything.
    pub fn activity(&self) -> Option<String> {
        self.writing.lock().ok().and_then(|s| s.clone())
    }

    fn claim(&self, activity: &str) -> CoreResult<Claim<'_>> {
        let state = self.writing.lock().map_err(|_| CoreError::Interrupted)?;
        let (mut state, _) = self
            .writer_free
            .wait_timeout_while(state, BUSY_WAIT, |s| s.is_some())
            .map_err(|_| CoreError::Interrupted)?;
        if let Some(running) = state.as_ref() {
            return Err(CoreError::Busy {
                activity: running.clone(),
            });
        }
        *state = Some(activity.to_string());
        Ok(Claim { workspace: self })
    }

    fn lock_writer(&self) -> CoreResult<MutexGuard<'_, Db>> {
        self.writer.lock().map_err(|_| CoreError::Interrupted)
    }
}

/// The writer claimed for one write; released (and the next waiting edit woken) on drop,
/// also when the write fails.
struct Claim<'a> {
    workspace: &'a Workspace,
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        if let Ok(mut state) = self.workspace.writing.lock() {
            *state = None;
        }
        self.workspace.writer_free.notify_one();
    }
}
