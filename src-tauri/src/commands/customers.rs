use std::path::Path;

use successmap_core::files::Replace;
use successmap_core::model::{
    Customer, CustomerDetail, CustomerId, CustomerInput, CustomerPage, CustomerQuery,
    HandoutOptions, PlacementMove, PlacementSource,
};
use successmap_core::{edits, reads};
use tauri::State;

use super::{now, today};
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// A page of the customers a query matches.
#[tauri::command]
#[specta::specta]
pub async fn list_customers(
    ws: State<'_, OpenWorkspace>,
    query: CustomerQuery,
    offset: u32,
    limit: u32,
) -> Result<CustomerPage, AppError> {
    ws.run(move |ws| reads::customer_page(ws, &query, today(), offset, limit))
        .await
}

/// A customer with its names and placement history.
#[tauri::command]
#[specta::specta]
pub async fn get_customer(
    ws: State<'_, OpenWorkspace>,
    id: CustomerId,
) -> Result<CustomerDetail, AppError> {
    ws.run(move |ws| reads::customer(ws, id)).await
}

/// Writes a customer's success plan (its map, where it stands and aims, its KPI values
/// and the moves ahead) as an HTML or PDF handout. An existing file is replaced only with
/// `replace` (the UI asks first: error code `file_exists`).
#[tauri::command]
#[specta::specta]
pub async fn export_handout(
    ws: State<'_, OpenWorkspace>,
    id: CustomerId,
    options: HandoutOptions,
    path: String,
    replace: bool,
) -> Result<(), AppError> {
    ws.run(move |ws| {
        reads::export_handout_to(
            ws,
            id,
            &options,
            today(),
            Path::new(&path),
            Replace::from_force(replace),
        )
    })
    .await
}

/// Owners named on customers, for the owner filter.
#[tauri::command]
#[specta::specta]
pub async fn customer_owners(ws: State<'_, OpenWorkspace>) -> Result<Vec<String>, AppError> {
    ws.run(reads::owners).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_customer(
    ws: State<'_, OpenWorkspace>,
    input: CustomerInput,
) -> Result<Customer, AppError> {
    ws.run(move |ws| edits::create_customer(ws, &input, now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn update_customer(
    ws: State<'_, OpenWorkspace>,
    id: CustomerId,
    input: CustomerInput,
) -> Result<Customer, AppError> {
    ws.run(move |ws| edits::update_customer(ws, id, &input, now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_customer(ws: State<'_, OpenWorkspace>, id: CustomerId) -> Result<(), AppError> {
    ws.run(move |ws| edits::delete_customer(ws, id)).await
}

/// Moves customers to a step, or sets their target, as one undoable edit. `source` is
/// how the user did it: "drag", "bulk" (many selected in the list) or "edit" (a menu).
#[tauri::command]
#[specta::specta]
pub async fn place_customers(
    ws: State<'_, OpenWorkspace>,
    ids: Vec<CustomerId>,
    placement: PlacementMove,
    source: PlacementSource,
) -> Result<u32, AppError> {
    ws.run(move |ws| edits::place_customers(ws, &ids, placement, source, now()))
        .await
}

/// Writes the customers a query matches to a CSV file; returns how many. An existing
/// file is replaced only with `replace` (the UI asks first: error code `file_exists`).
#[tauri::command]
#[specta::specta]
pub async fn export_customers(
    ws: State<'_, OpenWorkspace>,
    query: CustomerQuery,
    path: String,
    replace: bool,
) -> Result<u32, AppError> {
    ws.run(move |ws| {
        reads::export_customers_to(
            ws,
            &query,
            today(),
            Path::new(&path),
            Replace::from_force(replace),
        )
    })
    .await
}
