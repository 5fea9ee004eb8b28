use successmap_core::model::{
    Attachment, AttachmentId, AttachmentTarget, Vehicle, VehicleId, VehicleInput,
};
use successmap_core::{db, ops};
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// The workspace's catalogue of success vehicles.
#[tauri::command]
#[specta::specta]
pub fn list_vehicles(ws: State<'_, Workspace>) -> Result<Vec<Vehicle>, AppError> {
    ws.with(|db| db.read(ops::vehicles::list))
}

#[tauri::command]
#[specta::specta]
pub fn create_vehicle(ws: State<'_, Workspace>, input: VehicleInput) -> Result<Vehicle, AppError> {
    ws.with(|db| {
        db.edit(format!("Create vehicle “{}”", input.name.trim()), |tx| {
            ops::vehicles::create(tx, &input)
        })
    })
}

#[tauri::command]
#[specta::specta]
pub fn update_vehicle(
    ws: State<'_, Workspace>,
    id: VehicleId,
    input: VehicleInput,
) -> Result<Vehicle, AppError> {
    ws.with(|db| {
        db.edit(format!("Edit vehicle “{}”", input.name.trim()), |tx| {
            ops::vehicles::update(tx, id, &input)
        })
    })
}

/// Deletes a vehicle from the catalogue and from every map it was attached to.
#[tauri::command]
#[specta::specta]
pub fn delete_vehicle(ws: State<'_, Workspace>, id: VehicleId) -> Result<(), AppError> {
    ws.with(|db| {
        let vehicle = db.read(|c| db::vehicles::get(c, id))?;
        db.edit(format!("Delete vehicle “{}”", vehicle.name), |tx| {
            ops::vehicles::delete(tx, id)
        })
    })
}

/// Attaches a vehicle to a step or to the move between two consecutive steps.
#[tauri::command]
#[specta::specta]
pub fn attach_vehicle(
    ws: State<'_, Workspace>,
    vehicle_id: VehicleId,
    target: AttachmentTarget,
) -> Result<Attachment, AppError> {
    ws.with(|db| {
        let vehicle = db.read(|c| db::vehicles::get(c, vehicle_id))?;
        db.edit(format!("Attach “{}”", vehicle.name), |tx| {
            ops::vehicles::attach(tx, vehicle_id, target)
        })
    })
}

#[tauri::command]
#[specta::specta]
pub fn detach_vehicle(ws: State<'_, Workspace>, id: AttachmentId) -> Result<(), AppError> {
    ws.with(|db| {
        db.edit("Remove a vehicle from the map", |tx| {
            ops::vehicles::detach(tx, id)
        })
    })
}
