//! Forward-only schema migrations, embedded in the binary. `PRAGMA user_version` holds
//! how many have been applied. Never edit a released migration: add a new file.

use std::path::{Path, PathBuf};

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
    (
        "0008_step_notes",
        include_str!("../../migrations/0008_step_notes.sql"),
    ),
    (
        "0009_workshop_notes",
        include_str!("../../migrations/0009_workshop_notes.sql"),
    ),
    (
        "0010_map_versions",
        include_str!("../../migrations/0010_map_versions.sql"),
    ),
    (
        "0011_current_since",
        include_str!("../../migrations/0011_current_since.sql"),
    ),
    (
        "0012_customer_search",
        include_str!("../../migrations/0012_customer_search.sql"),
    ),
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn current_version(conn: &Connection) -> CoreResult<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses a workspace of a newer schema than this build knows.
pub fn check_known(conn: &Connection) -> CoreResult<i64> {
    let found = current_version(conn)?;
    let known = latest_version();
    if found > known {
        return Err(CoreError::WorkspaceTooNew { found, known });
    }
    Ok(found)
}

/// Applies the pending migrations, each in its own IMMEDIATE transaction that reads the
/// version again under the write lock: when two processes open an old file at once,
/// the second finds the work done and skips it. Returns how many ran here.
pub fn migrate(conn: &mut Connection) -> CoreResult<usize> {
    let mut applied = 0;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
        if current_version(conn)? > index as i64 {
            continue;
        }
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found = check_known(&tx)?;
        if found > index as i64 {
            continue;
        }
        tx.execute_batch(sql)
            .map_err(|e| CoreError::Corrupt(format!("migration {name} failed: {e}")))?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
        applied += 1;
    }
    Ok(applied)
}

/// Where the copy of a workspace made before migrating it to `version` goes:
/// `team.successmap` → `team.before-v8.successmap` (`team` → `team.before-v8.db`);
/// `attempt` > 1 adds " (2)", " (3)" … when earlier copies are there.
pub fn backup_path(path: &Path, version: i64, attempt: u32) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "workspace".into(), |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map_or_else(|| "db".into(), |e| e.to_string_lossy().into_owned());
    let again = if attempt > 1 {
        format!(" ({attempt})")
    } else {
        String::new()
    };
    path.with_file_name(format!("{stem}.before-v{version}{again}.{ext}"))
}
