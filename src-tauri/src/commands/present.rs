//! The windows of a presentation: the audience view full screen on one display and,
//! with a second display (or for sharing only the slides in a video call), the presenter
//! view in a window of its own. What the two show is kept in step by the UI through
//! window events; these commands only place and open the windows.

use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

use crate::error::AppError;

/// The presenter view's window label (the UI renders the presenter view there).
pub const PRESENTER: &str = "presenter";

/// A display the windows can go on.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Screen {
    /// Index in the system's list of displays.
    pub index: u32,
    pub name: String,
    /// Size in physical pixels.
    pub width: u32,
    pub height: u32,
    pub primary: bool,
    /// The display the app's window is on now.
    pub current: bool,
}

fn failed(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal {
        message: format!("{what}: {e}"),
    }
}

/// The displays, in the system's order.
#[tauri::command]
#[specta::specta]
pub async fn list_screens(window: WebviewWindow) -> Result<Vec<Screen>, AppError> {
    let monitors = window
        .available_monitors()
        .map_err(|e| failed("the displays could not be listed", e))?;
    let primary = window.primary_monitor().ok().flatten();
    let current = window.current_monitor().ok().flatten();
    let same = |a: &tauri::Monitor, b: &Option<tauri::Monitor>| {
        b.as_ref()
            .is_some_and(|b| a.position() == b.position() && a.size() == b.size())
    };
    Ok(monitors
        .iter()
        .enumerate()
        .map(|(i, m)| Screen {
            index: i as u32,
            name: m
                .name()
                .cloned()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| format!("Display {}", i + 1)),
            width: m.size().width,
            height: m.size().height,
            primary: same(m, &primary),
            current: same(m, &current),
        })
        .collect())
}

/// Puts the window in or out of full screen (a presentation).
#[tauri::command]
#[specta::specta]
pub async fn set_fullscreen(window: WebviewWindow, on: bool) -> Result<(), AppError> {
    // The menu bar is no part of the slides.
    let _ = if on {
        window.hide_menu()
    } else {
        window.show_menu()
    };
    window
        .set_fullscreen(on)
        .map_err(|e| failed("the window could not change to or from full screen", e))
}

/// Moves the app's window to the audience display and opens the presenter view on the
/// presenter display (maximised there; a smaller window when it is the same display).
/// An open presenter view is brought to the front instead.
#[tauri::command]
#[specta::specta]
pub async fn open_presenter_window(
    app: AppHandle,
    window: WebviewWindow,
    presenter_screen: u32,
    audience_screen: u32,
) -> Result<(), AppError> {
    if let Some(open) = app.get_webview_window(PRESENTER) {
        open.set_focus()
            .map_err(|e| failed("the presenter view could not be shown", e))?;
        return Ok(());
    }
    let monitors = window
        .available_monitors()
        .map_err(|e| failed("the displays could not be listed", e))?;
    let pick = |index: u32| {
        monitors
            .get(index as usize)
            .ok_or_else(|| AppError::Internal {
                message: format!(
                    "display {} is not connected (there are {})",
                    index + 1,
                    monitors.len()
                ),
            })
    };
    let (presenter, audience) = (pick(presenter_screen)?, pick(audience_screen)?);
    if presenter_screen != audience_screen {
        let at = audience.position();
        window
            .set_position(tauri::PhysicalPosition::new(at.x + 40, at.y + 40))
            .map_err(|e| failed("the window could not move to the audience display", e))?;
    }
    let scale = presenter.scale_factor().max(0.5);
    let origin = presenter.position().to_logical::<f64>(scale);
    let size = presenter.size().to_logical::<f64>(scale);
    let own_display = presenter_screen != audience_screen;
    let (width, height) = if own_display {
        (size.width, size.height)
    } else {
        (960f64.min(size.width), 640f64.min(size.height))
    };
    WebviewWindowBuilder::new(&app, PRESENTER, WebviewUrl::App("index.html".into()))
        .title("Presenter view — Successmap")
        .position(origin.x + 24.0, origin.y + 24.0)
        .inner_size(width - 48.0, height - 48.0)
        .min_inner_size(640.0, 420.0)
        .maximized(own_display)
        .focused(true)
        .build()
        .map_err(|e| failed("the presenter view could not be opened", e))?;
    Ok(())
}

/// Closes the presenter view's window, if open.
#[tauri::command]
#[specta::specta]
pub async fn close_presenter_window(app: AppHandle) -> Result<(), AppError> {
    if let Some(open) = app.get_webview_window(PRESENTER) {
        open.close()
            .map_err(|e| failed("the presenter view could not be closed", e))?;
    }
    Ok(())
}
