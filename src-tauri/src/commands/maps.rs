use std::path::Path;

use successmap_core::files::Replace;
use successmap_core::model::{MapDetail, MapExportOptions, PersonaId};
use successmap_core::reads;
use tauri::State;

use super::today;
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
