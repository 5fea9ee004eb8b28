//! `workshop_note`: ideas and decisions captured in workshops, on a step (`step_id`) or
//! on the move `step_id` → `to_step_id`.

use rusqlite::{params, Connection, Row};

use super::attachments::{target_columns, target_from};
use crate::error::{CoreError, CoreResult};
use crate::model::{MapId, NoteKind, StepId, WorkshopNote, WorkshopNoteId, WorkshopNoteInput};

const SELECT: &str =
    "SELECT id, map_id, step_id, to_step_id, kind, text, created_at FROM workshop_note";

fn from_row(row: &Row<'_>) -> rusqlite::Result<WorkshopNote> {
    let step_id: StepId = row.get(2)?;
    let to_step_id: Option<StepId> = row.get(3)?;
    let kind: String = row.get(4)?;
    Ok(WorkshopNote {
        id: row.get(0)?,
        map_id: row.get(1)?,
        target: target_from(step_id, to_step_id),
        kind: NoteKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                4,
                rusqlite::types::Type::Text,
                format!("unknown workshop note kind {kind:?}").into(),
            )
        })?,
        text: row.get(5)?,
        created_at: row.get(6)?,
    })
}

pub fn insert(
    conn: &Connection,
    map_id: MapId,
    input: &WorkshopNoteInput,
    created_at: &str,
) -> CoreResult<WorkshopNoteId> {
    let (step_id, to_step_id) = target_columns(input.target);
    conn.execute(
        "INSERT INTO workshop_note (map_id, step_id, to_step_id, kind, text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            map_id,
            step_id,
            to_step_id,
            input.kind.as_str(),
            input.text,
            created_at
        ],
    )?;
    Ok(WorkshopNoteId(conn.last_insert_rowid()))
}

pub fn get(conn: &Connection, id: WorkshopNoteId) -> CoreResult<WorkshopNote> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                CoreError::not_found(WorkshopNoteId::ENTITY, id.0)
            }
            e => e.into(),
        })
}

pub fn delete(conn: &Connection, id: WorkshopNoteId) -> CoreResult<()> {
    let changed = conn.execute("DELETE FROM workshop_note WHERE id = ?1", [id])?;
    if changed == 0 {
        return Err(CoreError::not_found(WorkshopNoteId::ENTITY, id.0));
    }
    Ok(())
}

/// A map's notes, oldest first.
pub fn list_for_map(conn: &Connection, map_id: MapId) -> CoreResult<Vec<WorkshopNote>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE map_id = ?1 ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([map_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many workshop notes are on the step (or on a move from or to it).
pub fn count_on_step(conn: &Connection, step_id: StepId) -> CoreResult<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM workshop_note WHERE step_id = ?1 OR to_step_id = ?1",
        [step_id],
        |r| r.get(0),
    )?)
}
