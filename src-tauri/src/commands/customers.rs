use std::path::PathBuf;

use successmap_core::model::{
    Customer, CustomerDetail, CustomerId, CustomerInput, CustomerPage, CustomerQuery,
    PlacementMove, PlacementSource,
};
use successmap_core::{db, export, ops, CoreError};
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// A page of the customers a query matches.
// Runs off the main thread: at a million customers it can take a moment.
#[tauri::command(async)]
#[specta::specta]
pub fn list_customers(
    ws: State<'_, Workspace>,
    query: CustomerQuery,
    offset: u32,
    limit: u32,
) -> Result<CustomerPage, AppError> {
    let today = chrono::Local::now().date_naive();
    ws.with(|db| db.read(|c| ops::customers::page(c, &query, today, offset, limit)))
}

/// A customer with its names and placement history.
#[tauri::command]
#[specta::specta]
pub fn get_customer(ws: State<'_, Workspace>, id: CustomerId) -> Result<CustomerDetail, AppError> {
    ws.with(|db| db.read(|c| ops::customers::detail(c, id)))
}

/// Owners named on customers, for the owner filter.
#[tauri::command]
#[specta::specta]
pub fn customer_owners(ws: State<'_, Workspace>) -> Result<Vec<String>, AppError> {
    ws.with(|db| db.read(db::customers::owners))
}

#[tauri::command]
#[specta::specta]
pub fn create_customer(
    ws: State<'_, Workspace>,
    input: CustomerInput,
) -> Result<Customer, AppError> {
    ws.with(|db| {
        db.edit(format!("Add customer “{}”", input.name.trim()), |tx| {
            ops::customers::create(tx, &input, PlacementSource::Created, super::now())
        })
    })
}

#[tauri::command]
#[specta::specta]
pub fn update_customer(
    ws: State<'_, Workspace>,
    id: CustomerId,
    input: CustomerInput,
) -> Result<Customer, AppError> {
    ws.with(|db| {
        db.edit(format!("Edit customer “{}”", input.name.trim()), |tx| {
            ops::customers::update(tx, id, &input, PlacementSource::Edit, super::now())
        })
    })
}

#[tauri::command]
#[specta::specta]
pub fn delete_customer(ws: State<'_, Workspace>, id: CustomerId) -> Result<(), AppError> {
    ws.with(|db| {
        let customer = db.read(|c| db::customers::get(c, id))?;
        db.edit(format!("Delete customer “{}”", customer.name), |tx| {
            ops::customers::delete(tx, id)
        })
    })
}

/// Moves customers to a step, or sets their target, as one undoable edit. `source` is
/// how the user did it: "drag", "bulk" (many selected in the list) or "edit" (a menu).
#[tauri::command]
#[specta::specta]
pub fn place_customers(
    ws: State<'_, Workspace>,
    ids: Vec<CustomerId>,
    placement: PlacementMove,
    source: PlacementSource,
) -> Result<u32, AppError> {
    if !matches!(
        source,
        PlacementSource::Drag | PlacementSource::Bulk | PlacementSource::Edit
    ) {
        return Err(
            CoreError::invalid("source", "placements from the UI are drag, bulk or edit").into(),
        );
    }
    ws.with(|db| {
        let label = db.read(|c| ops::customers::placement_label(c, &ids, placement))?;
        db.edit(label, |tx| {
            ops::customers::place(tx, &ids, placement, source, super::now())
        })
    })
}

/// Writes the customers a query matches to a CSV file; returns how many.
// Runs off the main thread: at a million customers it can take a moment.
#[tauri::command(async)]
#[specta::specta]
pub fn export_customers(
    ws: State<'_, Workspace>,
    query: CustomerQuery,
    path: String,
) -> Result<u32, AppError> {
    let path = PathBuf::from(path);
    let today = chrono::Local::now().date_naive();
    ws.with(|db| {
        let file = std::fs::File::create(&path).map_err(|e| {
            CoreError::invalid("path", format!("cannot write {}: {e}", path.display()))
        })?;
        db.read(|c| export::customers_csv(c, &query, today, std::io::BufWriter::new(file)))
    })
}
