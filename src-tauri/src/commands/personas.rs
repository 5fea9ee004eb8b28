use successmap_core::model::{CustomersOnDelete, Persona, PersonaId, PersonaInput, PersonaSummary};
use successmap_core::{edits, reads};
use tauri::State;

use super::now;
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

#[tauri::command(async)]
#[specta::specta]
pub fn list_personas(ws: State<'_, OpenWorkspace>) -> Result<Vec<PersonaSummary>, AppError> {
    ws.with(reads::personas)
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_persona(
    ws: State<'_, OpenWorkspace>,
    input: PersonaInput,
) -> Result<Persona, AppError> {
    ws.with(|ws| edits::create_persona(ws, &input, now()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_persona(
    ws: State<'_, OpenWorkspace>,
    id: PersonaId,
    input: PersonaInput,
) -> Result<Persona, AppError> {
    ws.with(|ws| edits::update_persona(ws, id, &input, now()))
}

/// Deletes a persona and its map; `customers` says what happens to its customers.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_persona(
    ws: State<'_, OpenWorkspace>,
    id: PersonaId,
    customers: CustomersOnDelete,
) -> Result<(), AppError> {
    ws.with(|ws| edits::delete_persona(ws, id, customers, now()))
}
