//! The app and the CLI as processes: their binaries, finding the app that has a
//! workspace open, asking its window to close as a window manager does, and whether a
//! process still runs.

use std::path::{Path, PathBuf};

use crate::repo_root;

/// The command-line tool built beside the app (`make app` builds both).
pub fn cli_binary() -> PathBuf {
    let path = repo_root().join("target/release/successmap");
    assert!(
        path.exists(),
        "the CLI binary {} is missing: build it with `make app` first",
        path.display()
    );
    path
}

/// The process id of the app running on the workspace file `workspace`, if one runs.
pub fn app_pid(workspace: &Path) -> Option<u32> {
    let wanted = workspace.display().to_string();
    std::fs::read_dir("/proc").ok()?.find_map(|entry| {
        let entry = entry.ok()?;
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
        let args: Vec<String> = cmdline
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let is_app = args.first().is_some_and(|a| a.ends_with("successmap-app"));
        (is_app && args.contains(&wanted)).then_some(pid)
    })
}

/// Sends WM_DELETE_WINDOW to every top-level window of process `pid` on the X display.
pub(crate) fn ask_windows_to_close(pid: u32) -> Result<usize, Box<dyn std::error::Error>> {
    use x11rb::connection::Connection;
    use x11rb::protocol::xproto::{
        AtomEnum, ClientMessageEvent, ConnectionExt as _, EventMask, Window,
    };
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    let atom = |name: &[u8]| -> Result<u32, Box<dyn std::error::Error>> {
        Ok(conn.intern_atom(false, name)?.reply()?.atom)
    };
    let (wm_pid, protocols, delete) = (
        atom(b"_NET_WM_PID")?,
        atom(b"WM_PROTOCOLS")?,
        atom(b"WM_DELETE_WINDOW")?,
    );
    let mut sent = 0;
    let windows: Vec<Window> = conn.query_tree(root)?.reply()?.children;
    for window in windows {
        let owner = conn
            .get_property(false, window, wm_pid, AtomEnum::CARDINAL, 0, 1)?
            .reply()?
            .value32()
            .and_then(|mut v| v.next());
        if owner == Some(pid) {
            let event = ClientMessageEvent::new(
                32,
                window,
                protocols,
                [delete, x11rb::CURRENT_TIME, 0, 0, 0],
            );
            conn.send_event(false, window, EventMask::NO_EVENT, event)?;
            sent += 1;
        }
    }
    conn.flush()?;
    if sent == 0 {
        return Err(format!("no window of process {pid}").into());
    }
    Ok(sent)
}

/// The app processes (`successmap-app`) started under process `root`, at any depth
/// (tauri-driver starts WebKitWebDriver, which starts the app).
pub(crate) fn apps_under(root: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let parent_of = |pid: u32| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        stat.rsplit_once(')')?
            .1
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
            exe.to_string_lossy().ends_with("successmap-app")
        })
        .filter(|&pid| {
            let mut at = pid;
            for _ in 0..16 {
                match parent_of(at) {
                    Some(p) if p == root => return true,
                    Some(p) if p > 1 => at = p,
                    _ => return false,
                }
            }
            false
        })
        .collect()
}

/// True while process `pid` runs (an ended one its parent has not reaped yet counts as
/// ended).
pub fn process_runs(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name in parentheses: "1234 (name) Z …".
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X'])),
        Err(_) => false,
    }
}

/// The titles of the visible top-level windows of process `pid` (`_NET_WM_NAME`).
pub fn window_titles(pid: u32) -> Vec<String> {
    let Ok(out) = std::process::Command::new("xdotool")
        .args(["search", "--onlyvisible", "--pid", &pid.to_string(), ""])
        .output()
    else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|id| {
            let name = std::process::Command::new("xdotool")
                .args(["getwindowname", id.trim()])
                .output()
                .ok()?;
            Some(String::from_utf8_lossy(&name.stdout).trim().to_string())
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// Presses `keys` (xdotool's names, e.g. `ctrl+n`) in the visible window of process `pid`
/// through the X server, as a keyboard does: GTK sees them before the web view, so its
/// menu accelerators answer. (WebDriver's keys go to the page only and cannot reach the
/// native menu.)
pub fn press_in_window(pid: u32, keys: &str) -> Result<(), String> {
    let window =
        visible_window(pid).ok_or_else(|| format!("no visible window of process {pid}"))?;
    let status = std::process::Command::new("xdotool")
        .args([
            "windowfocus",
            "--sync",
            &window,
            "key",
            "--clearmodifiers",
            keys,
        ])
        .status()
        .map_err(|e| format!("xdotool: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("xdotool could not press {keys}"))
}

/// The app's main window: visible, of process `pid`, and named "… Successmap" (GTK
/// makes other windows for the process too).
fn visible_window(pid: u32) -> Option<String> {
    let out = std::process::Command::new("xdotool")
        .args([
            "search",
            "--onlyvisible",
            "--pid",
            &pid.to_string(),
            "--name",
            "Successmap$",
        ])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(|l| l.trim().to_string())
}

/// The size of the visible window of process `pid` on the X display.
pub fn window_size(pid: u32) -> Option<(u32, u32)> {
    let window = visible_window(pid)?;
    let out = std::process::Command::new("xdotool")
        .args(["getwindowgeometry", "--shell", &window])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let value = |key: &str| -> Option<u32> {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().parse().ok())
    };
    Some((value("WIDTH=")?, value("HEIGHT=")?))
}

/// Resizes the visible window of process `pid`, as a user dragging its corner does.
pub fn resize_window(pid: u32, width: u32, height: u32) -> Result<(), String> {
    let window =
        visible_window(pid).ok_or_else(|| format!("no visible window of process {pid}"))?;
    let status = std::process::Command::new("xdotool")
        .args([
            "windowsize",
            &window,
            &width.to_string(),
            &height.to_string(),
        ])
        .status()
        .map_err(|e| format!("xdotool: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "xdotool could not resize the window".to_string())
}
