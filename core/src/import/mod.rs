//! Importing customers from a CRM export (CSV or XLSX).
//!
//! One engine serves validation, dry runs and real imports, in the app and the CLI:
//! [`run`] reads every row, resolves personas and steps by name, checks each value and
//! either only reports (`Mode::Validate`) or also writes (`Mode::Write`) inside the
//! caller's transaction, so a refused or cancelled import changes nothing. Rows with
//! problems are never written; customers are matched on external id (upsert) and
//! every change of step goes to the placement history with source "import".
//!
//! Its parts: `mapping` (which column is which field, saved choices), `names`
//! (personas and steps by name, created on demand), `rows` (one row checked into a
//! resolved record), `write` (the upsert of a record, its placement history and KPI
//! values).

mod changes;
pub mod encoding;
pub mod history;
mod mapping;
mod names;
pub use names::{MAX_NEW_PERSONAS, MAX_NEW_STEPS};
#[doc(hidden)]
pub mod fuzzing;
mod rows;
pub mod source;
mod trailer;
pub use trailer::Trailer;
pub mod values;
mod write;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::customers::imported;
use crate::db::segment_cells::CellDeltas;
use crate::error::{CoreError, CoreResult};
use crate::model::{
    EncodingChoice, FieldChoice, ImportField, ImportOptions, ImportPhase, ImportPreview,
    ImportProblem, ImportProgress, ImportReport,
};
pub use mapping::{
    ambiguities, apply_column_choices, kpi_names, propose_kpi_columns, propose_mapping,
    remember_mapping,
};
use mapping::{check_mapping, Columns};
use names::Names;
pub use source::Table;
use values::NumberStyle;

const SAMPLE_ROWS: usize = 5;
const PROGRESS_EVERY: u32 = 4096;

/// Validate only, or write as well.
#[derive(Debug, Clone, Copy)]
pub enum Mode {
    Validate,
    Write { now: DateTime<Utc> },
}

/// Progress reports and the cancel switch of a running import.
pub struct Control<'a> {
    pub progress: &'a mut dyn FnMut(ImportProgress),
    pub cancel: &'a AtomicBool,
}

/// The first rows of a table, for the wizard's preview (read without the workspace).
pub fn sample_rows(table: &Table) -> CoreResult<Vec<Vec<String>>> {
    let mut sample = Vec::new();
    table.rows(&mut |row| {
        sample.push(row.cells.clone());
        sample.len() < SAMPLE_ROWS
    })?;
    Ok(sample)
}

/// Describes the file at `path`, opened as `table` with its first rows `sample`, for the
/// import wizard: the proposed mapping comes from the workspace.
pub fn preview(
    conn: &Connection,
    path: &Path,
    table: &Table,
    sample: Vec<Vec<String>>,
) -> CoreResult<ImportPreview> {
    let (mapping, from_saved) = propose_mapping(conn, &table.headers)?;
    let kpi_columns = propose_kpi_columns(conn, &table.headers, &mapping)?;
    let detected = table.encoding();
    let encodings = match detected {
        Some(_) => encoding::CHOICES
            .iter()
            .map(|(name, _)| EncodingChoice {
                name: name.to_string(),
                label: encoding::label(encoding::by_name(name).unwrap_or(encoding_rs::UTF_8)),
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(ImportPreview {
        path: path.display().to_string(),
        format: table.format().to_string(),
        encoding: detected.map_or(String::new(), |e| e.describe()),
        encoding_name: detected.map_or("", |e| e.encoding.name()).to_string(),
        encoding_sure: detected.is_none_or(|e| e.decided.sure()),
        encoding_chosen: detected.is_some_and(|e| e.decided == encoding::Decided::Chosen),
        encoding_doubt: detected.and_then(|e| e.decided.doubt()).map(str::to_string),
        encodings,
        sep_line: table.has_sep_line(),
        delimiter: table
            .delimiter()
            .map_or(String::new(), source::delimiter_label),
        ambiguities: ambiguities(&table.headers, &mapping),
        fields: FieldChoice::all(),
        headers: table.headers.clone(),
        sample,
        mapping,
        mapping_saved: from_saved.contains(&true),
        mapping_from_saved: from_saved,
        kpi_columns,
        kpi_names: kpi_names(conn)?,
    })
}

struct Engine<'a> {
    conn: &'a Connection,
    table: &'a Table,
    options: &'a ImportOptions,
    columns: Columns,
    style: NumberStyle,
    names: Names,
    existing: imported::ExternalIndex,
    /// External ids seen in the file so far, with their line.
    seen_external: HashMap<String, u32, imported::FastState>,
    report: ImportReport,
    problems: Vec<ImportProblem>,
    /// Changes to the kept matrix, written once at the end.
    deltas: CellDeltas,
    /// What the valid rows do, by persona slot; the first moves.
    changes: HashMap<usize, crate::model::PersonaChanges>,
    moves: Vec<crate::model::ImportMove>,
    /// The first line with bytes not valid in the file's encoding, in an imported cell.
    first_invalid: Option<u32>,
    /// Maps that got an automatic version before this import added steps to them.
    versioned: std::collections::HashSet<crate::model::MapId>,
    /// The search index, written once at the end of a writing import.
    search: Option<crate::db::customers::search::Held>,
}

/// Calls `f` with every row like [`Table::rows`], while a second thread reads and
/// decodes the file ahead in batches: reading overlaps with checking and writing.
/// When `f` stops early, the reader stops at its next batch.
fn rows_read_ahead(
    table: &Table,
    f: &mut dyn FnMut(&source::Row) -> bool,
) -> CoreResult<Option<Trailer>> {
    const BATCH: usize = 1024;
    // Also by size: a batch of long rows stays small (four in flight at most).
    const BATCH_BYTES: usize = 8 << 20;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<source::Row>>(4);
        let reader = scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut bytes = 0;
            let read = table.rows(&mut |row| {
                batch.push(row.clone());
                bytes += row.size();
                if batch.len() < BATCH && bytes < BATCH_BYTES {
                    return true;
                }
                bytes = 0;
                sender
                    .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                    .is_ok()
            });
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
            read
        });
        'batches: for batch in receiver.iter() {
            for row in &batch {
                if !f(row) {
                    break 'batches;
                }
            }
        }
        drop(receiver);
        reader.join().unwrap_or_else(|_| {
            Err(CoreError::Corrupt(
                "the file reader stopped unexpectedly".into(),
            ))
        })
    })
}

