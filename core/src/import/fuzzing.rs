//! Entry points for the fuzz targets in `fuzz/` and for replaying their corpus in the
//! tests (`core/tests/fuzz_corpus.rs`): each takes arbitrary bytes, runs a reader or the
//! parsers on them, and panics only when an invariant breaks. Not an API for clients.

use std::sync::atomic::AtomicBool;

use super::source::Table;
use super::values::{self, NumberStyle};
use super::{propose_mapping, Control, Mode};
use crate::model::{ImportOptions, PersonaInput, StepInput};
use crate::{ops, Db};

thread_local! {
    /// One small workspace per thread (migrating one per input would dominate the run).
    static WORKSPACE: Option<Db> = workspace();
}

fn workspace() -> Option<Db> {
    let mut db = Db::open_in_memory().ok()?;
    db.write(|tx| {
        let now = chrono::DateTime::UNIX_EPOCH;
        let persona = ops::personas::create(tx, &PersonaInput::named("Architect"), now)?;
        for title in ["Onboard", "Adopt"] {
            let input = StepInput {
                title: title.to_string(),
                outcome: String::new(),
                notes: None,
            };
            ops::steps::add(tx, persona.map_id, &input, None, now)?;
        }
        Ok(())
    })
    .ok()?;
    Some(db)
}

/// Any bytes as a CSV export: read every row (lines never go back), then check the
/// rows against a workspace as the import's validation does.
pub fn csv(data: &[u8]) {
    let Ok(table) = Table::from_csv_bytes(data.to_vec()) else {
        return;
    };
    let mut last = table.header_line;
    let read = table.rows(&mut |row| {
        assert!(row.line >= last, "line {} after line {last}", row.line);
        last = row.line;
        true
    });
    if read.is_err() {
        return;
    }
    WORKSPACE.with(|db| {
        let Some(db) = db else { return };
        let _ = db.read(|conn| {
            let (mapping, _) = propose_mapping(conn, &table.headers)?;
            let options = ImportOptions {
                mapping,
                create_missing: true,
                default_persona_id: None,
                encoding: None,
                kpi_columns: Vec::new(),
            };
            let cancel = AtomicBool::new(false);
            let report = super::run(
                conn,
                &table,
                &options,
                Mode::Validate,
                Control {
                    progress: &mut |_| {},
                    cancel: &cancel,
                },
            )?;
            assert_eq!(report.rows, report.valid_rows + report.rejected_rows);
            Ok(())
        });
    });
}

/// Any bytes as an XLSX workbook (written to a temporary file, as the reader opens
/// files): opening and reading never panic.
pub fn xlsx(data: &[u8]) {
    let path = std::env::temp_dir().join(format!(
        "successmap-fuzz-{}-{:?}.xlsx",
        std::process::id(),
        std::thread::current().id()
    ));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(table) = Table::open(&path) {
        let mut rows = 0;
        let _ = table.rows(&mut |_| {
            rows += 1;
            rows < 100_000
        });
    }
    let _ = std::fs::remove_file(&path);
}

/// Any text as a number, money, a date, a header: never a panic, never a non-finite
/// number, and money only where the number reads too.
pub fn values(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for style in [NumberStyle::DecimalPoint, NumberStyle::DecimalComma] {
        let number = values::parse_number(text, style);
        if let Some(n) = number {
            assert!(n.is_finite(), "{text:?} read as {n}");
        }
        if values::parse_cents(text, style).is_some() {
            assert!(number.is_some(), "{text:?} is money but not a number");
        }
        let _ = values::parse_date(text, style);
    }
    let _ = values::guess_field(text);
    let _ = values::normalise_header(text);
    let _ = values::unneutralise(text);
}
