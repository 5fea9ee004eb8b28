//! The one owner of the workspace's SQLite connection, and all SQL (one module per table).
//!
//! Invariants:
//! - pragmas are set in code on every connection (WAL, synchronous=NORMAL,
//!   foreign_keys=ON, busy_timeout), never in migrations;
//! - every write runs in an IMMEDIATE transaction through [`Db::write`], so a failed
//!   use case leaves nothing half-written;
//! - a file is only accepted as a workspace when it is empty or carries Successmap's
//!   `application_id`; migrations bring it up to date on open.

pub mod attachments;
pub mod customer_kpis;
pub mod customers;
pub mod kpis;
pub mod map_versions;
pub mod maps;
pub mod meta;
pub mod migrations;
pub mod personas;
pub mod placements;
pub mod pool;
pub mod segment_cells;
pub mod segments;
pub mod steps;
pub mod undo;
pub mod vehicles;
pub mod workshop_notes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{CoreError, CoreResult};

/// `PRAGMA application_id` of Successmap workspace files ("SMAP").
pub const APPLICATION_ID: i32 = 0x534D_4150;

/// How a workspace opened to read only is read.
pub enum ReadOnly {
    /// In place, through read-only connections.
    Current,
    /// An older schema: from this migrated copy in memory.
    Migrated(Box<Db>),
}

pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
    created: bool,
    undo: undo::UndoStack,
    /// `PRAGMA data_version` when this connection last looked: it changes when another
    /// connection (another process) commits to the file.
    seen_version: i64,
}

/// What the undo history says after another program changed the workspace.
pub const CHANGED_ELSEWHERE_NOTICE: &str = "Another program changed this workspace; the undo \
     history was cleared so that nothing is undone over its changes.";

