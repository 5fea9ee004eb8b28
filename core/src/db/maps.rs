//! `success_map`: one map per persona.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{CoreError, CoreResult};
use crate::model::{MapId, PersonaId, SuccessMap};

pub fn insert(
    conn: &Connection,
    persona_id: PersonaId,
    name: &str,
    now: &str,
) -> CoreResult<MapId> {
    conn.execute(
        "INSERT INTO success_map (persona_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![persona_id, name, now],
    )?;
    Ok(MapId(conn.last_insert_rowid()))
}

pub fn get(conn: &Connection, id: MapId) -> CoreResult<SuccessMap> {
    conn.query_row(
        "SELECT id, persona_id, name FROM success_map WHERE id = ?1",
        [id],
        |r| {
            Ok(SuccessMap {
                id: r.get(0)?,
                persona_id: r.get(1)?,
                name: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found(MapId::ENTITY, id.0))
}

/// Marks the map as changed now (any edit of its steps, KPIs or attachments).
pub fn touch(conn: &Connection, id: MapId, now: &str) -> CoreResult<()> {
    conn.execute(
        "UPDATE success_map SET updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}
