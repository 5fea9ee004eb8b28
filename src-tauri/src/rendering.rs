//! How WebKit draws on this machine.
//!
//! WebKitGTK composites the page with OpenGL. Without a GPU (no render node under
//! `/dev/dri`: a virtual machine, a remote desktop, Xvfb), that is Mesa's software
//! rasteriser, which compiles its shaders on the CPU. Measured with
//! `bench/start-vs-hello.sh` on a 2-core machine without a GPU: the first screen of a
//! million-customer workspace came 2.0 s after launch with compositing (1.0 s once
//! Mesa's shader cache was warm), 0.8 s without it, as soon as a hello-world Tauri app;
//! and the app held about 100 MB less. So without a render node the app draws without
//! compositing. A user's own `WEBKIT_DISABLE_COMPOSITING_MODE` (0 or 1) is left alone.

use std::path::Path;

const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Chooses, before any window or thread exists, whether WebKit composites with OpenGL.
pub fn choose_compositing() {
    if cfg!(target_os = "linux")
        && std::env::var_os(VARIABLE).is_none()
        && !has_render_node(Path::new("/dev/dri"))
    {
        // main() calls this first, while the process has one thread.
        std::env::set_var(VARIABLE, "1");
    }
}

/// Whether `dir` holds a GPU render node (`renderD128` …).
fn has_render_node(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::has_render_node;

    #[test]
    fn a_render_node_is_a_gpu_and_a_card_alone_or_nothing_is_not() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dir.path().join("missing")));
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