/// Reads every row of `table` and validates it; with `Mode::Write`, also writes the valid
/// rows (and, with `create_missing`, the personas and steps they name) through `conn`,
/// which must be inside a transaction. Returns [`CoreError::Cancelled`] when `cancel` is
/// set; the caller's transaction then rolls everything back.
pub fn run(
    conn: &Connection,
    table: &Table,
    options: &ImportOptions,
    mode: Mode,
    control: Control<'_>,
) -> CoreResult<ImportReport> {
    let columns = check_mapping(conn, table, options)?;
    let existing = if columns.of(ImportField::ExternalId).is_some() {
        imported::external_index(conn)?
    } else {
        imported::ExternalIndex::default()
    };
    let mut engine = Engine {
        conn,
        table,
        options,
        columns,
        style: NumberStyle::for_delimiter(table.delimiter()),
        names: Names::load(conn)?,
        existing,
        seen_external: HashMap::default(),
        report: ImportReport {
            rows: 0,
            valid_rows: 0,
            rejected_rows: 0,
            new_customers: 0,
            matched_customers: 0,
            updated_customers: 0,
            unchanged_customers: 0,
            problems: Vec::new(),
            problem_count: 0,
            missing_personas: Vec::new(),
            missing_steps: Vec::new(),
            written: false,
            notes: Vec::new(),
            changes: Vec::new(),
            moves: Vec::new(),
        },
        problems: Vec::new(),
        deltas: CellDeltas::default(),
        changes: HashMap::new(),
        moves: Vec::new(),
        first_invalid: None,
        versioned: Default::default(),
        search: match mode {
            Mode::Write { .. } => Some(crate::db::customers::search::hold(conn)?),
            Mode::Validate => None,
        },
    };
    let phase = match mode {
        Mode::Validate => ImportPhase::Validating,
        Mode::Write { .. } => ImportPhase::Writing,
    };
    let now = match mode {
        Mode::Write { now } => Some(crate::time::to_stored(now)),
        Mode::Validate => None,
    };
    let mut failure: Option<CoreError> = None;
    let mut all_problems: u32 = 0;
    let trailer = rows_read_ahead(table, &mut |row| {
        let mut step = || -> CoreResult<()> {
            engine.report.rows += 1;
            let resolved = engine.resolve(row)?;
            match resolved {
                Some(record) => {
                    engine.report.valid_rows += 1;
                    let matched = record
                        .external_id
                        .as_ref()
                        .is_some_and(|e| engine.existing.contains_key(e));
                    if matched {
                        engine.report.matched_customers += 1;
                    } else {
                        engine.report.new_customers += 1;
                    }
                    let same = engine.judge(&record, row.line)?;
                    if let (Some(now), Mode::Write { now: at }) = (&now, mode) {
                        engine.write(record, same, now, at)?;
                    }
                }
                None => engine.report.rejected_rows += 1,
            }
            all_problems += engine.problems.len() as u32;
            let room = ImportReport::PROBLEMS_LISTED.saturating_sub(engine.report.problems.len());
            engine
                .report
                .problems
                .extend(engine.problems.drain(..).take(room));
            engine.problems.clear();
            if engine.report.rows.is_multiple_of(PROGRESS_EVERY) {
                (control.progress)(ImportProgress {
                    phase,
                    rows_done: engine.report.rows,
                    fraction: row.fraction,
                });
                if control.cancel.load(Ordering::Relaxed) {
                    return Err(CoreError::Cancelled);
                }
            }
            Ok(())
        };
        match step() {
            Ok(()) => true,
            Err(e) => {
                failure = Some(e);
                false
            }
        }
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    if control.cancel.load(Ordering::Relaxed) {
        return Err(CoreError::Cancelled);
    }
    engine.deltas.apply(conn)?;
    if let Some(held) = engine.search.take() {
        held.release(conn)?;
    }
    (control.progress)(ImportProgress {
        phase,
        rows_done: engine.report.rows,
        fraction: Some(1.0),
    });
    let mut report = engine.report;
    report.changes = changes::sorted(engine.changes);
    report.moves = engine.moves;
    if now.is_none() {
        // A check knows before writing what the import will find.
        (report.updated_customers, report.unchanged_customers) = changes::totals(&report.changes);
    }
    report.problem_count = all_problems;
    report.missing_personas = engine.names.missing_personas;
    report.missing_steps = engine.names.missing_steps;
    report.written = now.is_some();
    report.notes.extend(trailer.map(|t| t.describe()));
    let plain_start = table
        .encoding()
        .is_some_and(|e| e.decided == encoding::Decided::PlainStart);
    if let (true, Some(line)) = (plain_start, engine.first_invalid) {
        report.notes.push(format!(
            "From line {line} on, the file has bytes that are not UTF-8, while its first \
             MiB (where the encoding is judged) is plain ASCII: it was probably saved in \
             another encoding (Windows-1252 for most Western exports). Choose it and check \
             again."
        ));
    }
    Ok(report)
}
