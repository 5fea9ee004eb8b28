//! Storage tests: the SQL of `successmap_core::db`, one module per table, called
//! directly on an in-memory workspace (and, for the read pool, on a workspace file)
//! rather than through the use cases of `ops`. They pin what each table module
//! promises: round trips of every column, ordering, uniqueness, what the schema's
//! foreign keys cascade, refuse or set NULL, not-found errors, and the matrix summary
//! kept in step with the customers. One binary, so that the crate links once.
#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

#[path = "../common/mod.rs"]
mod common;

mod attachments;
mod customer_kpis;
mod customers;
mod customers_imported;
mod customers_query;
mod kpis;
mod maps;
mod meta;
mod personas;
mod placements;
mod pool;
mod segment_cells;
mod segments;
mod steps;
mod vehicles;

use std::fmt::Debug;

use rusqlite::Connection;
use successmap_core::db::customers as customer_table;
use successmap_core::db::segment_cells::MatrixRow;
use successmap_core::model::{CustomerId, CustomerInput, PersonaId, StepId};
use successmap_core::{time, CoreError, CoreResult, Db};

/// [`common::now`] as stored text: "2026-11-23T09:00:00.000Z".
pub fn stamp() -> String {
    time::to_stored(common::now())
}

/// `minutes` after [`common::now`], as stored text.
pub fn stamp_after(minutes: i64) -> String {
    time::to_stored(common::now() + chrono::Duration::minutes(minutes))
}

/// A customer of `persona` on `current`, aiming at `target`, with `arr` cents.
pub fn customer_input(
    name: &str,
    persona: PersonaId,
    current: Option<StepId>,
    target: Option<StepId>,
    arr: Option<i64>,
) -> CustomerInput {
    let mut c = CustomerInput::named(name, persona);
    c.current_step_id = current;
    c.target_step_id = target;
    c.arr_cents = arr;
    c
}

/// Inserts a customer through the storage layer (with its matrix cell).
pub fn add_customer(db: &mut Db, c: &CustomerInput) -> CustomerId {
    db.write(|tx| customer_table::insert(tx, c, &stamp()))
        .expect("customer is inserted")
}

/// The SQLite extended result code of a storage error (panics on any other error).
pub fn sqlite_code<T: Debug>(result: CoreResult<T>) -> i32 {
    match result {
        Err(CoreError::Storage(rusqlite::Error::SqliteFailure(e, _))) => e.extended_code,
        other => panic!("expected a SQLite failure, got {other:?}"),
    }
}

/// Asserts a refusal by a foreign key: a missing parent row (SQLITE_CONSTRAINT_FOREIGNKEY)
/// or, for `ON DELETE RESTRICT`, a parent that still has children (SQLite reports those
/// as SQLITE_CONSTRAINT_TRIGGER, with the same message).
pub fn assert_foreign_key_refused<T: Debug>(result: CoreResult<T>) {
    match result {
        Err(CoreError::Storage(rusqlite::Error::SqliteFailure(e, Some(message))))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            assert_eq!(message, "FOREIGN KEY constraint failed");
        }
        other => panic!("expected a foreign key failure, got {other:?}"),
    }
}

/// Asserts a `NotFound` of `entity` `id`.
pub fn assert_not_found<T: Debug>(result: CoreResult<T>, entity: &str, id: i64) {
    match result {
        Err(CoreError::NotFound {
            entity: found,
            id: found_id,
        }) => assert_eq!((found, found_id), (entity, id)),
        other => panic!("expected {entity} {id} not found, got {other:?}"),
    }
}

/// Asserts a `Conflict` whose message mentions `words`.
pub fn assert_conflict<T: Debug>(result: CoreResult<T>, words: &str) {
    match result {
        Err(CoreError::Conflict(message)) => assert!(
            message.contains(words),
            "conflict {message:?} should mention {words:?}"
        ),
        other => panic!("expected a conflict about {words:?}, got {other:?}"),
    }
}

/// How many rows `sql` (a `SELECT count(*) …`) counts.
pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The kept matrix (`segment_cell`), sorted.
pub fn kept_cells(conn: &Connection) -> Vec<MatrixRow> {
    let mut cells = successmap_core::db::segment_cells::all(conn, None).unwrap();
    cells.sort();
    cells
}

/// The matrix counted afresh from the customers, sorted: what the kept one must equal.
pub fn fresh_cells(conn: &Connection) -> Vec<MatrixRow> {
    let mut stmt = conn
        .prepare(
            "SELECT persona_id, current_step_id, target_step_id, count(*), ifnull(sum(arr_cents), 0)
               FROM customer GROUP BY 1, 2, 3",
        )
        .unwrap();
    let mut cells: Vec<MatrixRow> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    cells.sort();
    cells
}
