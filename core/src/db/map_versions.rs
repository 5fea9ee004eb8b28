//! `map_version`: saved versions of a success map, their content as JSON.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{CoreError, CoreResult};
use crate::model::{MapId, MapVersion, MapVersionId};

const SELECT: &str = "SELECT id, map_id, name, note, automatic, created_at,
        json_array_length(content, '$.steps') FROM map_version";

fn from_row(row: &Row<'_>) -> rusqlite::Result<MapVersion> {
    Ok(MapVersion {
        id: row.get(0)?,
        map_id: row.get(1)?,
        name: row.get(2)?,
        note: row.get(3)?,
        automatic: row.get(4)?,
        created_at: row.get(5)?,
        step_count: row.get::<_, Option<u32>>(6)?.unwrap_or(0),
    })
}

pub fn insert(
    conn: &Connection,
    map_id: MapId,
    name: &str,
    note: &str,
    automatic: bool,
    created_at: &str,
    content: &str,
) -> CoreResult<MapVersionId> {
    conn.execute(
        "INSERT INTO map_version (map_id, name, note, automatic, created_at, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![map_id, name, note, automatic, created_at, content],
    )
    .map_err(|e| {
        super::unique_violation(e, || {
            format!("this map already has a version named \"{name}\"; choose another name")
        })
    })?;
    Ok(MapVersionId(conn.last_insert_rowid()))
}

pub fn get(conn: &Connection, id: MapVersionId) -> CoreResult<MapVersion> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                CoreError::not_found(MapVersionId::ENTITY, id.0)
            }
            other => other.into(),
        })
}

/// The version of `map_id` named `name` (case-insensitive), if any.
pub fn find_by_name(
    conn: &Connection,
    map_id: MapId,
    name: &str,
) -> CoreResult<Option<MapVersion>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE map_id = ?1 AND name = ?2 COLLATE NOCASE"),
            params![map_id, name],
            from_row,
        )
        .optional()?)
}

/// The stored JSON of a version.
pub fn content(conn: &Connection, id: MapVersionId) -> CoreResult<String> {
    conn.query_row("SELECT content FROM map_version WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => CoreError::not_found(MapVersionId::ENTITY, id.0),
        other => other.into(),
    })
}

/// The versions of a map, newest first.
pub fn list_for_map(conn: &Connection, map_id: MapId) -> CoreResult<Vec<MapVersion>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE map_id = ?1 ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([map_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
