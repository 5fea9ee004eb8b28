use std::path::Path;

use successmap_core::files::Replace;
use successmap_core::model::{
    MapDetail, MapExportOptions, PersonaId, WorkshopNote, WorkshopNoteId, WorkshopNoteInput,
};
use successmap_core::presentation::PresentationView;
use successmap_core::{edits, reads};
use tauri::State;

use super::{now, today};
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// A persona's success map with KPIs, vehicles, moves and customer figures.
#[tauri::command]
#[specta::specta]
pub async fn get_map(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
) -> Result<MapDetail, AppError> {
    ws.run(move |ws| reads::map(ws, persona_id)).await
}

/// A persona's map with the order a presentation reveals it in.
#[tauri::command]
#[specta::specta]
pub async fn get_presentation(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
) -> Result<PresentationView, AppError> {
    ws.run(move |ws| reads::presentation(ws, persona_id, today()))
        .await
}

/// Writes the personas' maps to a file: SVG or PNG of one map, PDF with a page per map.
/// An existing file is replaced only with `replace` (the UI asks first: error code
/// `file_exists`).
#[tauri::command]
#[specta::specta]
pub async fn export_map(
    ws: State<'_, OpenWorkspace>,
    persona_ids: Vec<PersonaId>,
    options: MapExportOptions,
    path: String,
    replace: bool,
) -> Result<(), AppError> {
    ws.run(move |ws| {
        reads::export_map_to(
            ws,
            &persona_ids,
            &options,
            today(),
            Path::new(&path),
            Replace::from_force(replace),
        )
    })
    .await
}

/// Notes an idea or decision on a step or move during a workshop.
#[tauri::command]
#[specta::specta]
pub async fn add_workshop_note(
    ws: State<'_, OpenWorkspace>,
    input: WorkshopNoteInput,
) -> Result<WorkshopNote, AppError> {
    ws.run(move |ws| edits::add_workshop_note(ws, &input, now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_workshop_note(
    ws: State<'_, OpenWorkspace>,
    id: WorkshopNoteId,
) -> Result<(), AppError> {
    ws.run(move |ws| edits::delete_workshop_note(ws, id)).await
}