impl Db {
    /// Opens (and creates, when missing) the workspace file at `path`, then migrates it.
    pub fn open(path: &Path) -> CoreResult<Db> {
        let existed = path.exists();
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|source| CoreError::Open {
                    path: path.to_path_buf(),
                    source,
                })?;
            }
        }
        // No SQLITE_OPEN_URI: a file named "file:…" is a file, not a URI.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(file_path(path), flags)?;
        let mut db = Db {
            conn,
            path: Some(path.to_path_buf()),
            created: !existed,
            undo: undo::UndoStack::default(),
            seen_version: 0,
        };
        db.prepare(path).map_err(|err| match err {
            CoreError::Storage(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                CoreError::NotAWorkspace {
                    path: path.to_path_buf(),
                    reason: "the file is not a SQLite database".to_string(),
                }
            }
            other => other,
        })?;
        Ok(db)
    }

    /// A fresh, migrated workspace in memory (tests and benchmarks).
    pub fn open_in_memory() -> CoreResult<Db> {
        let conn = Connection::open_in_memory()?;
        let mut db = Db {
            conn,
            path: None,
            created: true,
            undo: undo::UndoStack::default(),
            seen_version: 0,
        };
        db.prepare(Path::new(":memory:"))?;
        Ok(db)
    }

    fn prepare(&mut self, path: &Path) -> CoreResult<()> {
        // Checked before any pragma that writes: a file that is not ours is refused
        // untouched (journal_mode = WAL would otherwise rewrite its header first). The
        // busy timeout writes nothing and lets the check wait out another process's lock.
        self.conn.busy_timeout(Duration::from_secs(5))?;
        check_is_workspace(&self.conn, path)?;
        let found = migrations::check_known(&self.conn)?;
        if found > 0 && found < migrations::latest_version() && self.path.is_some() {
            self.keep_copy_before_migrating(path)?;
        }
        set_pragmas(&self.conn)?;
        migrations::migrate(&mut self.conn)?;
        // A new (or pre-id) workspace is marked as ours once its schema is in place.
        if self.application_id()? == 0 {
            self.conn
                .pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        self.seen_version = self.data_version()?;
        Ok(())
    }

    /// Copies the workspace, as it is, to `NAME.before-vN.EXT` beside it (VACUUM INTO: a
    /// consistent, compacted copy) before migrations change it, so that the user can go
    /// back to the version they had. An earlier copy of that name is kept.
    fn keep_copy_before_migrating(&self, path: &Path) -> CoreResult<()> {
        let version = migrations::latest_version();
        for attempt in 1..=100 {
            let copy = migrations::backup_path(path, version, attempt);
            let made =
                crate::files::fill_replacing(&copy, None, crate::files::Replace::No, |temp| {
                    let temp = temp.to_str().ok_or_else(|| {
                        CoreError::invalid(
                            "path",
                            format!("{} is not a usable file name", path.display()),
                        )
                    })?;
                    self.conn.execute("VACUUM INTO ?1", [temp])?;
                    Ok(())
                });
            match made {
                Err(CoreError::FileExists { .. }) => continue,
                Err(CoreError::Invalid { message, .. }) => {
                    return Err(CoreError::Open {
                        path: path.to_path_buf(),
                        source: std::io::Error::other(format!(
                            "no copy could be kept before updating it to this version ({message}); \
                             nothing was changed"
                        )),
                    })
                }
                other => return other,
            }
        }
        Ok(())
    }

    /// Opens an existing workspace to read only: checks it is one, and says whether it
    /// can be read in place or, being of an older schema, was copied into memory and
    /// migrated there. Creates, migrates and writes nothing on disk.
    pub fn open_read_only(path: &Path) -> CoreResult<ReadOnly> {
        if !path.is_file() {
            return Err(CoreError::NoWorkspace {
                path: path.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(file_path(path), flags)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        check_is_workspace(&conn, path)?;
        let found = migrations::check_known(&conn)?;
        if found == migrations::latest_version() {
            return Ok(ReadOnly::Current);
        }
        let mut memory = Connection::open_in_memory()?;
        rusqlite::backup::Backup::new(&conn, &mut memory)?.run_to_completion(
            1024,
            Duration::ZERO,
            None,
        )?;
        drop(conn);
        set_pragmas(&memory)?;
        migrations::migrate(&mut memory)?;
        Ok(ReadOnly::Migrated(Box::new(Db {
            conn: memory,
            path: None,
            created: false,
            undo: undo::UndoStack::default(),
            seen_version: 0,
        })))
    }

    /// Moves the write-ahead log into the file and closes the connection; as the last
    /// connection of the file, SQLite then removes the `-wal` and `-shm` files. Returns
    /// whether the log was emptied (false: another process is reading it).
    pub fn close(self) -> CoreResult<bool> {
        let emptied = match self.path {
            Some(_) => {
                let (busy, _, _): (i64, i64, i64) =
                    self.conn
                        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                        })?;
                busy == 0
            }
            None => true,
        };
        self.conn.close().map_err(|(_, e)| CoreError::from(e))?;
        Ok(emptied)
    }

    fn data_version(&self) -> CoreResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// True when another connection (another process) committed to the file since the
    /// last look; the undo history, recorded against the file as it was, is then cleared
    /// with a notice.
    pub fn note_outside_changes(&mut self) -> CoreResult<bool> {
        let now = self.data_version()?;
        if now == self.seen_version {
            return Ok(false);
        }
        self.seen_version = now;
        if self.undo.state().undo_label.is_some() || self.undo.state().redo_label.is_some() {
            self.undo.clear_because(CHANGED_ELSEWHERE_NOTICE);
        }
        Ok(true)
    }

    /// Makes the connection usable after a panic while it was held: a transaction left
    /// open is rolled back, and the undo history (which may miss the last edit) is
    /// cleared with `notice`.
    pub fn recover_after_panic(&mut self, notice: &str) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        // An undo turns foreign keys off while it applies; they are always on otherwise.
        let _ = self.conn.pragma_update(None, "foreign_keys", true);
        self.undo.clear_because(notice);
    }

    fn application_id(&self) -> CoreResult<i32> {
        Ok(self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?)
    }

    /// The workspace file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when this open created the file (a brand-new workspace).
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// Runs read-only work on the connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> CoreResult<T>) -> CoreResult<T> {
        f(&self.conn)
    }

    /// Runs `f` in an IMMEDIATE transaction: committed when `f` returns Ok, rolled back
    /// otherwise. The write is not recorded for undo, so it clears the undo history.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>) -> CoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        self.undo.clear();
        Ok(value)
    }

    /// Like [`Db::write`], but commits only when `f` returns `(value, true)`; with
    /// `(value, false)` everything `f` did is rolled back and `value` returned.
    pub fn write_if<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> CoreResult<(T, bool)>,
    ) -> CoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (value, commit) = f(&tx)?;
        if commit {
            tx.commit()?;
            self.undo.clear();
        } else {
            tx.rollback()?;
        }
        Ok(value)
    }

    /// Runs a user edit like [`Db::write`] and records what it changed, so that it can be
    /// undone under `label` (for example "Add step “Pilot”").
    pub fn edit<T>(
        &mut self,
        label: impl Into<String>,
        f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        self.edit_if(label, |tx| Ok((f(tx)?, true)))
    }

    /// Like [`Db::edit`], but commits (and records) only when `f` returns
    /// `(value, true)`; with `(value, false)` everything `f` did is rolled back.
    pub fn edit_if<T>(
        &mut self,
        label: impl Into<String>,
        f: impl FnOnce(&Transaction<'_>) -> CoreResult<(T, bool)>,
    ) -> CoreResult<T> {
        let mut session = rusqlite::session::Session::new(&self.conn)?;
        // Every table but the search index's own (migration 0012): its triggers write it
        // again when a change set is applied to `customer`.
        session.table_filter(Some(|table: &str| !is_search_index(table)));
        session.attach(None::<&str>)?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let (value, commit) = f(&tx)?;
        if !commit {
            tx.rollback()?;
            return Ok(value);
        }
        let mut changeset = Vec::new();
        session.changeset_strm(&mut changeset)?;
        tx.commit()?;
        drop(session);
        self.undo.record(label.into(), changeset);
        Ok(value)
    }

    /// Reverts the last recorded edit; returns its label (`None`: nothing to undo).
    pub fn undo(&mut self) -> CoreResult<Option<String>> {
        self.undo.undo(&self.conn)
    }

    /// Applies the last undone edit again; returns its label (`None`: nothing to redo).
    pub fn redo(&mut self) -> CoreResult<Option<String>> {
        self.undo.redo(&self.conn)
    }

    /// Memory held by the undo and redo stacks, in bytes of change sets.
    pub fn undo_bytes(&self) -> usize {
        self.undo.bytes()
    }

    pub fn undo_state(&self) -> undo::UndoState {
        self.undo.state()
    }
}

