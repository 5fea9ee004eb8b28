// Prevents an additional console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    successmap_app::rendering::choose_compositing();
    successmap_app::run();
}
