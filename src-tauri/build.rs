//! Declares the app's own commands so that the capability file can grant them one by
//! one (and nothing else). Keep this list equal to `specta_builder()` in src/lib.rs;
//! a unit test compares the capability with the generated bindings.

const COMMANDS: &[&str] = &[
    "workspace_info",
    "load_demo",
    "changed_elsewhere",
    "save_copy",
    "list_personas",
    "create_persona",
    "update_persona",
    "delete_persona",
    "get_map",
    "export_map",
    "export_handout",
    "get_presentation",
    "add_workshop_note",
    "delete_workshop_note",
    "set_fullscreen",
    "add_step",
    "update_step",
    "reorder_step",
    "delete_step",
    "add_kpi",
    "update_kpi",
    "delete_kpi",
    "undo_state",
    "undo",
    "redo",
    "list_vehicles",
    "create_vehicle",
    "update_vehicle",
    "delete_vehicle",
    "attach_vehicle",
    "detach_vehicle",
    "list_customers",
    "get_customer",
    "customer_owners",
    "create_customer",
    "update_customer",
    "delete_customer",
    "place_customers",
    "export_customers",
    "suggest_path",
    "preview_import",
    "validate_import",
    "run_import",
    "cancel_import",
    "preview_history",
    "validate_history",
    "run_history",
    "segment_matrix",
    "list_segments",
    "save_segment",
    "update_segment",
    "delete_segment",
    "segment_satisfaction",
    "segment_progression",
    "customer_kpi_values",
    "set_customer_kpi_values",
    "placement_suggestions",
    "accept_suggestions",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {err:#}");
    }
}
