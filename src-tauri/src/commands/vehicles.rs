use successmap_core::model::{
    Attachment, AttachmentId, AttachmentTarget, Vehicle, VehicleId, VehicleInput,
};
use successmap_core::{edits, reads};
use tauri::State;

use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// The workspace's catalogue of success vehicles.
#[tauri::command(async)]
#[specta::specta]
pub fn list_vehicles(ws: State<'_, OpenWorkspace>) -> Result<Vec<Vehicle>, AppError> {
    ws.with(reads::vehicles)
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_vehicle(
    ws: State<'_, OpenWorkspace>,
    input: VehicleInput,
) -> Result<Vehicle, AppError> {
    ws.with(|ws| edits::create_vehicle(ws, &input))
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_vehicle(
    ws: State<'_, OpenWorkspace>,
    id: VehicleId,
    input: VehicleInput,
) -> Result<Vehicle, AppError> {
    ws.with(|ws| edits::update_vehicle(ws, id, &input))
}

/// Deletes a vehicle from the catalogue and from every map it was attached to.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_vehicle(ws: State<'_, OpenWorkspace>, id: VehicleId) -> Result<(), AppError> {
    ws.with(|ws| edits::delete_vehicle(ws, id))
}

/// Attaches a vehicle to a step or to the move between two consecutive steps.
#[tauri::command(async)]
#[specta::specta]
pub fn attach_vehicle(
    ws: State<'_, OpenWorkspace>,
    vehicle_id: VehicleId,
    target: AttachmentTarget,
) -> Result<Attachment, AppError> {
    ws.with(|ws| edits::attach_vehicle(ws, vehicle_id, target))
}

#[tauri::command(async)]
#[specta::specta]
pub fn detach_vehicle(ws: State<'_, OpenWorkspace>, id: AttachmentId) -> Result<(), AppError> {
    ws.with(|ws| edits::detach_vehicle(ws, id))
}
