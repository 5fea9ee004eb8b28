use successmap_core::model::{CustomersOnDelete, Persona, PersonaId, PersonaInput, PersonaSummary};
use successmap_core::{db, ops};
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

#[tauri::command]
#[specta::specta]
pub fn list_personas(ws: State<'_, Workspace>) -> Result<Vec<PersonaSummary>, AppError> {
    ws.with(|db| db.read(ops::personas::list))
}

#[tauri::command]
#[specta::specta]
pub fn create_persona(ws: State<'_, Workspace>, input: PersonaInput) -> Result<Persona, AppError> {
    ws.with(|db| {
        db.edit(format!("Create persona “{}”", input.name.trim()), |tx| {
            ops::personas::create(tx, &input, super::now())
        })
    })
}

#[tauri::command]
#[specta::specta]
pub fn update_persona(
    ws: State<'_, Workspace>,
    id: PersonaId,
    input: PersonaInput,
) -> Result<Persona, AppError> {
    ws.with(|db| {
        db.edit(format!("Edit persona “{}”", input.name.trim()), |tx| {
            ops::personas::update(tx, id, &input, super::now())
        })
    })
}

/// Deletes a persona and its map; `customers` says what happens to its customers.
#[tauri::command]
#[specta::specta]
pub fn delete_persona(
    ws: State<'_, Workspace>,
    id: PersonaId,
    customers: CustomersOnDelete,
) -> Result<(), AppError> {
    ws.with(|db| {
        let persona = db.read(|c| db::personas::get(c, id))?;
        db.edit(format!("Delete persona “{}”", persona.name), |tx| {
            ops::personas::delete(tx, id, customers, super::now())
        })
    })
}
