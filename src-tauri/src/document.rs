//! The workspace as a document of the window: opening another file in its place,
//! creating one, closing it. What goes with a switch happens here once: the other file
//! is claimed for this app (a file open in another Successmap is brought to the front
//! there instead), opened (a file that is not a workspace is refused and the current
//! one stays), the old one closed, the recent list, the window's title and the menu
//! updated.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use successmap_core::model::WorkspaceInfo;
use successmap_core::{reads, CoreResult, Workspace};
use tauri::{AppHandle, Manager};

use crate::error::AppError;
use crate::menu::AppMenu;
use crate::recent::Recent;
use crate::single;
use crate::workspace::OpenWorkspace;

/// The socket on which this app answers later launches for its open workspace.
#[derive(Default)]
pub struct Instance(pub Mutex<Option<single::Listening>>);

impl Instance {
    fn set(&self, listening: Option<single::Listening>) {
        let old = std::mem::replace(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            listening,
        );
        if let Some(old) = old {
            old.stop();
        }
    }

    /// Stops answering (the app ends).
    pub fn release(&self) {
        self.set(None);
    }
}

/// Claims `path` for this app: `Ok(None)` when no socket could be made (the app then
/// works on its own), an error when another Successmap has the file open (it was asked
/// to come to the front).
pub fn claim(app: &AppHandle, path: &Path) -> Result<Option<single::Listening>, AppError> {
    let socket = single::socket_path(path, std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from));
    match single::claim(&socket) {
        single::Claim::HandedOver => Err(AppError::Conflict {
            message: format!(
                "{} is open in another Successmap window; that window was brought to the front.",
                path.display()
            ),
        }),
        single::Claim::Alone => Ok(None),
        single::Claim::First(listener) => {
            let handle = app.clone();
            Ok(Some(single::listen(&socket, listener, move || {
                if let Some(window) = handle.get_webview_window("main") {
                    let _ = window.unminimize();
                    let _ = window.show();
                    let _ = window.set_focus();
                }
            })))
        }
    }
}

/// Opens the workspace at `path` with `open` in place of the current one. The current
/// one stays open when `open` fails.
pub async fn switch(
    app: &AppHandle,
    path: PathBuf,
    open: impl FnOnce(&Path) -> CoreResult<Workspace> + Send + 'static,
) -> Result<WorkspaceInfo, AppError> {
    let path = std::path::absolute(&path).unwrap_or(path);
    let ws = app.state::<OpenWorkspace>();
    // The file this app has (or tried to) open is already claimed by it.
    let ours = ws.path().is_some_and(|current| same_file(&current, &path));
    if ours && ws.is_open() {
        return ws.run(reads::info).await;
    }
    let listening = if ours { None } else { claim(app, &path)? };
    let target = path.clone();
    let opened = tauri::async_runtime::spawn_blocking(move || open(&target))
        .await
        .map_err(|e| AppError::Internal {
            message: format!("the workspace could not be opened ({e})"),
        })?;
    let workspace = match opened {
        Ok(workspace) => workspace,
        Err(err) => {
            if let Some(listening) = listening {
                listening.stop();
            }
            return Err(AppError::from(err));
        }
    };
    let info = reads::info(&workspace).map_err(AppError::from)?;
    let old = ws.replace(path.clone(), workspace);
    if !ours {
        app.state::<Instance>().set(listening);
    }
    if let Some(old) = old {
        tauri::async_runtime::spawn_blocking(move || old.close());
    }
    app.state::<Recent>().add(&path);
    shown(app, Some(&path));
    Ok(info)
}

/// Closes the open workspace; the window shows the start screen.
pub async fn close(app: &AppHandle) {
    let old = app.state::<OpenWorkspace>().take();
    app.state::<Instance>().release();
    if let Some(old) = old {
        let _ = tauri::async_runtime::spawn_blocking(move || old.close()).await;
    }
    shown(app, None);
}

/// Says which file the window shows: in its title, and in Open Recent.
pub fn shown(app: &AppHandle, path: Option<&Path>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&title(path));
    }
    refresh_recent(app);
}

/// Fills Open Recent from the list.
pub fn refresh_recent(app: &AppHandle) {
    if let Some(menu) = app.try_state::<AppMenu>() {
        menu.set_recent(app, &app.state::<Recent>().entries());
    }
}

/// The window's title: the file's name, then the app's.
pub fn title(path: Option<&Path>) -> String {
    match path.and_then(Path::file_name) {
        Some(name) => format!("{} — Successmap", name.to_string_lossy()),
        None => "Successmap".to_string(),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_the_file() {
        assert_eq!(
            title(Some(Path::new("/home/ana/Acme.successmap"))),
            "Acme.successmap — Successmap"
        );
        assert_eq!(title(None), "Successmap");
    }
}
