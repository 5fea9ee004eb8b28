use successmap_core::model::{
    Attachment, AttachmentId, AttachmentTarget, Vehicle, VehicleId, VehicleInput,
};
use successmap_core::{edits, reads};
use tauri::State;

use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// The workspace's catalogue of success vehicles.
#[tauri::command]
#[specta::specta]
pub async fn list_vehicles(ws: State<'_, OpenWorkspace>) -> Result<Vec<Vehicle>, AppError> {
    ws.run(reads::vehicles).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_vehicle(
    ws: State<'_, OpenWorkspace>,
    input: VehicleInput,
) -> Result<Vehicle, AppError> {
    ws.run(move |ws| edits::create_vehicle(ws, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_vehicle(
    ws: State<'_, OpenWorkspace>,
    id: VehicleId,
    input: VehicleInput,
) -> Result<Vehicle, AppError> {
    ws.run(move |ws| edits::update_vehicle(ws, id, &input))
        .await
}

/// Deletes a vehicle from the catalogue and from every map it was attached to.
#[tauri::command]
#[specta::specta]
pub async fn delete_vehicle(ws: State<'_, OpenWorkspace>, id: VehicleId) -> Result<(), AppError> {
    ws.run(move |ws| edits::delete_vehicle(ws, id)).await
}

/// Attaches a vehicle to a step or to the move between two consecutive steps.
#[tauri::command]
#[specta::specta]
pub async fn attach_vehicle(
    ws: State<'_, OpenWorkspace>,
    vehicle_id: VehicleId,
    target: AttachmentTarget,
) -> Result<Attachment, AppError> {
    ws.run(move |ws| edits::attach_vehicle(ws, vehicle_id, target))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn detach_vehicle(
    ws: State<'_, OpenWorkspace>,
    id: AttachmentId,
) -> Result<(), AppError> {
    ws.run(move |ws| edits::detach_vehicle(ws, id)).await
}
