//! `vehicle_attachment`: where vehicles are attached: on a step, or on the move between
//! two steps (`step_id` → `to_step_id`).

use rusqlite::{params, Connection, Row};

use crate::error::{CoreError, CoreResult};
use crate::model::{
    AttachedVehicle, Attachment, AttachmentId, AttachmentTarget, MapId, StepId, VehicleId,
};

pub(crate) fn target_columns(target: AttachmentTarget) -> (StepId, Option<StepId>) {
    match target {
        AttachmentTarget::Step { step_id } => (step_id, None),
        AttachmentTarget::Move {
            from_step_id,
            to_step_id,
        } => (from_step_id, Some(to_step_id)),
    }
}

pub(crate) fn target_from(step_id: StepId, to_step_id: Option<StepId>) -> AttachmentTarget {
    match to_step_id {
        None => AttachmentTarget::Step { step_id },
        Some(to_step_id) => AttachmentTarget::Move {
            from_step_id: step_id,
            to_step_id,
        },
    }
}

pub fn insert(
    conn: &Connection,
    vehicle_id: VehicleId,
    target: AttachmentTarget,
) -> CoreResult<AttachmentId> {
    let (step_id, to_step_id) = target_columns(target);
    conn.execute(
        "INSERT INTO vehicle_attachment (vehicle_id, step_id, to_step_id) VALUES (?1, ?2, ?3)",
        params![vehicle_id, step_id, to_step_id],
    )
    .map_err(|e| {
        super::unique_violation(e, || "this vehicle is already attached there".to_string())
    })?;
    Ok(AttachmentId(conn.last_insert_rowid()))
}

/// Points an attachment at another place. When the vehicle is already attached there,
/// this attachment is removed instead (the vehicle stays where it already was).
pub fn retarget(conn: &Connection, id: AttachmentId, target: AttachmentTarget) -> CoreResult<()> {
    let (step_id, to_step_id) = target_columns(target);
    let result = conn.execute(
        "UPDATE vehicle_attachment SET step_id = ?2, to_step_id = ?3 WHERE id = ?1",
        params![id, step_id, to_step_id],
    );
    match result {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            delete(conn, id)
        }
        Err(e) => Err(e.into()),
    }
}

pub fn delete(conn: &Connection, id: AttachmentId) -> CoreResult<()> {
    let changed = conn.execute("DELETE FROM vehicle_attachment WHERE id = ?1", [id])?;
    if changed == 0 {
        return Err(CoreError::not_found(AttachmentId::ENTITY, id.0));
    }
    Ok(())
}

fn attached_from_row(row: &Row<'_>) -> rusqlite::Result<(Attachment, AttachedVehicle)> {
    let id: AttachmentId = row.get(0)?;
    let step_id: StepId = row.get(1)?;
    let to_step_id: Option<StepId> = row.get(2)?;
    let vehicle = super::vehicles::from_row_at(row, 3)?;
    Ok((
        Attachment {
            id,
            vehicle_id: vehicle.id,
            target: target_from(step_id, to_step_id),
        },
        AttachedVehicle {
            attachment_id: id,
            vehicle,
        },
    ))
}

/// Every attachment on the steps of a map, with its vehicle.
pub fn list_for_map(
    conn: &Connection,
    map_id: MapId,
) -> CoreResult<Vec<(Attachment, AttachedVehicle)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT a.id, a.step_id, a.to_step_id, {}
           FROM vehicle_attachment a
           JOIN vehicle v ON v.id = a.vehicle_id
           JOIN step s ON s.id = a.step_id
          WHERE s.map_id = ?1
          ORDER BY a.id",
        super::vehicles::COLUMNS
    ))?;
    let rows = stmt.query_map([map_id], attached_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
