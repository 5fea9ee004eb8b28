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

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{CoreError, CoreResult};

/// `PRAGMA application_id` of Successmap workspace files ("SMAP").
pub const APPLICATION_ID: i32 = 0x534D_4150;

pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
    created: bool,
    undo: undo::UndoStack,
}

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
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        let mut db = Db {
            conn,
            path: Some(path.to_path_buf()),
            created: !existed,
            undo: undo::UndoStack::default(),
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
        set_pragmas(&self.conn)?;
        migrations::migrate(&mut self.conn)?;
        // A new (or pre-id) workspace is marked as ours once its schema is in place.
        if self.application_id()? == 0 {
            self.conn
                .pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(())
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

fn set_pragmas(conn: &Connection) -> CoreResult<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // In memory, journal_mode answers "memory"; on a file, "wal".
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MiB of page cache (SQLite's default is 2 MiB): the indexes of a million
    // customers stay in memory while an import writes them.
    conn.pragma_update(None, "cache_size", -65_536)?;
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
