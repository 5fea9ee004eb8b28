//! `step`: the ordered steps of a map. Positions are 0-based and dense within a map.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{CoreError, CoreResult};
use crate::model::{MapId, Step, StepId};

const SELECT: &str = "SELECT id, map_id, position, title, outcome, notes FROM step";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Step> {
    Ok(Step {
        id: row.get(0)?,
        map_id: row.get(1)?,
        position: row.get(2)?,
        title: row.get(3)?,
        outcome: row.get(4)?,
        notes: row.get(5)?,
    })
}

fn duplicate_title(title: &str) -> impl FnOnce() -> String + '_ {
    move || format!("this map already has a step titled \"{title}\"")
}

pub fn insert(
    conn: &Connection,
    map_id: MapId,
    position: i32,
    title: &str,
    outcome: &str,
) -> CoreResult<StepId> {
    conn.execute(
        "INSERT INTO step (map_id, position, title, outcome) VALUES (?1, ?2, ?3, ?4)",
        params![map_id, position, title, outcome],
    )
    .map_err(|e| super::unique_violation(e, duplicate_title(title)))?;
    Ok(StepId(conn.last_insert_rowid()))
}

/// Sets a step's presenter notes.
pub fn set_notes(conn: &Connection, id: StepId, notes: &str) -> CoreResult<()> {
    conn.execute(
        "UPDATE step SET notes = ?2 WHERE id = ?1 AND notes IS NOT ?2",
        params![id, notes],
    )?;
    Ok(())
}

pub fn update_text(conn: &Connection, id: StepId, title: &str, outcome: &str) -> CoreResult<()> {
    let changed = conn
        .execute(
            "UPDATE step SET title = ?2, outcome = ?3 WHERE id = ?1",
            params![id, title, outcome],
        )
        .map_err(|e| super::unique_violation(e, duplicate_title(title)))?;
    if changed == 0 {
        return Err(CoreError::not_found(StepId::ENTITY, id.0));
    }
    Ok(())
}

pub fn set_position(conn: &Connection, id: StepId, position: i32) -> CoreResult<()> {
    conn.execute(
        "UPDATE step SET position = ?2 WHERE id = ?1",
        params![id, position],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: StepId) -> CoreResult<()> {
    let changed = conn.execute("DELETE FROM step WHERE id = ?1", [id])?;
    if changed == 0 {
        return Err(CoreError::not_found(StepId::ENTITY, id.0));
    }
    Ok(())
}

pub fn get(conn: &Connection, id: StepId) -> CoreResult<Step> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found(StepId::ENTITY, id.0))
}

/// The steps of a map in order.
pub fn list_for_map(conn: &Connection, map_id: MapId) -> CoreResult<Vec<Step>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE map_id = ?1 ORDER BY position, id"))?;
    let rows = stmt.query_map([map_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Inserts a step under the id `wanted` when no row has it (a restored version's step
/// keeps its id, so later comparisons still know it), else under a new id.
pub fn insert_keeping_id(
    conn: &Connection,
    wanted: Option<StepId>,
    map_id: MapId,
    position: i32,
    title: &str,
    outcome: &str,
) -> CoreResult<StepId> {
    let free = match wanted {
        Some(id) => conn
            .query_row("SELECT 1 FROM step WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_none(),
        None => false,
    };
    match wanted.filter(|_| free) {
        Some(id) => {
            conn.execute(
                "INSERT INTO step (id, map_id, position, title, outcome) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, map_id, position, title, outcome],
            )
            .map_err(|e| super::unique_violation(e, duplicate_title(title)))?;
            Ok(id)
        }
        None => insert(conn, map_id, position, title, outcome),
    }
}
