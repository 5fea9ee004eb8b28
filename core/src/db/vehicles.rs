//! `vehicle`: the workspace-wide catalogue of success vehicles.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::db::parse_enum;
use crate::error::{CoreError, CoreResult};
use crate::model::{Vehicle, VehicleId, VehicleInput, VehicleKind};

pub(crate) const COLUMNS: &str =
    "v.id, v.kind, v.custom_kind, v.name, v.description, v.owner, v.link, v.effort";

/// Reads a vehicle from `COLUMNS` starting at column `at`.
pub(crate) fn from_row_at(row: &Row<'_>, at: usize) -> rusqlite::Result<Vehicle> {
    let kind: String = row.get(at + 1)?;
    Ok(Vehicle {
        id: row.get(at)?,
        kind: parse_enum(&kind, "vehicle kind", VehicleKind::parse)?,
        custom_kind: row.get(at + 2)?,
        name: row.get(at + 3)?,
        description: row.get(at + 4)?,
        owner: row.get(at + 5)?,
        link: row.get(at + 6)?,
        effort: row.get(at + 7)?,
    })
}

fn duplicate_name(name: &str) -> impl FnOnce() -> String + '_ {
    move || format!("a vehicle named \"{name}\" already exists")
}

pub fn insert(conn: &Connection, v: &VehicleInput) -> CoreResult<VehicleId> {
    conn.execute(
        "INSERT INTO vehicle (kind, custom_kind, name, description, owner, link, effort)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            v.kind.as_str(),
            v.custom_kind,
            v.name,
            v.description,
            v.owner,
            v.link,
            v.effort
        ],
    )
    .map_err(|e| super::unique_violation(e, duplicate_name(&v.name)))?;
    Ok(VehicleId(conn.last_insert_rowid()))
}

pub fn update(conn: &Connection, id: VehicleId, v: &VehicleInput) -> CoreResult<()> {
    let changed = conn
        .execute(
            "UPDATE vehicle SET kind = ?2, custom_kind = ?3, name = ?4, description = ?5,
                    owner = ?6, link = ?7, effort = ?8 WHERE id = ?1",
            params![
                id,
                v.kind.as_str(),
                v.custom_kind,
                v.name,
                v.description,
                v.owner,
                v.link,
                v.effort
            ],
        )
        .map_err(|e| super::unique_violation(e, duplicate_name(&v.name)))?;
    if changed == 0 {
        return Err(CoreError::not_found(VehicleId::ENTITY, id.0));
    }
    Ok(())
}

pub fn delete(conn: &Connection, id: VehicleId) -> CoreResult<()> {
    let changed = conn.execute("DELETE FROM vehicle WHERE id = ?1", [id])?;
    if changed == 0 {
        return Err(CoreError::not_found(VehicleId::ENTITY, id.0));
    }
    Ok(())
}

pub fn get(conn: &Connection, id: VehicleId) -> CoreResult<Vehicle> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM vehicle v WHERE v.id = ?1"),
        [id],
        |r| from_row_at(r, 0),
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found(VehicleId::ENTITY, id.0))
}

/// The catalogue, by kind then name.
pub fn list(conn: &Connection) -> CoreResult<Vec<Vehicle>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM vehicle v ORDER BY v.kind, v.name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], |r| from_row_at(r, 0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The vehicle named `name` (case-insensitive), if any.
pub fn find_by_name(conn: &Connection, name: &str) -> CoreResult<Option<Vehicle>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM vehicle v WHERE v.name = ?1 COLLATE NOCASE"),
            [name],
            |r| from_row_at(r, 0),
        )
        .optional()?)
}
