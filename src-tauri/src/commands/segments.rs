use chrono::NaiveDate;
use successmap_core::model::{
    PersonaId, PersonaMatrix, ProgressBasis, ProgressionView, SatisfactionMeasure,
    SatisfactionView, SavedSegment, SavedSegmentInput, SegmentFilter, SegmentId, SegmentSummary,
};
use successmap_core::{edits, reads};
use tauri::State;

use super::{now, today};
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// The current × target matrix of one persona or all, with the filter applied.
#[tauri::command]
#[specta::specta]
pub async fn segment_matrix(
    ws: State<'_, OpenWorkspace>,
    filter: SegmentFilter,
) -> Result<Vec<PersonaMatrix>, AppError> {
    ws.run(move |ws| reads::segment_matrix(ws, &filter, today()))
        .await
}

/// The saved segments with their size now, by name.
#[tauri::command]
#[specta::specta]
pub async fn list_segments(ws: State<'_, OpenWorkspace>) -> Result<Vec<SegmentSummary>, AppError> {
    ws.run(move |ws| reads::saved_segments(ws, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_segment(
    ws: State<'_, OpenWorkspace>,
    input: SavedSegmentInput,
) -> Result<SavedSegment, AppError> {
    ws.run(move |ws| edits::save_segment(ws, &input, now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn update_segment(
    ws: State<'_, OpenWorkspace>,
    id: SegmentId,
    input: SavedSegmentInput,
) -> Result<SavedSegment, AppError> {
    ws.run(move |ws| edits::update_segment(ws, id, &input, now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_segment(ws: State<'_, OpenWorkspace>, id: SegmentId) -> Result<(), AppError> {
    ws.run(move |ws| edits::delete_segment(ws, id)).await
}

/// Success vs satisfaction of the customers the filter keeps, aggregated, with the
/// rules that decide the quadrants.
#[tauri::command]
#[specta::specta]
pub async fn segment_satisfaction(
    ws: State<'_, OpenWorkspace>,
    filter: SegmentFilter,
    basis: ProgressBasis,
    measure: SatisfactionMeasure,
) -> Result<SatisfactionView, AppError> {
    ws.run(move |ws| reads::segment_satisfaction(ws, &filter, basis, measure, today()))
        .await
}

/// Progression of a persona's customers along its map, from their placement history.
#[tauri::command]
#[specta::specta]
pub async fn segment_progression(
    ws: State<'_, OpenWorkspace>,
    filter: SegmentFilter,
    persona_id: PersonaId,
    period_from: NaiveDate,
    period_to: NaiveDate,
    stalled_days: u32,
) -> Result<ProgressionView, AppError> {
    ws.run(move |ws| {
        reads::segment_progression(
            ws,
            &filter,
            persona_id,
            (period_from, period_to),
            stalled_days,
            today(),
        )
    })
    .await
}
