//! `kpi`: measurable milestones of a step, each with three benchmark levels.

use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use crate::db::parse_enum;
use crate::error::{CoreError, CoreResult};
use crate::model::{Kpi, KpiDirection, KpiId, KpiInput, KpiKind, StepId};

const SELECT: &str = "SELECT id, step_id, position, name, unit, direction, kind,
        entry_level, good_level, best_level FROM kpi";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Kpi> {
    let direction: String = row.get(5)?;
    let kind: String = row.get(6)?;
    Ok(Kpi {
        id: row.get(0)?,
        step_id: row.get(1)?,
        position: row.get(2)?,
        name: row.get(3)?,
        unit: row.get(4)?,
        direction: parse_enum(&direction, "KPI direction", KpiDirection::parse)?,
        kind: parse_enum(&kind, "KPI kind", KpiKind::parse)?,
        entry_level: row.get(7)?,
        good_level: row.get(8)?,
        best_level: row.get(9)?,
    })
}

/// Runs `f` with the stored form of a KPI, bound as ?2…?8 by insert and update alike
/// (?1 is the step or the KPI).
fn with_stored<T>(head: &dyn ToSql, kpi: &KpiInput, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T {
    let (direction, kind) = (kpi.direction.as_str(), kpi.kind.as_str());
    f(&[
        head,
        &kpi.name,
        &kpi.unit,
        &direction,
        &kind,
        &kpi.entry_level,
        &kpi.good_level,
        &kpi.best_level,
    ])
}

/// Appends a KPI (already validated) at the end of the step's list.
pub fn insert(conn: &Connection, step_id: StepId, kpi: &KpiInput) -> CoreResult<KpiId> {
    with_stored(&step_id, kpi, |values| {
        conn.execute(
            "INSERT INTO kpi (step_id, position, name, unit, direction, kind, entry_level, good_level, best_level)
             VALUES (?1, (SELECT ifnull(max(position) + 1, 0) FROM kpi WHERE step_id = ?1),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            values,
        )
    })?;
    Ok(KpiId(conn.last_insert_rowid()))
}

pub fn update(conn: &Connection, id: KpiId, kpi: &KpiInput) -> CoreResult<()> {
    let changed = with_stored(&id, kpi, |values| {
        conn.execute(
            "UPDATE kpi SET name = ?2, unit = ?3, direction = ?4, kind = ?5,
                    entry_level = ?6, good_level = ?7, best_level = ?8 WHERE id = ?1",
            values,
        )
    })?;
    if changed == 0 {
        return Err(CoreError::not_found(KpiId::ENTITY, id.0));
    }
    Ok(())
}

pub fn delete(conn: &Connection, id: KpiId) -> CoreResult<()> {
    let changed = conn.execute("DELETE FROM kpi WHERE id = ?1", [id])?;
    if changed == 0 {
        return Err(CoreError::not_found(KpiId::ENTITY, id.0));
    }
    Ok(())
}

pub fn get(conn: &Connection, id: KpiId) -> CoreResult<Kpi> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found(KpiId::ENTITY, id.0))
}

pub fn list_for_step(conn: &Connection, step_id: StepId) -> CoreResult<Vec<Kpi>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE step_id = ?1 ORDER BY position, id"
    ))?;
    let rows = stmt.query_map([step_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Inserts a KPI at `position` under the id `wanted` when no row has it, else under a
/// new id (see `steps::insert_keeping_id`).
pub fn insert_keeping_id(
    conn: &Connection,
    wanted: Option<KpiId>,
    step_id: StepId,
    position: i32,
    kpi: &KpiInput,
) -> CoreResult<KpiId> {
    let id = insert(conn, step_id, kpi)?;
    let free = match wanted {
        Some(w) => conn
            .query_row("SELECT 1 FROM kpi WHERE id = ?1", [w], |_| Ok(()))
            .optional()?
            .is_none(),
        None => false,
    };
    let id = match wanted.filter(|_| free) {
        Some(w) => {
            conn.execute("UPDATE kpi SET id = ?2 WHERE id = ?1", params![id, w])?;
            w
        }
        None => id,
    };
    set_position(conn, id, position)?;
    Ok(id)
}

pub fn set_position(conn: &Connection, id: KpiId, position: i32) -> CoreResult<()> {
    conn.execute(
        "UPDATE kpi SET position = ?2 WHERE id = ?1",
        params![id, position],
    )?;
    Ok(())
}
