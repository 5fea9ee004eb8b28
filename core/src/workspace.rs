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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::meta;
use crate::db::pool::ReadPool;
use crate::db::undo::UndoState;
use crate::error::{CoreError, CoreResult};
use crate::{demo, files, ops, Db};

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

/// What the undo history says after an operation stopped midway (a fault of the app).
pub const INTERRUPTED_NOTICE: &str =
    "An operation stopped midway and was rolled back; the undo history was cleared.";

const READ_ONLY: &str = "the workspace was opened to read only";

/// How long closing waits for a running write (an import) to finish.
pub const CLOSE_WAIT: Duration = Duration::from_secs(60);

pub struct Workspace {
    path: Option<PathBuf>,
    /// `None` once closed, and for a workspace opened read-only.
    writer: Mutex<Option<Db>>,
    /// Why writes are refused when there is no writer.
    no_writer: &'static str,
    /// Opened to read only: writes are refused (the writer, if any, is a copy in memory).
    read_only: bool,
    closed: AtomicBool,
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
        let stem = name_of(path);
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

    /// Opens a workspace file that must already exist (the app's Open… and Open Recent):
    /// a missing file is not created, and an empty file (which SQLite would take for a
    /// new database) is refused as not a workspace rather than turned into one.
    pub fn open_existing(path: &Path, now: DateTime<Utc>) -> CoreResult<Workspace> {
        match std::fs::metadata(path) {
            Err(_) => Err(CoreError::NoWorkspace {
                path: path.to_path_buf(),
            }),
            Ok(meta) if meta.is_dir() => Err(CoreError::NotAWorkspace {
                path: path.to_path_buf(),
                reason: "it is a folder".to_string(),
            }),
            Ok(meta) if meta.len() == 0 => Err(CoreError::NotAWorkspace {
                path: path.to_path_buf(),
                reason: "the file is empty".to_string(),
            }),
            Ok(_) => Workspace::open(path, NewFile::Empty, now),
        }
    }

