//! The read pool (db/pool.rs): read-only connections to a workspace file beside its
//! one writer.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};
use successmap_core::db::pool::{ReadPool, READERS};
use successmap_core::db::{meta, personas};
use successmap_core::{CoreError, CoreResult, Db};

/// How long a test waits for a read that should finish before calling it stuck.
const PATIENCE: Duration = Duration::from_secs(10);

/// A workspace file with its writer and a pool of readers on it.
fn workspace() -> (tempfile::TempDir, Db, Arc<ReadPool>) {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("pool.smap");
    let mut db = Db::open(&path).unwrap();
    db.write(|tx| meta::set(tx, meta::NAME, "Before")).unwrap();
    (dir, db, Arc::new(ReadPool::new(&path)))
}

fn name(c: &Connection) -> CoreResult<Option<String>> {
    meta::get(c, meta::NAME)
}

#[test]
fn a_read_sees_what_the_writer_committed() {
    let (_dir, mut db, pool) = workspace();
    assert_eq!(pool.read(name).unwrap().as_deref(), Some("Before"));
    db.write(|tx| meta::set(tx, meta::NAME, "After")).unwrap();
    assert_eq!(pool.read(name).unwrap().as_deref(), Some("After"));
    crate::common::persona(&mut db, "Architect");
    assert_eq!(pool.read(personas::count).unwrap(), 1);
}

#[test]
fn a_pooled_connection_refuses_to_write() {
    let (_dir, mut db, pool) = workspace();
    let result = pool.read(|c| meta::set(c, meta::NAME, "Sneaky"));
    match result {
        Err(CoreError::Storage(rusqlite::Error::SqliteFailure(e, _))) => {
            assert_eq!(e.code, ErrorCode::ReadOnly)
        }
        other => panic!("a reader wrote: {other:?}"),
    }
    assert_eq!(
        db.read(|c| meta::get(c, meta::NAME)).unwrap().as_deref(),
        Some("Before")
    );
    // The writer is not blocked by the failed attempt.
    db.write(|tx| meta::set(tx, meta::NAME, "Writer")).unwrap();
    assert_eq!(pool.read(name).unwrap().as_deref(), Some("Writer"));
}

#[test]
fn more_concurrent_reads_than_readers_all_complete_never_more_than_readers_at_once() {
    let (_dir, _db, pool) = workspace();
    let inside = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let (done, finished) = mpsc::channel();
    let reads = READERS * 3;
    for _ in 0..reads {
        let (pool, inside, most, done) = (pool.clone(), inside.clone(), most.clone(), done.clone());
        thread::spawn(move || {
            let result = pool.read(|c| {
                let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(5));
                let value = name(c);
                inside.fetch_sub(1, Ordering::SeqCst);
                value
            });
            done.send(result.unwrap()).unwrap();
        });
    }
    for _ in 0..reads {
        let value = finished
            .recv_timeout(PATIENCE)
            .expect("every read completes");
        assert_eq!(value.as_deref(), Some("Before"));
    }
    let most = most.load(Ordering::SeqCst);
    assert!((1..=READERS).contains(&most), "{most} reads at once");
}

#[test]
fn a_read_beyond_the_cap_waits_for_a_connection_to_come_back() {
    let (_dir, _db, pool) = workspace();
    let mut releases = Vec::new();
    let (entered, all_in) = mpsc::channel();
    for _ in 0..READERS {
        let (release, held) = mpsc::channel::<()>();
        releases.push(release);
        let (pool, entered) = (pool.clone(), entered.clone());
        thread::spawn(move || {
            pool.read(|_| {
                entered.send(()).unwrap();
                held.recv().unwrap();
                Ok(())
            })
            .unwrap();
        });
    }
    for _ in 0..READERS {
        all_in.recv_timeout(PATIENCE).unwrap();
    }
    let (done, finished) = mpsc::channel();
    let waiting = pool.clone();
    thread::spawn(move || done.send(waiting.read(name).unwrap()).unwrap());
    assert!(
        finished.recv_timeout(Duration::from_millis(200)).is_err(),
        "a read went past the cap of {READERS}"
    );
    releases.pop().unwrap().send(()).unwrap();
    assert_eq!(
        finished.recv_timeout(PATIENCE).unwrap().as_deref(),
        Some("Before")
    );
    for release in releases {
        release.send(()).unwrap();
    }
}

/// Runs a pooled read on another thread; fails (rather than hangs) when it never ends.
fn read_within<T: Send + 'static>(
    pool: &Arc<ReadPool>,
    f: impl FnOnce(&Connection) -> CoreResult<T> + Send + 'static,
) -> T {
    let (done, finished) = mpsc::channel();
    let pool = pool.clone();
    thread::spawn(move || done.send(pool.read(f).unwrap()).unwrap());
    finished.recv_timeout(PATIENCE).expect("the read completes")
}

#[test]
fn a_read_that_fails_midway_leaves_no_old_snapshot_or_lost_slot_behind() {
    let (_dir, mut db, pool) = workspace();
    // Reads that stop with an error after reading, each inside its read transaction:
    // more of them than the pool has slots, so a slot kept by a failed read would block
    // the last one.
    for _ in 0..READERS + 1 {
        let (done, finished) = mpsc::channel();
        let failing = pool.clone();
        thread::spawn(move || {
            let outcome = failing.read(|c| -> CoreResult<()> {
                assert_eq!(name(c)?.as_deref(), Some("Before"));
                Err(CoreError::Conflict("stopped midway".into()))
            });
            done.send(outcome.is_err()).unwrap();
        });
        assert!(finished.recv_timeout(PATIENCE).expect("the read ends"));
    }
    db.write(|tx| meta::set(tx, meta::NAME, "After")).unwrap();
    // No later read gets one of those connections with its old snapshot.
    for _ in 0..READERS + 1 {
        assert_eq!(read_within(&pool, name).as_deref(), Some("After"));
    }
}

#[test]
fn a_read_that_panics_gives_its_slot_back() {
    let (_dir, _db, pool) = workspace();
    for _ in 0..READERS {
        let pool = pool.clone();
        let outcome = thread::spawn(move || {
            pool.read(|_| -> CoreResult<()> { panic!("a read failed badly") })
        })
        .join();
        assert!(outcome.is_err(), "the read panicked");
    }
    let (done, finished) = mpsc::channel();
    let after = pool.clone();
    thread::spawn(move || done.send(after.read(name).unwrap()).unwrap());
    assert_eq!(
        finished
            .recv_timeout(Duration::from_secs(2))
            .expect("a read after the panics completes")
            .as_deref(),
        Some("Before")
    );
}
