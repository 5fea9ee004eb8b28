use successmap_core::model::{PersonaMatrix, SegmentFilter};
use successmap_core::ops;
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// The current × target matrix of one persona or all, with the filter applied.
#[tauri::command]
#[specta::specta]
pub fn segment_matrix(
    ws: State<'_, Workspace>,
    filter: SegmentFilter,
) -> Result<Vec<PersonaMatrix>, AppError> {
    let today = chrono::Local::now().date_naive();
    ws.with(|db| db.read(|c| ops::segments::matrix(c, &filter, today)))
}
