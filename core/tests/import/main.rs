#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Importing customers from CSV and XLSX, as one test binary: `reading` (detection,
//! encodings, validation reports by line, hostile files) and `writing` (upsert,
//! history, all-or-nothing, cancel, creating missing personas and steps, the export
//! round trip). The helpers both use are here.
mod changes;
#[path = "../common/mod.rs"]
mod common;
mod crm_files;
mod history;
mod hostile;
mod reading;
mod writing;

use std::sync::atomic::AtomicBool;

use common::{memory_db, now, persona, step};
use successmap_core::db::customers;
use successmap_core::import::{self, Control, Mode, Table};
use successmap_core::model::{CustomerQuery, ImportOptions, ImportProblem, ImportReport, Persona};
use successmap_core::{CoreError, Db};

pub(crate) fn workspace() -> (Db, Persona) {
    let mut db = memory_db();
    let architect = persona(&mut db, "Architect");
    for title in ["Onboard", "Adopt", "Expand"] {
        step(&mut db, &architect, title);
    }
    let developer = persona(&mut db, "Developer");
    for title in ["Start", "Build"] {
        step(&mut db, &developer, title);
    }
    (db, architect)
}

pub(crate) fn options_for(db: &Db, table: &Table, create_missing: bool) -> ImportOptions {
    let (mapping, _) = db
        .read(|c| import::propose_mapping(c, &table.headers))
        .unwrap();
    ImportOptions {
        mapping,
        create_missing,
        default_persona_id: None,
        encoding: None,
        kpi_columns: Vec::new(),
    }
}

pub(crate) fn run(
    db: &mut Db,
    bytes: &[u8],
    create_missing: bool,
    mode: Mode,
) -> Result<ImportReport, CoreError> {
    let table = Table::from_csv_bytes(bytes.to_vec()).unwrap();
    let options = options_for(db, &table, create_missing);
    let cancel = AtomicBool::new(false);
    let mut progress = |_| {};
    let control = Control {
        progress: &mut progress,
        cancel: &cancel,
    };
    match mode {
        Mode::Validate => db.read(|c| import::run(c, &table, &options, mode, control)),
        Mode::Write { .. } => db.write(|tx| import::run(tx, &table, &options, mode, control)),
    }
}

/// Imports an opened table with these options in one transaction.
pub(crate) fn write_table(
    db: &mut Db,
    table: &Table,
    options: &ImportOptions,
) -> Result<ImportReport, CoreError> {
    let cancel = AtomicBool::new(false);
    db.write(|tx| {
        import::run(
            tx,
            table,
            options,
            Mode::Write { now: now() },
            Control {
                progress: &mut |_| {},
                cancel: &cancel,
            },
        )
    })
}

pub(crate) fn import(db: &mut Db, bytes: &[u8]) -> ImportReport {
    run(db, bytes, false, Mode::Write { now: now() }).unwrap()
}

pub(crate) fn p(line: u32, column: Option<&str>, reason: &str) -> ImportProblem {
    ImportProblem {
        line,
        column: column.map(str::to_string),
        reason: reason.to_string(),
    }
}

pub(crate) fn all_customers(db: &Db) -> Vec<successmap_core::model::CustomerRow> {
    let mut rows = Vec::new();
    db.read(|c| {
        customers::for_each_matching(
            c,
            &CustomerQuery::default(),
            common::today(),
            0,
            None,
            &mut |r| {
                rows.push(r);
                Ok(())
            },
        )
    })
    .unwrap();
    rows
}
