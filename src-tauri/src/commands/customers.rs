use successmap_core::model::{CustomerPage, CustomerQuery, PersonaId};
use successmap_core::ops;
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// A page of customers by name, of one persona or all.
#[tauri::command]
#[specta::specta]
pub fn list_customers(
    ws: State<'_, Workspace>,
    persona_id: Option<PersonaId>,
    offset: u32,
    limit: u32,
) -> Result<CustomerPage, AppError> {
    ws.with(|db| {
        db.read(|c| {
            ops::customers::page(
                c,
                &CustomerQuery {
                    persona_id,
                    ..Default::default()
                },
                offset,
                limit,
            )
        })
    })
}
