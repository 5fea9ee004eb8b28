//! Success vehicles: the workspace catalogue, and attaching vehicles to a step or to
//! the move between two consecutive steps of one map.

use rusqlite::Connection;

use crate::db::{attachments, steps, vehicles};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    Attachment, AttachmentId, AttachmentTarget, Vehicle, VehicleId, VehicleInput, VehicleKind,
};
use crate::validate;

fn check(input: &VehicleInput) -> CoreResult<VehicleInput> {
    let name = validate::name("name", "Vehicle name", &input.name)?;
    let custom_kind = match (input.kind, &input.custom_kind) {
        (VehicleKind::Custom, Some(k)) => Some(validate::name("customKind", "Custom kind", k)?),
        (VehicleKind::Custom, None) => {
            return Err(CoreError::invalid(
                "customKind",
                "a custom vehicle needs the name of its kind",
            ))
        }
        (_, _) => None,
    };
    Ok(VehicleInput {
        kind: input.kind,
        custom_kind,
        name,
        description: validate::text("description", "Description", &input.description)?,
        owner: validate::text("owner", "Owner", &input.owner)?,
        link: validate::text("link", "Link", &input.link)?,
        effort: validate::text("effort", "Effort", &input.effort)?,
    })
}

pub fn create(conn: &Connection, input: &VehicleInput) -> CoreResult<Vehicle> {
    let input = check(input)?;
    let id = vehicles::insert(conn, &input)?;
    vehicles::get(conn, id)
}

pub fn update(conn: &Connection, id: VehicleId, input: &VehicleInput) -> CoreResult<Vehicle> {
    let input = check(input)?;
    vehicles::update(conn, id, &input)?;
    vehicles::get(conn, id)
}

pub fn delete(conn: &Connection, id: VehicleId) -> CoreResult<()> {
    vehicles::delete(conn, id)
}

pub fn list(conn: &Connection) -> CoreResult<Vec<Vehicle>> {
    vehicles::list(conn)
}

/// Attaches a vehicle to a step, or to the move between two consecutive steps of one map.
pub fn attach(
    conn: &Connection,
    vehicle_id: VehicleId,
    target: AttachmentTarget,
) -> CoreResult<Attachment> {
    vehicles::get(conn, vehicle_id)?;
    if let AttachmentTarget::Move {
        from_step_id,
        to_step_id,
    } = target
    {
        let from = steps::get(conn, from_step_id)?;
        let to = steps::get(conn, to_step_id)?;
        if from.map_id != to.map_id || to.position != from.position + 1 {
            return Err(CoreError::invalid(
                "target",
                format!(
                    "\"{}\" → \"{}\" is not a move between consecutive steps of one map",
                    from.title, to.title
                ),
            ));
        }
    } else if let AttachmentTarget::Step { step_id } = target {
        steps::get(conn, step_id)?;
    }
    let id = attachments::insert(conn, vehicle_id, target)?;
    Ok(Attachment {
        id,
        vehicle_id,
        target,
    })
}

pub fn detach(conn: &Connection, id: AttachmentId) -> CoreResult<()> {
    attachments::delete(conn, id)
}
