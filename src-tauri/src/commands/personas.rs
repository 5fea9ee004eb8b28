use successmap_core::model::{CustomersOnDelete, Persona, PersonaId, PersonaInput, PersonaSummary};
use successmap_core::{edits, reads};
use tauri::State;

use super::now;
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

#[tauri::command]
#[specta::specta]
pub async fn list_personas(ws: State<'_, OpenWorkspace>) -> Result<Vec<PersonaSummary>, AppError> {
    ws.run(reads::personas).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_persona(
    ws: State<'_, OpenWorkspace>,
    input: PersonaInput,
) -> Result<Persona, AppError> {
    ws.run(move |ws| edits::create_persona(ws, &input, now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn update_persona(
    ws: State<'_, OpenWorkspace>,
    id: PersonaId,
    input: PersonaInput,
) -> Result<Persona, AppError> {
    ws.run(move |ws| edits::update_persona(ws, id, &input, now()))
        .await
}

/// Deletes a persona and its map; `customers` says what happens to its customers.
#[tauri::command]
#[specta::specta]
pub async fn delete_persona(
    ws: State<'_, OpenWorkspace>,
    id: PersonaId,
    customers: CustomersOnDelete,
) -> Result<(), AppError> {
    ws.run(move |ws| edits::delete_persona(ws, id, customers, now()))
        .await
}
