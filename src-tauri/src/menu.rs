//! The native menu bar of the main window. Choosing an item sends its id to the UI as
//! the [`EVENT`] event, and the UI does what the same button or key does there (a menu
//! item is one more way to the same action, never a second implementation); Quit is
//! done here. The UI says which items apply ([`MenuState`]), and the menu follows.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Deserialize;
use specta::Type;
use tauri::menu::{Menu, MenuBuilder, MenuItem, MenuItemBuilder, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Wry};

use crate::recent::RecentWorkspace;

/// The event that carries a chosen item's id to the main window.
pub const EVENT: &str = "menu";
/// Ids of Open Recent's entries start with this, followed by the file's path.
pub const RECENT_PREFIX: &str = "open-recent:";

/// What the UI says about its state, for the menu to enable what applies.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MenuState {
    /// A workspace is open (else only New, Open, Open Recent and Quit apply).
    pub workspace_open: bool,
    /// A persona is selected (its map can be shown, presented and exported).
    pub persona_selected: bool,
    /// What Undo and Redo would do ("Add step “Pilot”"), `None` when nothing.
    pub undo_label: Option<String>,
    pub redo_label: Option<String>,
}

/// Items that need an open workspace; those that need a persona too; the rest (New,
/// Open, Quit) always apply.
const NEED_WORKSPACE: &[&str] = &[
    "save-copy",
    "import",
    "export-customers",
    "close",
    "find-customer",
    "view-personas",
    "view-customers",
    "view-segments",
];
const NEED_PERSONA: &[&str] = &["export-map", "export-template", "view-map", "present"];

/// The menu's items that change, kept to update them.
pub struct AppMenu {
    items: HashMap<&'static str, MenuItem<Wry>>,
    recent: Submenu<Wry>,
    state: Mutex<MenuState>,
}

/// Builds the menu bar (File, Edit, View) for the main window.
pub fn build(app: &AppHandle) -> tauri::Result<(Menu<Wry>, AppMenu)> {
    let mut items = HashMap::new();
    let mut item = |id: &'static str, text: &str, accelerator: Option<&str>| {
        let mut builder = MenuItemBuilder::with_id(id, text);
        if let Some(keys) = accelerator {
            builder = builder.accelerator(keys);
        }
        let built = builder.build(app)?;
        items.insert(id, built.clone());
        tauri::Result::Ok(built)
    };
    let new = item("new", "New workspace…", Some("CmdOrCtrl+N"))?;
    let open = item("open", "Open…", Some("CmdOrCtrl+O"))?;
    let save_copy = item("save-copy", "Save a copy…", Some("CmdOrCtrl+Shift+S"))?;
    let import = item("import", "Import customers…", None)?;
    let export_map = item("export-map", "Map…", None)?;
    let export_customers = item("export-customers", "Customers…", None)?;
    let export_template = item("export-template", "Map template…", None)?;
    let close = item("close", "Close workspace", Some("CmdOrCtrl+W"))?;
    let quit = item("quit", "Quit", Some("CmdOrCtrl+Q"))?;
    let undo = item("undo", "Undo", Some("CmdOrCtrl+Z"))?;
    let redo = item("redo", "Redo", Some("CmdOrCtrl+Shift+Z"))?;
    let find = item("find-customer", "Find customer…", Some("CmdOrCtrl+F"))?;
    let personas = item("view-personas", "Personas", Some("CmdOrCtrl+1"))?;
    let map = item("view-map", "Map", Some("CmdOrCtrl+2"))?;
    let customers = item("view-customers", "Customers", Some("CmdOrCtrl+3"))?;
    let segments = item("view-segments", "Segments", Some("CmdOrCtrl+4"))?;
    let present = item("present", "Present", Some("F5"))?;

    let recent = SubmenuBuilder::with_id(app, "open-recent", "Open Recent").build()?;
    let export = SubmenuBuilder::with_id(app, "export", "Export")
        .items(&[&export_map, &export_template, &export_customers])
        .build()?;
    let file = SubmenuBuilder::new(app, "File")
        .items(&[&new, &open, &recent])
        .separator()
        .items(&[&save_copy, &import, &export])
        .separator()
        .item(&close)
        .separator()
        .item(&quit)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .items(&[&undo, &redo])
        .separator()
        .item(&find)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .items(&[&personas, &map, &customers, &segments])
        .separator()
        .item(&present)
        .build()?;
    let mut bar = MenuBuilder::new(app);
    #[cfg(target_os = "macos")]
    {
        let app_menu = SubmenuBuilder::new(app, "Successmap")
            .about(None)
            .separator()
            .services()
            .separator()
            .hide()
            .hide_others()
            .show_all()
            .build()?;
        bar = bar.item(&app_menu);
    }
    bar = bar.items(&[&file, &edit, &view]);
    let menu = bar.build()?;
    let app_menu = AppMenu {
        items,
        recent,
        state: Mutex::new(MenuState::default()),
    };
    Ok((menu, app_menu))
}

impl AppMenu {
    /// Enables what applies in `state` and names what Undo and Redo would do.
    pub fn apply(&self, state: MenuState) {
        for (id, item) in &self.items {
            let enabled = match *id {
                "undo" => state.undo_label.is_some(),
                "redo" => state.redo_label.is_some(),
                id if NEED_PERSONA.contains(&id) => state.workspace_open && state.persona_selected,
                id if NEED_WORKSPACE.contains(&id) => state.workspace_open,
                _ => true,
            };
            let _ = item.set_enabled(enabled);
        }
        let label = |verb: &str, what: &Option<String>| match what {
            Some(what) => format!("{verb} {what}"),
            None => verb.to_string(),
        };
        if let Some(undo) = self.items.get("undo") {
            let _ = undo.set_text(label("Undo", &state.undo_label));
        }
        if let Some(redo) = self.items.get("redo") {
            let _ = redo.set_text(label("Redo", &state.redo_label));
        }
        *self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = state;
    }

    /// Fills Open Recent with `entries` (a missing file is shown, disabled, as missing).
    pub fn set_recent(&self, app: &AppHandle, entries: &[RecentWorkspace]) {
        if let Ok(old) = self.recent.items() {
            for item in old {
                let _ = self.recent.remove(&item);
            }
        }
        if entries.is_empty() {
            if let Ok(none) = MenuItemBuilder::new("No recent workspaces")
                .enabled(false)
                .build(app)
            {
                let _ = self.recent.append(&none);
            }
            return;
        }
        for entry in entries {
            let text = if entry.exists {
                format!("{} — {}", entry.name, entry.path)
            } else {
                format!("{} (missing) — {}", entry.name, entry.path)
            };
            if let Ok(item) =
                MenuItemBuilder::with_id(format!("{RECENT_PREFIX}{}", entry.path), text)
                    .enabled(entry.exists)
                    .build(app)
            {
                let _ = self.recent.append(&item);
            }
        }
    }
}

/// What a chosen item does: Quit here, everything else in the UI.
pub fn on_event(app: &AppHandle, id: &str) {
    if id == "quit" {
        app.exit(0);
        return;
    }
    if app.get_webview_window("main").is_some() {
        let _ = app.emit_to("main", EVENT, id.to_string());
    }
}
