//! An edit's latency on a workspace of a million customers, alone and while the two
//! heaviest reads run beside it without pause: the progression of one persona (seconds
//! at this size) and an export of every customer to CSV. The reads use the workspace's
//! read pool; the edits (one customer moved to another step each, as a drag does) use
//! its writer. For contrast, the same run with every read and edit behind one lock, as
//! the app worked before the pool. Run with `bench/edit-latency.sh [rows]`.
#![allow(clippy::unwrap_used)]

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use successmap_core::edits::{self, ImportWrite};
use successmap_core::files::Replace;
use successmap_core::import::{Control, Table};
use successmap_core::model::{
    CustomerId, CustomerQuery, ImportOptions, PersonaId, PlacementMove, PlacementSource,
    SegmentFilter, StepId,
};
use successmap_core::{reads, NewFile, Workspace};

mod common;
use common::{now, rows, write_csv};

/// Edits measured per run, one every `PAUSE` (a user does not edit back to back).
const EDITS: usize = 300;
const PAUSE: Duration = Duration::from_millis(15);

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(what: &str, mut took: Vec<Duration>) {
    took.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what}: {} edits, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        took.len(),
        ms(percentile(&took, 0.50)),
        ms(percentile(&took, 0.95)),
        ms(percentile(&took, 0.99)),
        ms(*took.last().unwrap())
    );
}

/// Moves customer `i` (of the first persona's first few) back and forth between two
/// steps of its map, `count` times, and returns each edit's latency (with `lock`, the
/// wait for it included).
fn edits(
    ws: &Workspace,
    customers: &[(CustomerId, [StepId; 2])],
    lock: Option<&Mutex<()>>,
    count: usize,
) -> Vec<Duration> {
    (0..count)
        .map(|i| {
            std::thread::sleep(PAUSE);
            let (id, steps) = customers[i % customers.len()];
            let to = steps[(i / customers.len()) % 2];
            let started = Instant::now();
            let _guard = lock.map(|l| l.lock().unwrap());
            edits::place_customers(
                ws,
                &[id],
                PlacementMove::Current { step_id: to },
                PlacementSource::Drag,
                now(),
            )
            .unwrap();
            started.elapsed()
        })
        .collect()
}

/// Behind one lock, a read just finished steps back for a moment, as a queue of
/// requests would: a waiting edit then takes the lock next (std's mutex is not fair,
/// and back-to-back reads would otherwise keep an edit waiting indefinitely).
fn let_waiting_edits_in(lock: Option<&Mutex<()>>) {
    if lock.is_some() {
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Runs the progression and the export in a loop on two threads until `stop`; counts
/// how many of each completed.
fn heavy_reads(
    ws: &Workspace,
    persona: PersonaId,
    out: &std::path::Path,
    stop: &AtomicBool,
    lock: Option<&Mutex<()>>,
    done: &[AtomicU32; 2],
) {
    std::thread::scope(|s| {
        s.spawn(|| {
            let today = now().date_naive();
            let year_ago = today - chrono::Duration::days(365);
            while !stop.load(Ordering::Relaxed) {
                let guard = lock.map(|l| l.lock().unwrap());
                reads::segment_progression(
                    ws,
                    &SegmentFilter::default(),
                    persona,
                    (year_ago, today),
                    60,
                    today,
                )
                .unwrap();
                drop(guard);
                done[0].fetch_add(1, Ordering::Relaxed);
                let_waiting_edits_in(lock);
            }
        });
        s.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                let guard = lock.map(|l| l.lock().unwrap());
                reads::export_customers_to(
                    ws,
                    &CustomerQuery::default(),
                    now().date_naive(),
                    out,
                    Replace::Yes,
                )
                .unwrap();
                drop(guard);
                done[1].fetch_add(1, Ordering::Relaxed);
                let_waiting_edits_in(lock);
            }
        });
    });
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("crm.csv");
    write_csv(&csv, &rows(n));
    let ws = Workspace::open(&dir.path().join("bench.successmap"), NewFile::Empty, now()).unwrap();
    let t = Instant::now();
    let table = Table::open(&csv).unwrap();
    let (mapping, _) = reads::propose_import_columns(&ws, &table.headers).unwrap();
    let options = ImportOptions {
        mapping,
        kpi_columns: Vec::new(),
        create_missing: true,
        default_persona_id: None,
        encoding: None,
    };
    let cancel = AtomicBool::new(false);
    let mut progress = |_| {};
    let control = Control {
        progress: &mut progress,
        cancel: &cancel,
    };
    edits::import_customers(
        &ws,
        &csv,
        &table,
        &options,
        ImportWrite::default(),
        control,
        now(),
    )
    .unwrap();
    println!("rows: {n}; imported in {:.1} s", t.elapsed().as_secs_f64());

    let persona = reads::personas(&ws).unwrap()[0].persona.id;
    let map = reads::map(&ws, persona).unwrap();
    let two_steps = [map.steps[0].step.id, map.steps[1].step.id];
    let page = reads::customer_page(
        &ws,
        &CustomerQuery {
            persona_id: Some(persona),
            ..CustomerQuery::default()
        },
        now().date_naive(),
        0,
        20,
    )
    .unwrap();
    let customers: Vec<_> = page
        .rows
        .iter()
        .map(|r| (r.customer.id, two_steps))
        .collect();
    let out = dir.path().join("export.csv");

    // Each heavy read alone, for scale.
    let today = now().date_naive();
    let t = Instant::now();
    reads::segment_progression(
        &ws,
        &SegmentFilter::default(),
        persona,
        (today - chrono::Duration::days(365), today),
        60,
        today,
    )
    .unwrap();
    println!(
        "progression of one persona alone: {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let exported =
        reads::export_customers_to(&ws, &CustomerQuery::default(), today, &out, Replace::Yes)
            .unwrap();
    println!(
        "export of {exported} customers alone: {:.2} s",
        t.elapsed().as_secs_f64()
    );

    report("edits alone", edits(&ws, &customers, None, EDITS));

    for (what, lock) in [
        ("edits beside progression + export (read pool)", None),
        (
            "edits beside progression + export (one lock for everything, as before)",
            Some(Mutex::new(())),
        ),
    ] {
        let stop = AtomicBool::new(false);
        let done = [AtomicU32::new(0), AtomicU32::new(0)];
        let took = std::thread::scope(|s| {
            s.spawn(|| heavy_reads(&ws, persona, &out, &stop, lock.as_ref(), &done));
            // The readers start first, so that every edit has them running beside it.
            std::thread::sleep(Duration::from_millis(200));
            // Behind one lock an edit waits seconds; ten are enough to show it.
            let count = if lock.is_some() { 10 } else { EDITS };
            let took = edits(&ws, &customers, lock.as_ref(), count);
            stop.store(true, Ordering::Relaxed);
            took
        });
        report(what, took);
        println!(
            "  meanwhile: {} progressions and {} exports completed",
            done[0].load(Ordering::Relaxed),
            done[1].load(Ordering::Relaxed)
        );
    }
}
