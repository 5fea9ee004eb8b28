//! The import wizard's commands. Reading and validating a big file takes seconds, so
//! these run on a blocking worker thread (the window stays responsive), report progress
//! through a channel, and stop when `cancel_import` is called.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use successmap_core::edits::{self, ImportWrite};
use successmap_core::import::{Control, Table};
use successmap_core::model::{
    HistoryOptions, HistoryPreview, HistoryReport, ImportOptions, ImportPreview, ImportProgress,
    ImportReport,
};
use successmap_core::{reads, CoreError, Workspace};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use super::now;
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// The cancel switch of the import that is running (one at a time).
#[derive(Default)]
pub struct ImportControl {
    cancel: AtomicBool,
}

impl ImportControl {
    /// Asks a running import or check to stop (it rolls back).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

async fn on_worker<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal {
            message: format!("the import stopped unexpectedly ({e})"),
        })?
}

/// Runs `f` on a worker with the file at `path` opened as a table (in `encoding` when
/// given) and a control that reports to `progress` and stops at `cancel_import`: the one
/// set-up of every check and import.
async fn on_table<T: Send + 'static>(
    app: AppHandle,
    path: String,
    encoding: Option<String>,
    progress: Channel<ImportProgress>,
    f: impl FnOnce(&Workspace, &Path, &Table, Control<'_>) -> Result<T, CoreError> + Send + 'static,
) -> Result<T, AppError> {
    // Armed before the worker starts, so that a Cancel pressed right away is not lost.
    app.state::<ImportControl>()
        .cancel
        .store(false, Ordering::Relaxed);
    on_worker(move || {
        let control = app.state::<ImportControl>();
        let file = Path::new(&path);
        let table = Table::open_as(file, encoding.as_deref()).map_err(AppError::from)?;
        let mut send = |p| {
            let _ = progress.send(p);
        };
        let control = Control {
            progress: &mut send,
            cancel: &control.cancel,
        };
        app.state::<OpenWorkspace>()
            .with(|ws| f(ws, file, &table, control))
    })
    .await
}

/// Detects the file's format, encoding (unless `encoding` names one to read it in) and
/// delimiter, and proposes a column mapping.
#[tauri::command]
#[specta::specta]
pub async fn preview_import(
    app: AppHandle,
    path: String,
    encoding: Option<String>,
) -> Result<ImportPreview, AppError> {
    on_worker(move || {
        app.state::<OpenWorkspace>()
            .with(|ws| reads::preview_import(ws, Path::new(&path), encoding.as_deref()))
    })
    .await
}

/// Checks every row with the chosen mapping; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn validate_import(
    app: AppHandle,
    path: String,
    options: ImportOptions,
    progress: Channel<ImportProgress>,
) -> Result<ImportReport, AppError> {
    let encoding = options.encoding.clone();
    on_table(
        app,
        path,
        encoding,
        progress,
        move |ws, _, table, control| reads::validate_import(ws, table, &options, control),
    )
    .await
}

/// Imports the valid rows in one undoable edit; with `remember`, keeps the column
/// choices for the next file with the same headers.
#[tauri::command]
#[specta::specta]
pub async fn run_import(
    app: AppHandle,
    path: String,
    options: ImportOptions,
    remember: bool,
    progress: Channel<ImportProgress>,
) -> Result<ImportReport, AppError> {
    let encoding = options.encoding.clone();
    on_table(
        app,
        path,
        encoding,
        progress,
        move |ws, file, table, control| {
            let how = ImportWrite {
                remember_mapping: remember,
                all_or_nothing: false,
                undoable: true,
            };
            edits::import_customers(ws, file, table, &options, how, control, now())
        },
    )
    .await
}

/// Describes a stage history file and proposes its columns.
#[tauri::command]
#[specta::specta]
pub async fn preview_history(
    app: AppHandle,
    path: String,
    encoding: Option<String>,
) -> Result<HistoryPreview, AppError> {
    on_worker(move || {
        app.state::<OpenWorkspace>()
            .with(|ws| reads::preview_history(ws, Path::new(&path), encoding.as_deref()))
    })
    .await
}

/// Checks every row of a stage history file with the chosen columns and stages.
#[tauri::command]
#[specta::specta]
pub async fn validate_history(
    app: AppHandle,
    path: String,
    options: HistoryOptions,
    progress: Channel<ImportProgress>,
) -> Result<HistoryReport, AppError> {
    let encoding = options.encoding.clone();
    on_table(
        app,
        path,
        encoding,
        progress,
        move |ws, _, table, control| reads::validate_history(ws, table, &options, control),
    )
    .await
}

/// Imports a stage history file into the placement history in one undoable edit; with
/// `remember`, keeps the stage choices for the next file.
#[tauri::command]
#[specta::specta]
pub async fn run_history(
    app: AppHandle,
    path: String,
    options: HistoryOptions,
    remember: bool,
    progress: Channel<ImportProgress>,
) -> Result<HistoryReport, AppError> {
    let encoding = options.encoding.clone();
    on_table(
        app,
        path,
        encoding,
        progress,
        move |ws, file, table, control| {
            let how = ImportWrite {
                remember_mapping: remember,
                all_or_nothing: false,
                undoable: true,
            };
            edits::import_history(ws, file, table, &options, how, control, now())
        },
    )
    .await
}

/// Asks the running validation or import to stop; an import then changes nothing.
#[tauri::command]
#[specta::specta]
pub fn cancel_import(control: State<'_, ImportControl>) -> Result<(), AppError> {
    control.cancel.store(true, Ordering::Relaxed);
    Ok(())
}
