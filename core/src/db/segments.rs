//! `saved_segment`: named segment filters, each with one matrix cell or none.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{CoreError, CoreResult};
use crate::model::{CellRef, SavedSegment, SavedSegmentInput, SegmentFilter, SegmentId};

const COLUMNS: &str = "id, name, filter, has_cell, current_step_id, target_step_id, quadrant";

fn from_row(row: &Row<'_>) -> rusqlite::Result<SavedSegment> {
    let filter: String = row.get(2)?;
    let filter: SegmentFilter = serde_json::from_str(&filter).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let has_cell: bool = row.get(3)?;
    let quadrant: Option<String> = row.get(6)?;
    let quadrant = match quadrant {
        None => None,
        Some(text) => Some(serde_json::from_str(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
        })?),
    };
    Ok(SavedSegment {
        id: row.get(0)?,
        name: row.get(1)?,
        filter,
        cell: if has_cell {
            Some(CellRef {
                current_step_id: row.get(4)?,
                target_step_id: row.get(5)?,
            })
        } else {
            None
        },
        quadrant,
    })
}

fn duplicate_name(name: &str) -> impl FnOnce() -> String + '_ {
    move || format!("a segment named \"{name}\" already exists")
}

fn json(value: &impl serde::Serialize) -> CoreResult<String> {
    serde_json::to_string(value)
        .map_err(|e| CoreError::invalid("filter", format!("the filter cannot be saved: {e}")))
}

fn quadrant_json(s: &SavedSegmentInput) -> CoreResult<Option<String>> {
    s.quadrant.as_ref().map(json).transpose()
}

/// Inserts a checked segment.
pub fn insert(conn: &Connection, s: &SavedSegmentInput, now: &str) -> CoreResult<SegmentId> {
    conn.execute(
        "INSERT INTO saved_segment (name, filter, has_cell, current_step_id, target_step_id,
                                    quadrant, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            s.name,
            json(&s.filter)?,
            s.cell.is_some(),
            s.cell.and_then(|c| c.current_step_id),
            s.cell.and_then(|c| c.target_step_id),
            quadrant_json(s)?,
            now
        ],
    )
    .map_err(|e| super::unique_violation(e, duplicate_name(&s.name)))?;
    Ok(SegmentId(conn.last_insert_rowid()))
}

/// Replaces a segment's name, filter and cell.
pub fn update(
    conn: &Connection,
    id: SegmentId,
    s: &SavedSegmentInput,
    now: &str,
) -> CoreResult<()> {
    let changed = conn
        .execute(
            "UPDATE saved_segment SET name = ?2, filter = ?3, has_cell = ?4,
                    current_step_id = ?5, target_step_id = ?6, quadrant = ?7, updated_at = ?8
              WHERE id = ?1",
            params![
                id,
                s.name,
                json(&s.filter)?,
                s.cell.is_some(),
                s.cell.and_then(|c| c.current_step_id),
                s.cell.and_then(|c| c.target_step_id),
                quadrant_json(s)?,
                now
            ],
        )
        .map_err(|e| super::unique_violation(e, duplicate_name(&s.name)))?;
    if changed == 0 {
        return Err(CoreError::not_found(SegmentId::ENTITY, id.0));
    }
    Ok(())
}

pub fn delete(conn: &Connection, id: SegmentId) -> CoreResult<()> {
    if conn.execute("DELETE FROM saved_segment WHERE id = ?1", [id])? == 0 {
        return Err(CoreError::not_found(SegmentId::ENTITY, id.0));
    }
    Ok(())
}

pub fn get(conn: &Connection, id: SegmentId) -> CoreResult<SavedSegment> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM saved_segment WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found(SegmentId::ENTITY, id.0))
}

/// The segment of this name (case-insensitive), if any.
pub fn by_name(conn: &Connection, name: &str) -> CoreResult<Option<SavedSegment>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM saved_segment WHERE name = ?1"),
            [name.trim()],
            from_row,
        )
        .optional()?)
}

/// Every saved segment, by name.
pub fn list(conn: &Connection) -> CoreResult<Vec<SavedSegment>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM saved_segment ORDER BY name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
