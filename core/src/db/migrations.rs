//! Forward-only schema migrations, embedded in the binary. `PRAGMA user_version` holds
//! how many have been applied. Never edit a released migration: add a new file.

use rusqlite::Connection;

use crate::error::{CoreError, CoreResult};

/// (name, SQL), in order. The version of a database is the number applied.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../../migrations/0001_initial.sql"),
    ),
    (
        "0002_customer_indexes",
        include_str!("../../migrations/0002_customer_indexes.sql"),
    ),
    (
        "0003_placement_indexes",
        include_str!("../../migrations/0003_placement_indexes.sql"),
    ),
    (
        "0004_saved_segments",
        include_str!("../../migrations/0004_saved_segments.sql"),
    ),
    (
        "0005_segment_cells",
        include_str!("../../migrations/0005_segment_cells.sql"),
    ),
    (
        "0006_customer_kpi_values",
        include_str!("../../migrations/0006_customer_kpi_values.sql"),
    ),
    (
        "0007_customer_filter_index",
        include_str!("../../migrations/0007_customer_filter_index.sql"),
    ),
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn current_version(conn: &Connection) -> CoreResult<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies the pending migrations, each in its own transaction. Returns how many ran.
pub fn migrate(conn: &mut Connection) -> CoreResult<usize> {
    let found = current_version(conn)?;
    let known = latest_version();
    if found > known {
        return Err(CoreError::WorkspaceTooNew { found, known });
    }
    let mut applied = 0;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)
            .map_err(|e| CoreError::Corrupt(format!("migration {name} failed: {e}")))?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
        applied += 1;
    }
    Ok(applied)
}