    /// Creates a new, empty workspace file at `path`, named after the file (the app's New
    /// workspace…). An existing file is replaced only with [`Replace::Yes`], and never the
    /// workspace `open` (the one the app has open now). The file is made beside the target
    /// and renamed into place complete, so a failure leaves what was there; the companion
    /// files of a replaced workspace (its log) go with it.
    pub fn create(
        path: &Path,
        open: Option<&Path>,
        replace: files::Replace,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let stem = name_of(path);
        files::fill_replacing(path, open, replace, |temp| {
            let mut db = Db::open(temp)?;
            db.write(|tx| ops::workspace::initialise(tx, &stem, now))?;
            db.close()?;
            Ok(())
        })?;
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut companion = path.as_os_str().to_owned();
            companion.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(companion));
        }
        Ok(())
    }

    /// A fresh workspace in memory (tests); reads share the writer's connection.
    pub fn in_memory() -> CoreResult<Workspace> {
        Ok(Workspace::with_writer(Db::open_in_memory()?, None))
    }

    fn with_writer(db: Db, readers: Option<ReadPool>) -> Workspace {
        Workspace {
            path: db.path().map(Path::to_path_buf),
            undo_state: Mutex::new(db.undo_state()),
            writer: Mutex::new(Some(db)),
            no_writer: "the workspace is closed",
            read_only: false,
            closed: AtomicBool::new(false),
            writing: Mutex::new(None),
            writer_free: Condvar::new(),
            readers,
        }
    }

    /// Opens an existing workspace file for reading only (the CLI's `stats`, `export`,
    /// `segment`, `import --dry-run`): nothing is created, migrated or written. A file of
    /// an older schema is read from a migrated copy in memory; the file stays as it is.
    pub fn open_read_only(path: &Path) -> CoreResult<Workspace> {
        match Db::open_read_only(path)? {
            crate::db::ReadOnly::Current => Ok(Workspace {
                path: Some(path.to_path_buf()),
                undo_state: Mutex::new(UndoState::default()),
                writer: Mutex::new(None),
                no_writer: READ_ONLY,
                read_only: true,
                closed: AtomicBool::new(false),
                writing: Mutex::new(None),
                writer_free: Condvar::new(),
                readers: Some(ReadPool::alone(path)),
            }),
            crate::db::ReadOnly::Migrated(db) => {
                let mut ws = Workspace::with_writer(*db, None);
                ws.path = Some(path.to_path_buf());
                ws.no_writer = READ_ONLY;
                ws.read_only = true;
                Ok(ws)
            }
        }
    }

    /// Closes the workspace: waits for a running write (up to [`CLOSE_WAIT`]), moves
    /// everything from the write-ahead log into the file (`wal_checkpoint(TRUNCATE)`), and
    /// closes every connection, so that the file alone is the whole workspace and the
    /// `-wal` and `-shm` files are gone. Reads and writes after this are refused.
    /// Returns whether the log could be emptied (a reader of another process can keep
    /// it from being).
    pub fn close(&self) -> CoreResult<bool> {
        if self.closed.swap(true, Ordering::SeqCst) {
            return Ok(true);
        }
        let deadline = Instant::now() + CLOSE_WAIT;
        let _claim = loop {
            match self.claim("closing the workspace") {
                Ok(claim) => break claim,
                Err(CoreError::Busy { .. }) if Instant::now() < deadline => continue,
                Err(e) => return Err(e),
            }
        };
        if let Some(pool) = &self.readers {
            pool.close();
        }
        let mut writer = self.lock_writer()?;
        let Some(db) = writer.take() else {
            return Ok(true);
        };
        db.close()
    }

    fn lock_writer(&self) -> CoreResult<MutexGuard<'_, Option<Db>>> {
        Ok(self
            .writer
            .lock()
            .unwrap_or_else(|poisoned| self.recover(poisoned)))
    }

    /// After a panic while the writer was held: the connection is usable again (any
    /// transaction left open is rolled back), the undo history is cleared with a notice.
    fn recover<'a>(
        &'a self,
        poisoned: PoisonError<MutexGuard<'a, Option<Db>>>,
    ) -> MutexGuard<'a, Option<Db>> {
        let mut guard = poisoned.into_inner();
        if let Some(db) = guard.as_mut() {
            db.recover_after_panic(INTERRUPTED_NOTICE);
            self.publish_undo_state(db);
        }
        self.writer.clear_poison();
        guard
    }

    /// The workspace file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs read-only work on a snapshot of the committed workspace; never waits for
    /// the writer (on a file).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> CoreResult<T>) -> CoreResult<T> {
        self.check_open()?;
        match &self.readers {
            Some(pool) => pool.read(f),
            None => self.with_db(|db| db.read(f)),
        }
    }

    fn check_open(&self) -> CoreResult<()> {
        if self.closed.load(Ordering::SeqCst) {
            return Err(CoreError::Closed);
        }
        Ok(())
    }

    /// Runs `f` with the writer's connection held (no claim: for in-memory reads).
    fn with_db<T>(&self, f: impl FnOnce(&mut Db) -> CoreResult<T>) -> CoreResult<T> {
        let mut guard = self.lock_writer()?;
        match guard.as_mut() {
            Some(db) => f(db),
            None => Err(self.no_writer_error()),
        }
    }

    fn no_writer_error(&self) -> CoreError {
        if self.closed.load(Ordering::SeqCst) {
            CoreError::Closed
        } else {
            CoreError::invalid("workspace", self.no_writer)
        }
    }

    /// Runs `f` on a read connection outside any transaction (each statement reads its
    /// own snapshot): for statements that cannot run in one, such as `VACUUM INTO`.
    pub fn read_outside_transaction<T>(
        &self,
        f: impl FnOnce(&Connection) -> CoreResult<T>,
    ) -> CoreResult<T> {
        self.check_open()?;
        match &self.readers {
            Some(pool) => pool.read_outside_transaction(f),
            None => self.with_db(|db| db.read(f)),
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
        self.check_open()?;
        if self.read_only {
            return Err(self.no_writer_error());
        }
        let _claim = self.claim(activity)?;
        let mut guard = self.lock_writer()?;
        let Some(db) = guard.as_mut() else {
            return Err(self.no_writer_error());
        };
        // Undo is never applied over another program's changes.
        db.note_outside_changes()?;
        // A panic (a fault of this program) does not cross this line: the write is
        // rolled back, the undo history cleared with a notice, and the caller gets an
        // error; the workspace stays usable.
        let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(db))) {
            Ok(result) => result,
            Err(panic) => {
                db.recover_after_panic(INTERRUPTED_NOTICE);
                Err(CoreError::Fault(panic_message(panic.as_ref())))
            }
        };
        self.publish_undo_state(db);
        result
    }

    /// What the undo and redo buttons say now (does not wait for the writer).
    pub fn undo_state(&self) -> CoreResult<UndoState> {
        // Plain data: a panic elsewhere cannot leave it half-changed.
        Ok(self
            .undo_state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone())
    }

    /// What the writer is doing now, if anything.
    pub fn activity(&self) -> Option<String> {
        self.writing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// True when another program changed the workspace since the last look (the app
    /// then reloads what it shows; the undo history was cleared with a notice). Never
    /// waits: while this process is writing, the answer is false and the next look tells.
    pub fn changed_elsewhere(&self) -> CoreResult<bool> {
        self.check_open()?;
        if self.read_only {
            return Ok(false);
        }
        let _claim = match self.claim_within("checking for changes", Duration::ZERO) {
            Ok(claim) => claim,
            Err(CoreError::Busy { .. }) => return Ok(false),
            Err(e) => return Err(e),
        };
        let mut guard = self.lock_writer()?;
        let Some(db) = guard.as_mut() else {
            return Ok(false);
        };
        let changed = db.note_outside_changes()?;
        self.publish_undo_state(db);
        Ok(changed)
    }

    /// Keeps the copy of the undo buttons' labels that reads without the writer.
    fn publish_undo_state(&self, db: &Db) {
        *self
            .undo_state
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = db.undo_state();
    }

    fn claim(&self, activity: &str) -> CoreResult<Claim<'_>> {
        self.claim_within(activity, BUSY_WAIT)
    }

    fn claim_within(&self, activity: &str, wait: Duration) -> CoreResult<Claim<'_>> {
        let state = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut state, _) = self
            .writer_free
            .wait_timeout_while(state, wait, |s| s.is_some())
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(running) = state.as_ref() {
            return Err(CoreError::Busy {
                activity: running.clone(),
            });
        }
        *state = Some(activity.to_string());
        Ok(Claim { workspace: self })
    }
}

/// The writer claimed for one write; released (and the next waiting edit woken) on drop,
/// also when the write fails.
struct Claim<'a> {
    workspace: &'a Workspace,
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a fault of the program".to_string())
}

impl Drop for Workspace {
    /// A workspace dropped without [`Workspace::close`] (the CLI at its end, a test)
    /// still leaves a whole file behind.
    fn drop(&mut self) {
        let _ = self.close();
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        *self
            .workspace
            .writing
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
        self.workspace.writer_free.notify_one();
    }
}

/// A new workspace is named after its file, without the extension.
fn name_of(path: &Path) -> String {
    path.file_stem().map_or_else(
        || "Workspace".to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}
