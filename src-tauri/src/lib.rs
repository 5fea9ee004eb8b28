//! The Successmap desktop shell: opens the workspace, registers the commands, runs
//! the window. Everything the app knows lives in `successmap-core`.

pub mod commands;
pub mod document;
pub mod error;
pub mod menu;
pub mod recent;
pub mod rendering;
pub mod single;
pub mod workspace;

use tauri::Manager;
use tauri_specta::{collect_commands, Builder};

/// Where the generated TypeScript bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/ipc/bindings.ts";

/// The one registry of commands (and, later, events): `run()` serves it and the
/// bindings test exports it.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::workspace::workspace_info,
            commands::workspace::load_demo,
            commands::workspace::changed_elsewhere,
            commands::workspace::save_copy,
            commands::workspace::open_workspace,
            commands::workspace::new_workspace,
            commands::workspace::close_workspace,
            commands::workspace::recent_workspaces,
            commands::workspace::forget_recent_workspace,
            commands::workspace::set_menu_state,
            commands::personas::list_personas,
            commands::personas::create_persona,
            commands::personas::update_persona,
            commands::personas::delete_persona,
            commands::maps::get_map,
            commands::maps::export_map,
            commands::maps::get_presentation,
            commands::maps::add_workshop_note,
            commands::maps::delete_workshop_note,
            commands::versions::list_map_versions,
            commands::versions::save_map_version,
            commands::versions::map_version_content,
            commands::versions::compare_map_versions,
            commands::versions::restore_preview,
            commands::versions::restore_map_version,
            commands::versions::template_gallery,
            commands::versions::read_map_template,
            commands::versions::import_map_template,
            commands::versions::export_map_template,
            commands::present::set_fullscreen,
            commands::present::list_screens,
            commands::present::open_presenter_window,
            commands::present::close_presenter_window,
            commands::steps::add_step,
            commands::steps::update_step,
            commands::steps::reorder_step,
            commands::steps::delete_step,
            commands::kpis::add_kpi,
            commands::kpis::update_kpi,
            commands::kpis::delete_kpi,
            commands::undo::undo_state,
            commands::undo::undo,
            commands::undo::redo,
            commands::vehicles::list_vehicles,
            commands::vehicles::create_vehicle,
            commands::vehicles::update_vehicle,
            commands::vehicles::delete_vehicle,
            commands::vehicles::attach_vehicle,
            commands::vehicles::detach_vehicle,
            commands::customers::list_customers,
            commands::customers::get_customer,
            commands::customers::customer_owners,
            commands::customers::create_customer,
            commands::customers::update_customer,
            commands::customers::delete_customer,
            commands::customers::place_customers,
            commands::customers::export_customers,
            commands::customers::export_handout,
            commands::workspace::suggest_path,
            commands::import::preview_import,
            commands::import::validate_import,
            commands::import::run_import,
            commands::import::cancel_import,
            commands::import::preview_history,
            commands::import::validate_history,
            commands::import::run_history,
            commands::segments::segment_matrix,
            commands::segments::list_segments,
            commands::segments::save_segment,
            commands::segments::update_segment,
            commands::segments::delete_segment,
            commands::segments::segment_satisfaction,
            commands::segments::segment_progression,
            commands::evidence::customer_kpi_values,
            commands::evidence::set_customer_kpi_values,
            commands::evidence::placement_suggestions,
            commands::evidence::accept_suggestions,
        ])
        // Rules the UI needs as defaults, from their one home in the core.
        .constant(
            "PROGRESSION_PERIOD_DAYS",
            successmap_core::model::PROGRESSION_PERIOD_DAYS,
        )
        .constant("STALLED_DAYS", successmap_core::model::STALLED_DAYS)
        // Names the UI shows, from the one place the core, drawings and handouts use.
        .constant(
            "VEHICLE_KIND_LABELS",
            successmap_core::model::VehicleKind::labels(),
        )
        .constant("QUADRANT_NAMES", successmap_core::model::Quadrant::names())
}

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated by `make bindings` from src-tauri/src/lib.rs. Do not edit.\n/* eslint-disable */"),
            path,
        )
        .map_err(|e| e.to_string())
}

