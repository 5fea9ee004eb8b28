//! One app per workspace file: a second launch on a file that is already open hands
//! over to the running app, which brings its window to the front, and ends.
//!
//! The running app listens on a Unix socket whose name is derived from the workspace's
//! absolute path (in `$XDG_RUNTIME_DIR`, else the temp folder). A socket left by an app
//! that was killed refuses connections; the next app removes it and listens itself.

use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What a second launch sends to the running app.
const FOCUS: &[u8] = b"focus\n";

/// Where the app that has `workspace` open listens.
pub fn socket_path(workspace: &Path, runtime_dir: Option<PathBuf>) -> PathBuf {
    let absolute = std::path::absolute(workspace).unwrap_or_else(|_| workspace.to_path_buf());
    // FNV-1a over the path: stable across runs and builds (std's hasher is not).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in absolute.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let dir = runtime_dir
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    dir.join(format!("successmap-{hash:016x}.sock"))
}

/// The outcome of claiming a workspace for this process.
pub enum Claim {
    /// This app is the one for the workspace; it listens for later launches.
    First(UnixListener),
    /// Another app has it open and was asked to come to the front.
    HandedOver,
    /// No socket could be made (a read-only temp folder …): the app runs on its own.
    Alone,
}

/// Hands over to an app that has the workspace open, or claims it for this one.
pub fn claim(socket: &Path) -> Claim {
    if let Ok(mut running) = UnixStream::connect(socket) {
        let _ = running.set_write_timeout(Some(Duration::from_secs(2)));
        if running.write_all(FOCUS).is_ok() {
            return Claim::HandedOver;
        }
    }
    // Nobody answers: a socket left by an app that ended without removing it.
    let _ = std::fs::remove_file(socket);
    match UnixListener::bind(socket) {
        Ok(listener) => Claim::First(listener),
        Err(_) => Claim::Alone,
    }
}

/// The socket this app listens on for the workspace it has open; stopped (and its file
/// removed) when the app opens another workspace or ends.
pub struct Listening {
    socket: PathBuf,
    stop: Arc<AtomicBool>,
}

impl Listening {
    /// Stops answering on this socket and removes it: a later launch on that workspace
    /// then opens it in an app of its own.
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the thread waiting in `accept`, which then sees the flag.
        drop(UnixStream::connect(&self.socket));
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// Calls `focus` for every later launch on the same workspace, on a thread of its own,
/// until the returned [`Listening`] is stopped.
pub fn listen(
    socket: &Path,
    listener: UnixListener,
    focus: impl Fn() + Send + 'static,
) -> Listening {
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if stopped.load(Ordering::SeqCst) {
                break;
            }
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut message = [0u8; 16];
            let read = stream.read(&mut message).unwrap_or(0);
            if &message[..read] == FOCUS {
                focus();
            }
        }
    });
    Listening {
        socket: socket.to_path_buf(),
        stop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn the_socket_name_depends_on_the_workspace_only() {
        let dir = tempfile::tempdir().unwrap();
        let a = socket_path(Path::new("/tmp/a.successmap"), Some(dir.path().into()));
        let again = socket_path(Path::new("/tmp/./a.successmap"), Some(dir.path().into()));
        let b = socket_path(Path::new("/tmp/b.successmap"), Some(dir.path().into()));
        assert_eq!(a.parent(), Some(dir.path()));
        assert_ne!(a, b);
        assert_eq!(
            a,
            socket_path(Path::new("/tmp/a.successmap"), Some(dir.path().into()))
        );
        // `absolute` keeps "." components; the same file named two ways may get two
        // sockets, which only costs a second window.
        let _ = again;
    }

    #[test]
    fn a_second_launch_hands_over_and_a_stale_socket_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("s.sock");
        // A socket file nobody listens on (an app killed with -9).
        drop(UnixListener::bind(&socket).unwrap());
        let Claim::First(listener) = claim(&socket) else {
            panic!("the stale socket is taken over");
        };
        let (focused, asked) = mpsc::channel();
        let listening = listen(&socket, listener, move || {
            let _ = focused.send(());
        });
        assert!(matches!(claim(&socket), Claim::HandedOver));
        asked
            .recv_timeout(Duration::from_secs(5))
            .expect("the running app was asked to come to the front");
        // Once stopped (the app opened another workspace), a launch claims it anew.
        listening.stop();
        assert!(!socket.exists());
        assert!(matches!(claim(&socket), Claim::First(_)));
    }
}
