//! Success vehicles: the workspace catalogue, and attaching vehicles to a step or to
//! the move between two consecutive steps of one map.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::db::{attachments, steps, vehicles};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    Attachment, AttachmentId, AttachmentTarget, MapId, StepId, Vehicle, VehicleId, VehicleInput,
    VehicleKind,
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

/// Checks that `target` is a step, or the move between two consecutive steps of one map
/// (a place for a vehicle or a workshop note); returns its map.
pub fn check_target(conn: &Connection, target: AttachmentTarget) -> CoreResult<MapId> {
    match target {
        AttachmentTarget::Step { step_id } => Ok(steps::get(conn, step_id)?.map_id),
        AttachmentTarget::Move {
            from_step_id,
            to_step_id,
        } => {
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
            Ok(from.map_id)
        }
    }
}

/// Attaches a vehicle to a step, or to the move between two consecutive steps of one map.
pub fn attach(
    conn: &Connection,
    vehicle_id: VehicleId,
    target: AttachmentTarget,
) -> CoreResult<Attachment> {
    vehicles::get(conn, vehicle_id)?;
    check_target(conn, target)?;
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

/// Keeps vehicles on moves that exist after the order of a map's steps changed (see
/// docs/decisions/0006-vehicles-on-moves.md): a vehicle on a move whose two steps are
/// no longer neighbours goes to the move leaving its first step, or onto that step
/// when it is now the last one. Nothing is dropped silently; a vehicle that would be
/// attached twice to the same place is kept once.
pub fn keep_moves_consistent(conn: &Connection, map_id: MapId) -> CoreResult<()> {
    let order = steps::list_for_map(conn, map_id)?;
    let next: HashMap<StepId, StepId> = order.windows(2).map(|w| (w[0].id, w[1].id)).collect();
    for (attachment, _) in attachments::list_for_map(conn, map_id)? {
        if let AttachmentTarget::Move {
            from_step_id,
            to_step_id,
        } = attachment.target
        {
            match next.get(&from_step_id) {
                Some(next_step) if *next_step == to_step_id => {}
                Some(next_step) => attachments::retarget(
                    conn,
                    attachment.id,
                    AttachmentTarget::Move {
                        from_step_id,
                        to_step_id: *next_step,
                    },
                )?,
                None => attachments::retarget(
                    conn,
                    attachment.id,
                    AttachmentTarget::Step {
                        step_id: from_step_id,
                    },
                )?,
            }
        }
    }
    Ok(())
}

/// Before `step` is deleted, moves the vehicles on its two moves onto the move that
/// will join its neighbours (or onto the remaining neighbour at either end).
pub fn bridge_moves_around(conn: &Connection, step: StepId, map_id: MapId) -> CoreResult<()> {
    let order = steps::list_for_map(conn, map_id)?;
    let Some(index) = order.iter().position(|s| s.id == step) else {
        return Ok(());
    };
    let prev = index
        .checked_sub(1)
        .and_then(|i| order.get(i))
        .map(|s| s.id);
    let next = order.get(index + 1).map(|s| s.id);
    for (attachment, _) in attachments::list_for_map(conn, map_id)? {
        if let AttachmentTarget::Move {
            from_step_id,
            to_step_id,
        } = attachment.target
        {
            // P → step becomes P → next; step → T becomes prev → T.
            let target = if to_step_id == step {
                Some(match next {
                    Some(next) => AttachmentTarget::Move {
                        from_step_id,
                        to_step_id: next,
                    },
                    None => AttachmentTarget::Step {
                        step_id: from_step_id,
                    },
                })
            } else if from_step_id == step {
                Some(match prev {
                    Some(prev) => AttachmentTarget::Move {
                        from_step_id: prev,
                        to_step_id,
                    },
                    None => AttachmentTarget::Step {
                        step_id: to_step_id,
                    },
                })
            } else {
                None
            };
            if let Some(target) = target {
                attachments::retarget(conn, attachment.id, target)?;
            }
        }
    }
    Ok(())
}