/// Whether `table` is the customer search index or one of the tables FTS5 keeps it in.
fn is_search_index(table: &str) -> bool {
    table == "customer_search" || table.starts_with("customer_search_")
}

/// The path SQLite is given for a workspace file: absolute, so that a name beginning
/// with `file:` is a file of that name and never read as an SQLite URI (the bundled
/// SQLite is built to understand URIs in file names).
pub(crate) fn file_path(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn set_pragmas(conn: &Connection) -> CoreResult<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    customers::search::register(conn)?;
    // In memory, journal_mode answers "memory"; on a file, "wal".
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MiB of page cache (SQLite's default is 2 MiB): the indexes of a million
    // customers stay in memory while an import writes them.
    conn.pragma_update(None, "cache_size", -65_536)?;
    // After a checkpoint, a log that a big import grew is cut back to 64 MiB.
    conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    Ok(())
}

/// Refuses files that are SQLite databases of another program (or not SQLite at all).
fn check_is_workspace(conn: &Connection, path: &Path) -> CoreResult<()> {
    let not_workspace = |reason: String| CoreError::NotAWorkspace {
        path: path.to_path_buf(),
        reason,
    };
    let unreadable = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            not_workspace("the file is not a SQLite database".to_string())
        }
        // Another program holds the file: busy, not foreign.
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            CoreError::from(e)
        }
        _ => not_workspace(format!("the file cannot be read as SQLite ({e})")),
    };
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(unreadable)?;
    if app_id == APPLICATION_ID {
        return Ok(());
    }
    if app_id != 0 {
        return Err(not_workspace(format!(
            "it belongs to another application (application id {app_id:#x})"
        )));
    }
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )
        .map_err(unreadable)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if tables > 0 && version == 0 {
        return Err(not_workspace(
            "it is a database with tables Successmap did not create".to_string(),
        ));
    }
    Ok(())
}

/// Maps a UNIQUE constraint failure to a readable conflict, leaving other errors alone.
pub(crate) fn unique_violation(
    err: rusqlite::Error,
    message: impl FnOnce() -> String,
) -> CoreError {
    match &err {
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            CoreError::Conflict(message())
        }
        _ => CoreError::from(err),
    }
}

/// Reads an optional stored text column that must parse as an enum.
pub(crate) fn parse_enum<T>(
    text: &str,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    parse(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown {what} {text:?}").into(),
        )
    })
}
