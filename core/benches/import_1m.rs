//! A million customers: the raw SQLite insert floor and the full import of the same
//! rows from a CRM-like CSV, a re-import (upsert) onto itself, and how long the
//! customer list and the map take to open on that workspace. Files on disk, with the
//! app's pragmas. Run with `bench/import-1m.sh [rows]`; prints one line per figure.
#![allow(clippy::unwrap_used)]

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use successmap_core::import::{self, Control, Mode, Table};
use successmap_core::model::{
    CellRef, CustomerQuery, CustomerSort, HealthBand, ImportOptions, NpsBand, PersonaInput,
    SegmentFilter, StepInput,
};
use successmap_core::{ops, Db};

mod common;
use common::{now, rows, write_csv, PERSONAS, STEPS};

/// A workspace file with the three personas and their four steps; step ids by [persona][step].
fn workspace(path: &std::path::Path) -> (Db, Vec<Vec<i64>>) {
    let mut db = Db::open(path).unwrap();
    let ids = db
        .write(|tx| {
            let mut ids = Vec::new();
            for name in PERSONAS {
                let p = ops::personas::create(tx, &PersonaInput::named(name), now())?;
                let mut steps = Vec::new();
                for title in STEPS {
                    let input = StepInput {
                        title: title.into(),
                        outcome: String::new(),
                        notes: None,
                    };
                    steps.push(ops::steps::add(tx, p.map_id, &input, None, now())?.id.0);
                }
                ids.push(steps);
            }
            Ok(ids)
        })
        .unwrap();
    (db, ids)
}

fn rate(rows: usize, took: Duration) -> f64 {
    rows as f64 / took.as_secs_f64()
}

fn import_file(
    db: &mut Db,
    csv: &std::path::Path,
    undoable: bool,
) -> (Duration, successmap_core::model::ImportReport) {
    let started = Instant::now();
    let table = Table::open(csv).unwrap();
    let (mapping, _) = db
        .read(|c| import::propose_mapping(c, &table.headers))
        .unwrap();
    let options = ImportOptions {
        mapping,
        create_missing: false,
        default_persona_id: None,
        encoding: None,
        kpi_columns: Vec::new(),
    };
    let cancel = AtomicBool::new(false);
    let mut progress = |_| {};
    let run = |tx: &rusqlite::Transaction<'_>| {
        import::run(
            tx,
            &table,
            &options,
            Mode::Write { now: now() },
            Control {
                progress: &mut progress,
                cancel: &cancel,
            },
        )
    };
    let report = if undoable {
        db.edit("Import", run)
    } else {
        db.write(run)
    }
    .unwrap();
    (started.elapsed(), report)
}

/// A read measured by the bench.
type Query<'a> = dyn Fn(&rusqlite::Connection) + 'a;

