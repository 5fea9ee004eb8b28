//! A small pool of read-only connections to the workspace file, so that lists, maps,
//! analytics and exports read a WAL snapshot while the one writer goes on writing.
//!
//! Hand-sized rather than r2d2 (docs/decisions/0009-edit-api-and-read-pool.md): the
//! pool needs exactly one kind of connection, opened one way, with a fixed cap; a
//! `Mutex<Vec<Connection>>` and a `Condvar` do that in a page, with no dependency and
//! no background threads.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{CoreError, CoreResult};

/// How many read connections may be open at once. The app runs a handful of reads at a
/// time (a list, a map, a chart, an export); a fifth waits for one to come back.
pub const READERS: usize = 4;

pub struct ReadPool {
    path: PathBuf,
    state: Mutex<PoolState>,
    returned: Condvar,
}

struct PoolState {
    idle: Vec<Connection>,
    open: usize,
}

impl ReadPool {
    pub fn new(path: &Path) -> ReadPool {
        ReadPool {
            path: path.to_path_buf(),
            state: Mutex::new(PoolState {
                idle: Vec::new(),
                open: 0,
            }),
            returned: Condvar::new(),
        }
    }

    /// Runs `f` on a read-only connection: an idle one, a new one while fewer than
    /// [`READERS`] are open, or the next one returned.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> CoreResult<T>) -> CoreResult<T> {
        let conn = self.take()?;
        let result = f(&conn);
        self.give_back(conn);
        result
    }

    fn take(&self) -> CoreResult<Connection> {
        let mut state = self.lock()?;
        loop {
            if let Some(conn) = state.idle.pop() {
                return Ok(conn);
            }
            if state.open < READERS {
                state.open += 1;
                drop(state);
                return open_reader(&self.path).inspect_err(|_| {
                    if let Ok(mut state) = self.state.lock() {
                        state.open -= 1;
                    }
                });
            }
            state = self
                .returned
                .wait(state)
                .map_err(|_| CoreError::Corrupt("the read pool's lock was poisoned".into()))?;
        }
    }

    fn give_back(&self, conn: Connection) {
        // A connection left inside a transaction (a read that failed midway) is closed
        // rather than reused, so the next read never sees an old snapshot.
        let clean = conn.is_autocommit();
        if let Ok(mut state) = self.state.lock() {
            if clean {
                state.idle.push(conn);
            } else {
                state.open -= 1;
            }
        }
        self.returned.notify_one();
    }

    fn lock(&self) -> CoreResult<std::sync::MutexGuard<'_, PoolState>> {
        self.state
            .lock()
            .map_err(|_| CoreError::Corrupt("the read pool's lock was poisoned".into()))
    }
}

fn open_reader(path: &Path) -> CoreResult<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // Belt and braces: a reader that tried to write would fail on the flags anyway.
    conn.pragma_update(None, "query_only", "ON")?;
    conn.pragma_update(None, "cache_size", -32_768)?;
    Ok(conn)
}
