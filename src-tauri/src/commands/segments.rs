use chrono::NaiveDate;
use successmap_core::model::{
    PersonaId, PersonaMatrix, ProgressBasis, ProgressionView, SatisfactionMeasure,
    SatisfactionView, SavedSegment, SavedSegmentInput, SegmentFilter, SegmentId, SegmentSummary,
};
use successmap_core::{db, ops};
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// The current × target matrix of one persona or all, with the filter applied.
// Runs off the main thread: at a million customers it can take a moment.
#[tauri::command(async)]
#[specta::specta]
pub fn segment_matrix(
    ws: State<'_, Workspace>,
    filter: SegmentFilter,
) -> Result<Vec<PersonaMatrix>, AppError> {
    let today = chrono::Local::now().date_naive();
    ws.with(|db| db.read(|c| ops::segments::matrix(c, &filter, today)))
}

/// The saved segments with their size now, by name.
// Runs off the main thread: at a million customers it can take a moment.
#[tauri::command(async)]
#[specta::specta]
pub fn list_segments(ws: State<'_, Workspace>) -> Result<Vec<SegmentSummary>, AppError> {
    let today = chrono::Local::now().date_naive();
    ws.with(|db| db.read(|c| ops::segments::list_saved(c, today)))
}

#[tauri::command]
#[specta::specta]
pub fn save_segment(
    ws: State<'_, Workspace>,
    input: SavedSegmentInput,
) -> Result<SavedSegment, AppError> {
    ws.with(|db| {
        db.edit(format!("Save segment “{}”", input.name.trim()), |tx| {
            ops::segments::save(tx, &input, super::now())
        })
    })
}

#[tauri::command]
#[specta::specta]
pub fn update_segment(
    ws: State<'_, Workspace>,
    id: SegmentId,
    input: SavedSegmentInput,
) -> Result<SavedSegment, AppError> {
    ws.with(|db| {
        db.edit(format!("Edit segment “{}”", input.name.trim()), |tx| {
            ops::segments::update(tx, id, &input, super::now())
        })
    })
}

#[tauri::command]
#[specta::specta]
pub fn delete_segment(ws: State<'_, Workspace>, id: SegmentId) -> Result<(), AppError> {
    ws.with(|db| {
        let segment = db.read(|c| db::segments::get(c, id))?;
        db.edit(format!("Delete segment “{}”", segment.name), |tx| {
            ops::segments::delete(tx, id)
        })
    })
}

/// Success vs satisfaction of the customers the filter keeps, aggregated.
// Runs off the main thread: at a million customers it can take a moment.
#[tauri::command(async)]
#[specta::specta]
pub fn segment_satisfaction(
    ws: State<'_, Workspace>,
    filter: SegmentFilter,
    basis: ProgressBasis,
    measure: SatisfactionMeasure,
) -> Result<SatisfactionView, AppError> {
    let today = chrono::Local::now().date_naive();
    ws.with(|db| db.read(|c| ops::segments::satisfaction(c, &filter, basis, measure, today)))
}

/// Progression of a persona's customers along its map, from their placement history.
// Runs off the main thread: at a million customers it can take a moment.
#[tauri::command(async)]
#[specta::specta]
pub fn segment_progression(
    ws: State<'_, Workspace>,
    filter: SegmentFilter,
    persona_id: PersonaId,
    period_from: NaiveDate,
    period_to: NaiveDate,
    stalled_days: u32,
) -> Result<ProgressionView, AppError> {
    let today = chrono::Local::now().date_naive();
    ws.with(|db| {
        db.read(|c| {
            ops::segments::progression(
                c,
                &filter,
                persona_id,
                period_from,
                period_to,
                stalled_days,
                today,
            )
        })
    })
}