/// Runs each read five times and prints the median.
fn time_reads(db: &Db, reads: &[(&str, &Query)]) {
    for (what, query) in reads {
        let runs: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                db.read(|c| {
                    query(c);
                    Ok(())
                })
                .unwrap();
                t.elapsed()
            })
            .collect();
        println!(
            "{what} (median of 5): {:.2} ms",
            median(runs).as_secs_f64() * 1e3
        );
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .or_else(|| std::env::var("ROWS").ok().and_then(|v| v.parse().ok()))
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("crm.csv");
    let rows = rows(n);
    write_csv(&csv, &rows);
    let size = std::fs::metadata(&csv).unwrap().len();
    println!("rows: {n}; CSV: {:.1} MB", size as f64 / 1e6);

    // The reference of the issue: sqlite3's own CSV loader, the same file into a plain
    // table (no indexes, no checks), when the sqlite3 program is installed.
    let plain = dir.path().join("plain.db");
    let started = Instant::now();
    let loaded = std::process::Command::new("sqlite3")
        .arg(&plain)
        .arg(".mode csv")
        .arg(format!(".import {} crm", csv.display()))
        .status();
    match loaded {
        Ok(status) if status.success() => println!(
            "sqlite3 .import into a plain table: {:.2} s",
            started.elapsed().as_secs_f64()
        ),
        Ok(status) => println!("sqlite3 .import failed ({status})"),
        Err(e) => println!("sqlite3 .import not measured: {e}"),
    }
    let _ = std::fs::remove_file(&plain);

    // The floor: the same rows, already in memory, through one prepared INSERT into the
    // same table and indexes, the search index written once at the end as the import
    // writes it (row by row, FTS5 would write it out at every statement).
    let (mut raw, steps) = workspace(&dir.path().join("raw.db"));
    let started = Instant::now();
    raw.write(|tx| {
        let held = successmap_core::db::customers::search::hold(tx)?;
        let persona_ids: Vec<i64> =
            successmap_core::db::personas::list(tx)?.iter().map(|p| p.id.0).collect();
        let mut stmt = tx.prepare(
            "INSERT INTO customer (external_id, name, persona_id, current_step_id, target_step_id, arr_cents,
                                   health, nps, csat, owner, renewal_date, notes, created_at, updated_at,
                                   current_since)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?13)",
        )?;
        for r in &rows {
            stmt.execute(rusqlite::params![
                r.ext,
                r.name,
                persona_ids[r.persona],
                steps[r.persona][r.current],
                steps[r.persona][r.target],
                r.arr_cents,
                r.health,
                r.nps,
                r.csat,
                r.owner,
                r.renewal,
                r.notes,
                "2026-11-23T09:00:00.000Z"
            ])?;
        }
        drop(stmt);
        held.release(tx)
    })
    .unwrap();
    let raw_took = started.elapsed();
    println!(
        "raw prepared insert: {:.2} s, {:.0} rows/s",
        raw_took.as_secs_f64(),
        rate(n, raw_took)
    );
    drop(raw);

    // The full import: read, detect, map, validate, write customers and their history.
    let (mut db, _) = workspace(&dir.path().join("import.db"));
    let started = Instant::now();
    let table = Table::open(&csv).unwrap();
    let (mapping, _) = db
        .read(|c| import::propose_mapping(c, &table.headers))
        .unwrap();
    let options = ImportOptions {
        mapping,
        create_missing: false,
        default_persona_id: None,
        encoding: None,
        kpi_columns: Vec::new(),
    };
    let cancel = AtomicBool::new(false);
    db.read(|c| {
        import::run(
            c,
            &table,
            &options,
            Mode::Validate,
            Control {
                progress: &mut |_| {},
                cancel: &cancel,
            },
        )
    })
    .unwrap();
    let took = started.elapsed();
    println!(
        "check only (read, detect, validate; no writes): {:.2} s, {:.0} rows/s",
        took.as_secs_f64(),
        rate(n, took)
    );
    drop(table);
    let (took, report) = import_file(&mut db, &csv, false);
    assert_eq!(
        report.valid_rows as usize,
        n,
        "{:?}",
        report.problems.first()
    );
    println!(
        "full import: {:.2} s, {:.0} rows/s, {:.2}x the raw insert",
        took.as_secs_f64(),
        rate(n, took),
        rate(n, took) / rate(n, raw_took)
    );

    let t = Instant::now();
    let index = db
        .read(successmap_core::db::customers::imported::external_index)
        .unwrap();
    println!(
        "  of which loading the {} stored customers to match: {:.2} s",
        index.len(),
        t.elapsed().as_secs_f64()
    );
    drop(index);
    // Re-import of the same file onto itself: every row matched, nothing changes.
    let (took, report) = import_file(&mut db, &csv, false);
    assert_eq!(report.unchanged_customers as usize, n);
    println!(
        "re-import (upsert, unchanged): {:.2} s, {:.0} rows/s",
        took.as_secs_f64(),
        rate(n, took)
    );

    // Opening the customer list (count + first page by name) and the map of a persona.
    let persona = successmap_core::db::personas::list(
        &rusqlite::Connection::open(dir.path().join("import.db")).unwrap(),
    )
    .unwrap()[0]
        .id;
    let deep_offset = (n as u32) * 9 / 10;
    let search = |text: &str| CustomerQuery {
        search: text.into(),
        ..CustomerQuery::default()
    };
    // Few matches (a name and its longer numbers), a quarter of the customers, and two
    // characters (no trigram: a scan).
    let (narrow, broad, short) = (search("Atelier 4242"), search("atelier"), search("42"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let all = SegmentFilter::default();
    let one = SegmentFilter {
        persona_id: Some(persona),
        ..SegmentFilter::default()
    };
    let (first_step, second_step) = {
        let c = rusqlite::Connection::open(dir.path().join("import.db")).unwrap();
        let map = successmap_core::db::personas::get(&c, persona)
            .unwrap()
            .map_id;
        let steps = successmap_core::db::steps::list_for_map(&c, map).unwrap();
        (steps[0].id, steps[1].id)
    };
    let cell = CustomerQuery {
        sort: CustomerSort::Arr,
        descending: true,
        ..CustomerQuery::segment(
            &one,
            Some(CellRef {
                current_step_id: Some(first_step),
                target_step_id: Some(second_step),
            }),
        )
    };
    let filtered: Vec<(&str, SegmentFilter)> = vec![
        (
            "owner",
            SegmentFilter {
                owner: Some("Ravi Patel".into()),
                ..one.clone()
            },
        ),
        (
            "ARR $10k–$50k",
            SegmentFilter {
                min_arr_cents: Some(1_000_000),
                max_arr_cents: Some(5_000_000),
                ..one.clone()
            },
        ),
        (
            "health at risk",
            SegmentFilter {
                health_band: Some(HealthBand::AtRisk),
                ..one.clone()
            },
        ),
        (
            "NPS negative",
            SegmentFilter {
                nps_band: Some(NpsBand::Negative),
                ..one.clone()
            },
        ),
        (
            "renewal within 90 days",
            SegmentFilter {
                renewal_within_days: Some(90),
                ..one.clone()
            },
        ),
        (
            "owner + health, all personas",
            SegmentFilter {
                owner: Some("Ana Costa".into()),
                health_band: Some(HealthBand::Healthy),
                ..all.clone()
            },
        ),
    ];
    let timings: [(&str, &Query); 13] = [
        ("customer list, first page of 100", &|c| {
            ops::customers::page(c, &CustomerQuery::default(), today, 0, 100).unwrap();
        }),
        ("customer list, a page 90% down", &|c| {
            ops::customers::page(c, &CustomerQuery::default(), today, deep_offset, 100).unwrap();
        }),
        ("customer list, search by name (few matches)", &|c| {
            ops::customers::page(c, &narrow, today, 0, 100).unwrap();
        }),
        ("customer list, search matching a quarter", &|c| {
            ops::customers::page(c, &broad, today, 0, 100).unwrap();
        }),
        ("customer list, search of two characters", &|c| {
            ops::customers::page(c, &short, today, 0, 100).unwrap();
        }),
        ("map of one persona", &|c| {
            ops::maps::detail(c, persona).unwrap();
        }),
        ("segment matrix, all personas", &|c| {
            ops::segments::matrix(c, &all, today).unwrap();
        }),
        ("segment matrix, one persona", &|c| {
            ops::segments::matrix(c, &one, today).unwrap();
        }),
        ("segment cell, first 100 by ARR", &|c| {
            ops::customers::page(c, &cell, today, 0, 100).unwrap();
        }),
        ("success vs satisfaction, all personas (map, NPS)", &|c| {
            ops::segments::satisfaction(
                c,
                &all,
                successmap_core::model::ProgressBasis::Map,
                successmap_core::model::SatisfactionMeasure::Nps,
                today,
            )
            .unwrap();
        }),
        (
            "progression of one persona (a year, stalled 60 days)",
            &|c| {
                ops::segments::progression(
                    c,
                    &all,
                    persona,
                    today - chrono::Duration::days(365),
                    today,
                    60,
                    today,
                )
                .unwrap();
            },
        ),
        ("stalled over 60 days, count of one persona", &|c| {
            let q = CustomerQuery::segment(
                &SegmentFilter {
                    stalled_days: Some(60),
                    ..one.clone()
                },
                None,
            );
            ops::customers::page(c, &q, today, 0, 100).unwrap();
        }),
        ("persona list with counts", &|c| {
            ops::personas::list(c).unwrap();
        }),
    ];
    time_reads(&db, &timings);
    let matrices: Vec<(String, Box<Query>)> = filtered
        .iter()
        .map(|(what, f)| {
            let q: Box<Query> = Box::new(move |c| {
                ops::segments::matrix(c, f, today).unwrap();
            });
            (format!("filtered matrix, one persona, {what}"), q)
        })
        .collect();
    let borrowed: Vec<(&str, &Query)> = matrices
        .iter()
        .map(|(w, q)| (w.as_str(), q.as_ref()))
        .collect();
    time_reads(&db, &borrowed);

    // The alternative to the kept summary: the same GROUP BY, which SQLite answers from
    // the segment-filter index (persona, current step, target step, ARR, …).
    let group_by = |c: &rusqlite::Connection| {
        let mut stmt = c
            .prepare(
                "SELECT persona_id, current_step_id, target_step_id, count(*), sum(arr_cents)
                   FROM customer GROUP BY 1, 2, 3",
            )
            .unwrap();
        let rows = stmt.query_map([], |_| Ok(())).unwrap();
        assert!(rows.count() > 0);
    };
    time_reads(
        &db,
        &[(
            "matrix as a GROUP BY over the filter index, all personas",
            &group_by,
        )],
    );

    drop(db);

    // The app imports as one undoable edit (a session records the change set).
    let (mut undoable, _) = workspace(&dir.path().join("undoable.db"));
    let (took, _) = import_file(&mut undoable, &csv, true);
    println!(
        "full import recorded for undo (as the app does): {:.2} s, {:.0} rows/s",
        took.as_secs_f64(),
        rate(n, took)
    );
    println!(
        "  change set kept for undo: {:.0} MB",
        undoable.undo_bytes() as f64 / 1e6
    );
    let t = Instant::now();
    undoable.undo().unwrap();
    println!("undo of that import: {:.2} s", t.elapsed().as_secs_f64());
}