pub fn run() {
    let builder = specta_builder();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // The window comes back where the user left it (per machine: the app's config
        // folder); not full screen, and not the presenter view, which is placed each time.
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::SIZE
                        | tauri_plugin_window_state::StateFlags::POSITION
                        | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                )
                .with_denylist(&[commands::present::PRESENTER])
                .build(),
        )
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let data_dir = app.path().app_data_dir()?;
            let recent = recent::Recent::load(
                app.path()
                    .app_config_dir()
                    .ok()
                    .map(|dir| dir.join(recent::FILE_NAME)),
            );
            let choice = workspace::choose(
                &std::env::args_os().collect::<Vec<_>>(),
                std::env::var_os(workspace::ENV_VAR),
                &data_dir,
                &recent.paths(),
            )
            .map_err(|message| -> Box<dyn std::error::Error> { message.into() })?;
            let handle = app.handle().clone();
            let listening = match document::claim(&handle, &choice.path) {
                Ok(listening) => listening,
                Err(_) => {
                    eprintln!(
                        "successmap: {} is open in a running Successmap; it was brought to the front",
                        choice.path.display()
                    );
                    std::process::exit(0);
                }
            };
            app.manage(document::Instance(std::sync::Mutex::new(listening)));
            let open = workspace::OpenWorkspace::open(&choice, chrono::Utc::now());
            if open.is_open() {
                recent.add(&choice.path);
            }
            app.manage(open);
            app.manage(recent);
            let (bar, app_menu) = menu::build(&handle)?;
            if let Some(window) = app.get_webview_window("main") {
                window.set_menu(bar)?;
                window.on_menu_event(|window, event| {
                    menu::on_event(window.app_handle(), event.id().as_ref());
                });
            }
            app.manage(app_menu);
            document::shown(&handle, Some(&choice.path));
            app.manage(commands::import::ImportControl::default());
            quit_on_signals(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(err) => {
            eprintln!("successmap: the window could not be started: {err}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| match event {
        // The last window closed or Quit: a running import is stopped (rolled back).
        tauri::RunEvent::ExitRequested { .. } => {
            handle.state::<commands::import::ImportControl>().cancel();
        }
        // The presenter view does not outlive the app's window.
        tauri::RunEvent::WindowEvent {
            label,
            event: tauri::WindowEvent::Destroyed,
            ..
        } if label == "main" => {
            handle.exit(0);
        }
        // Every way out ends here: the file alone is then the whole workspace.
        tauri::RunEvent::Exit => {
            handle.state::<workspace::OpenWorkspace>().close();
            if let Some(instance) = handle.try_state::<document::Instance>() {
                instance.release();
            }
        }
        _ => {}
    });
}

/// SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C in a terminal) quit the app the
/// way closing its window does, so that the workspace is closed cleanly.
fn quit_on_signals(handle: tauri::AppHandle) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    match signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
        Ok(mut signals) => {
            std::thread::spawn(move || {
                if signals.forever().next().is_some() {
                    handle.exit(0);
                }
            });
        }
        Err(err) => eprintln!("successmap: signals will end the app abruptly ({err})"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    fn manifest_dir() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    /// The checked-in bindings must be what the current commands generate.
    /// Run `make bindings` after changing a command or a type that crosses IPC.
    #[test]
    fn checked_in_bindings_are_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh).unwrap();
        let fresh = std::fs::read_to_string(fresh).unwrap();
        let checked_in_path = manifest_dir().join(super::BINDINGS_PATH);
        if std::env::var_os("SUCCESSMAP_WRITE_BINDINGS").is_some() {
            std::fs::write(&checked_in_path, &fresh).unwrap();
        }
        let checked_in = std::fs::read_to_string(&checked_in_path).unwrap_or_default();
        assert!(
            checked_in == fresh,
            "ui/src/ipc/bindings.ts is stale: run `make bindings` and commit the result"
        );
    }

    /// Every command in the bindings is granted to the main window, and of plugins only the
    /// file dialogs.
    #[test]
    fn the_capability_grants_exactly_the_registered_commands() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bindings.ts");
        super::export_bindings(&path).unwrap();
        let bindings = std::fs::read_to_string(path).unwrap();
        let commands: BTreeSet<String> = bindings
            .split("TAURI_INVOKE(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(|name| format!("allow-{}", name.replace('_', "-")))
            .collect();
        let capability: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(manifest_dir().join("capabilities/default.json")).unwrap(),
        )
        .unwrap();
        let granted: BTreeSet<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect();
        let (plugins, own): (BTreeSet<String>, BTreeSet<String>) =
            granted.into_iter().partition(|p| p.contains(':'));
        assert!(!commands.is_empty());
        assert_eq!(own, commands);
        // The native file dialogs (pick a file to import, a path to export to), and the
        // events by which a presentation and its presenter view keep in step; nothing more.
        let allowed: BTreeSet<String> = [
            "dialog:allow-open",
            "dialog:allow-save",
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "core:event:allow-emit-to",
        ]
        .map(String::from)
        .into();
        assert_eq!(plugins, allowed);
    }
}
