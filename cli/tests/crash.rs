#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Kill -9 during an import: the `successmap` command is killed at random moments while
//! it imports a large file into a copy of a workspace that holds as many customers
//! already, and after every kill the workspace must be whole: SQLite's
//! integrity check passes, the kept segment table equals a fresh count, an import the
//! command reported as done is there in full, and nothing of an unfinished one is.
//!
//! `make test` runs a short version (10 kills, 20,000 rows); `bench/crash.sh` runs the
//! long one (`SUCCESSMAP_CRASH_RUNS=100 SUCCESSMAP_CRASH_ROWS=1000000`), whose figures
//! are in the README.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small xorshift generator: reproducible from the seed the test prints.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

/// A CRM export of `rows` customers whose ids all start with `run`.
fn write_export(path: &Path, run: u64, rows: u64) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "Record ID,Company,Persona,Stage,Target stage,ARR").unwrap();
    let stages = ["Onboarded", "Adopting", "Expanding", "Advocate"];
    for i in 0..rows {
        let stage = stages[(i % 4) as usize];
        let target = stages[((i + 1) % 4) as usize];
        writeln!(
            out,
            "r{run}-{i},Customer {run}-{i},Ops lead,{stage},{target},{}",
            1000 + i % 5000
        )
        .unwrap();
    }
    out.flush().unwrap();
}

fn import(workspace: &Path, csv: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_successmap"));
    command
        .arg("--workspace")
        .arg(workspace)
        .args(["import", "customers", "--create-missing"])
        .arg(csv)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

/// The customers of run `run` in the file.
fn check_whole_count(workspace: &Path, run: u64) -> i64 {
    let conn = rusqlite::Connection::open(workspace).unwrap();
    conn.query_row(
        "SELECT count(*) FROM customer WHERE external_id LIKE ?1",
        [format!("r{run}-%")],
        |r| r.get(0),
    )
    .unwrap()
}

/// What must hold after any kill. Returns the customers of run `run` in the file.
fn check_whole(workspace: &Path, run: u64) -> i64 {
    let conn = rusqlite::Connection::open(workspace).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "run {run}");
    let differing = successmap_core::db::segment_cells::differences(&conn).unwrap();
    assert_eq!(
        differing, 0,
        "run {run}: the kept matrix equals a fresh count"
    );
    conn.query_row(
        "SELECT count(*) FROM customer WHERE external_id LIKE ?1",
        [format!("r{run}-%")],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_workspace_whole() {
    let runs = setting("SUCCESSMAP_CRASH_RUNS", 10);
    let rows = setting("SUCCESSMAP_CRASH_ROWS", 20_000);
    let seed = setting(
        "SUCCESSMAP_CRASH_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1,
    );
    eprintln!("crash test: {runs} kills, {rows} rows, seed {seed}");
    let mut random = Random(seed);
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.successmap");
    let workspace = dir.path().join("crash.successmap");
    let csv = dir.path().join("crm.csv");

    // The workspace every run starts from: one import to the end, which also says how
    // long one takes, so that kills fall inside it.
    write_export(&csv, 0, rows);
    let started = Instant::now();
    let out = import(&base, &csv).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let full = started.elapsed();
    assert_eq!(check_whole(&base, 0), rows as i64);

    // Each run imports the same new customers into a fresh copy of that workspace.
    write_export(&csv, 1, rows);
    let (mut killed, mut finished) = (0, 0);
    for run in 1..=runs {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", workspace.display()));
        }
        std::fs::copy(&base, &workspace).unwrap();
        let mut child = import(&workspace, &csv).spawn().unwrap();
        // Up to a third longer than one import: most kills fall inside it, some after.
        let wait = Duration::from_millis(random.below(full.as_millis() as u64 * 4 / 3 + 1));
        let deadline = Instant::now() + wait;
        let mut ended_by_itself = false;
        while Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                ended_by_itself = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        if !ended_by_itself {
            child.kill().unwrap(); // SIGKILL
        }
        let out = child.wait_with_output().unwrap();
        let reported_done = String::from_utf8_lossy(&out.stdout).contains("Imported:");
        let present = check_whole(&workspace, 1);
        assert_eq!(
            check_whole_count(&workspace, 0),
            rows as i64,
            "run {run}: what was there before is all there"
        );
        if reported_done {
            finished += 1;
            assert_eq!(
                present, rows as i64,
                "run {run}: a reported import is all there"
            );
        } else {
            killed += 1;
            assert!(
                present == 0 || present == rows as i64,
                "run {run}: {present} of {rows} rows of an unfinished import"
            );
        }
    }
    eprintln!(
        "crash test: {killed} imports killed midway, {finished} finished first; one import took {:.2} s; the workspace was whole after every one",
        full.as_secs_f64()
    );
}
