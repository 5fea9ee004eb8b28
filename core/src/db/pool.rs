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

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{CoreError, CoreResult};

/// How many read connections may be open at once. The app runs a handful of reads at a
/// time (a list, a map, a chart, an export); a fifth waits for one to come back.
pub const READERS: usize = 4;

pub struct ReadPool {
    path: PathBuf,
    /// Beside this process's writer, readers open the file read-only. Alone (a
    /// read-only command), they open it read-write but only query, so that the last to
    /// close removes the `-wal` and `-shm` files SQLite made for reading.
    alone: bool,
    state: Mutex<PoolState>,
    returned: Condvar,
}

struct PoolState {
    idle: Vec<Connection>,
    open: usize,
    /// Once closed, returned connections are closed instead of kept.
    closed: bool,
}

impl ReadPool {
    pub fn new(path: &Path) -> ReadPool {
        ReadPool::with(path, false)
    }

    /// A pool that is the only access of this process to the file (see `alone`).
    pub fn alone(path: &Path) -> ReadPool {
        ReadPool::with(path, true)
    }

    fn with(path: &Path, alone: bool) -> ReadPool {
        ReadPool {
            alone,
            path: super::file_path(path),
            state: Mutex::new(PoolState {
                idle: Vec::new(),
                open: 0,
                closed: false,
            }),
            returned: Condvar::new(),
        }
    }

    /// Runs `f` on a read-only connection: an idle one, a new one while fewer than
    /// [`READERS`] are open, or the next one returned. The connection goes back to the
    /// pool (or its slot is freed) however `f` ends, a panic included.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> CoreResult<T>) -> CoreResult<T> {
        let lent = Lent {
            pool: self,
            conn: Some(self.take()?),
        };
        let Some(conn) = &lent.conn else {
            return Err(CoreError::Corrupt("a read connection went missing".into()));
        };
        // One read transaction: every statement of the read sees the same committed
        // state (a page and its total, steps and the customers on them).
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Deferred)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Like [`ReadPool::read`], without the read transaction: each statement of `f` sees
    /// its own snapshot (for `VACUUM INTO`, which is one statement and cannot run in a
    /// transaction).
    pub fn read_outside_transaction<T>(
        &self,
        f: impl FnOnce(&Connection) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let lent = Lent {
            pool: self,
            conn: Some(self.take()?),
        };
        let Some(conn) = &lent.conn else {
            return Err(CoreError::Corrupt("a read connection went missing".into()));
        };
        f(conn)
    }

    /// Closes the idle connections, and every lent one as it comes back; reads after
    /// this are refused.
    pub fn close(&self) {
        let idle = match self.state.lock() {
            Ok(mut state) => {
                state.closed = true;
                state.open -= state.idle.len();
                std::mem::take(&mut state.idle)
            }
            Err(_) => Vec::new(),
        };
        drop(idle);
        self.returned.notify_all();
    }

    fn take(&self) -> CoreResult<Connection> {
        let mut state = self.lock()?;
        loop {
            if state.closed {
                return Err(CoreError::Closed);
            }
            if let Some(conn) = state.idle.pop() {
                return Ok(conn);
            }
            if state.open < READERS {
                state.open += 1;
                drop(state);
                return open_reader(&self.path, self.alone).inspect_err(|_| self.release_slot());
            }
            state = self
                .returned
                .wait(state)
                .map_err(|_| CoreError::Corrupt("the read pool's lock was poisoned".into()))?;
        }
    }

    /// Takes back a connection after a read. One left inside a transaction (a read that
    /// failed midway) is closed rather than reused, so no read sees an old snapshot.
    fn give_back(&self, conn: Connection) {
        let mut state = match self.state.lock() {
            Ok(state) => state,
            Err(_) => return,
        };
        if !conn.is_autocommit() || state.closed {
            state.open -= 1;
            drop(state);
            drop(conn);
            self.returned.notify_one();
            return;
        }
        state.idle.push(conn);
        drop(state);
        self.returned.notify_one();
    }

    /// Frees the slot of a connection that was closed (or never opened), and wakes a
    /// read waiting for one.
    fn release_slot(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.open -= 1;
        }
        self.returned.notify_one();
    }

    fn lock(&self) -> CoreResult<std::sync::MutexGuard<'_, PoolState>> {
        self.state
            .lock()
            .map_err(|_| CoreError::Corrupt("the read pool's lock was poisoned".into()))
    }
}

fn open_reader(path: &Path, alone: bool) -> CoreResult<Connection> {
    // Never SQLITE_OPEN_CREATE; no SQLITE_OPEN_URI (and an absolute path): a file named
    // "file:…" is a file, not a URI.
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = if alone {
        // A file the user may only read is still read.
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .or_else(|_| Connection::open_with_flags(path, read_only))?
    } else {
        Connection::open_with_flags(path, read_only)?
    };
    conn.busy_timeout(Duration::from_secs(5))?;
    // Belt and braces: a reader that tried to write would fail on the flags anyway.
    conn.pragma_update(None, "query_only", "ON")?;
    super::customers::search::register(&conn)?;
    conn.pragma_update(None, "cache_size", -32_768)?;
    Ok(conn)
}

/// A connection lent to one read: back to the pool when the read ends, however it ends.
struct Lent<'a> {
    pool: &'a ReadPool,
    conn: Option<Connection>,
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        match self.conn.take() {
            // After a panic the connection's state is unknown: close it.
            Some(conn) if std::thread::panicking() => {
                drop(conn);
                self.pool.release_slot();
            }
            Some(conn) => self.pool.give_back(conn),
            None => {}
        }
    }
}
