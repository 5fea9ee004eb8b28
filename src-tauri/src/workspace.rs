//! Which workspace file the app opens, and the open workspace shared by commands.
//!
//! Order of precedence: `--workspace PATH` (or `--workspace=PATH`) on the command
//! line, then the `SUCCESSMAP_WORKSPACE` environment variable, then `successmap.db`
//! in the OS app-data directory. Only that default workspace is filled with the demo
//! on first start; a file named explicitly starts empty (its screen offers the demo).
//! How a file is opened (created, named, refused) is the core's one open policy.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use successmap_core::{CoreError, NewFile, Workspace};

use crate::error::AppError;

pub const ENV_VAR: &str = "SUCCESSMAP_WORKSPACE";
pub const DEFAULT_FILE: &str = "successmap.db";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceChoice {
    pub path: PathBuf,
    /// True for the app-data default (demo-filled on first start).
    pub is_default: bool,
}

/// Picks the workspace file from the arguments (program name first), the environment
/// variable's value, the recent workspaces (newest first: the last one used that is
/// still there) and the app-data directory.
pub fn choose(
    args: &[OsString],
    env_value: Option<OsString>,
    app_data_dir: &Path,
    recent: &[PathBuf],
) -> Result<WorkspaceChoice, String> {
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        if text == "--workspace" {
            return match iter.next() {
                Some(path) if !path.is_empty() => Ok(WorkspaceChoice {
                    path: PathBuf::from(path),
                    is_default: false,
                }),
                _ => Err("--workspace needs a file path".to_string()),
            };
        }
        if let Some(path) = text.strip_prefix("--workspace=") {
            if path.is_empty() {
                return Err("--workspace needs a file path".to_string());
            }
            return Ok(WorkspaceChoice {
                path: PathBuf::from(path),
                is_default: false,
            });
        }
    }
    if let Some(value) = env_value.filter(|v| !v.is_empty()) {
        return Ok(WorkspaceChoice {
            path: PathBuf::from(value),
            is_default: false,
        });
    }
    let default = app_data_dir.join(DEFAULT_FILE);
    if let Some(last) = recent.iter().find(|p| p.is_file()) {
        return Ok(WorkspaceChoice {
            is_default: *last == default,
            path: last.clone(),
        });
    }
    Ok(WorkspaceChoice {
        path: default,
        is_default: true,
    })
}

/// The open workspace, or why it could not be opened (every command then says so), or
/// none (the user closed it: the start screen shows). A workspace that was busy (another
/// program writing to it, such as a command-line import) is opened again by the next
/// command, so the app recovers by itself. The app may put another workspace in its
/// place ([`OpenWorkspace::replace`]); requests already running finish on the old one.
pub struct OpenWorkspace {
    slot: Mutex<Option<Slot>>,
}

#[derive(Clone)]
struct Slot {
    choice: WorkspaceChoice,
    state: Arc<Mutex<Result<Arc<Workspace>, AppError>>>,
}

/// A workspace taken out of the app (another was opened, or the user closed it), to be
/// closed off the UI's thread.
pub struct Closing(Slot);

impl Closing {
    /// Closes it: waits for a running write, empties its log, closes every connection.
    pub fn close(self) {
        let state = self.0.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Ok(ws) = &*state {
            match ws.close() {
                Ok(true) => {}
                Ok(false) => eprintln!(
                    "successmap: another program is reading the workspace; its log is kept"
                ),
                Err(err) => eprintln!("successmap: the workspace did not close cleanly: {err}"),
            }
        }
    }
}

impl OpenWorkspace {
    /// Opens the chosen file; only the default one starts as the demo.
    pub fn open(choice: &WorkspaceChoice, now: chrono::DateTime<chrono::Utc>) -> OpenWorkspace {
        OpenWorkspace {
            slot: Mutex::new(Some(Slot {
                choice: choice.clone(),
                state: Arc::new(Mutex::new(Self::try_open(choice, now))),
            })),
        }
    }

    fn try_open(
        choice: &WorkspaceChoice,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Arc<Workspace>, AppError> {
        let new_file = if choice.is_default {
            NewFile::Demo
        } else {
            NewFile::Empty
        };
        Workspace::open(&choice.path, new_file, now)
            .map(Arc::new)
            .map_err(AppError::from)
    }

    /// The file of the open workspace (also of one that failed to open), if any.
    pub fn path(&self) -> Option<PathBuf> {
        self.lock().as_ref().map(|slot| slot.choice.path.clone())
    }

    /// True when a workspace is open and usable.
    pub fn is_open(&self) -> bool {
        self.lock().as_ref().is_some_and(|slot| {
            slot.state
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .is_ok()
        })
    }

    /// Puts `ws`, just opened from `path`, in the app's hands; returns the workspace it
    /// replaces, to be closed.
    pub fn replace(&self, path: PathBuf, ws: Workspace) -> Option<Closing> {
        let slot = Slot {
            choice: WorkspaceChoice {
                path,
                is_default: false,
            },
            state: Arc::new(Mutex::new(Ok(Arc::new(ws)))),
        };
        self.lock().replace(slot).map(Closing)
    }

    /// Takes the workspace out of the app (Close workspace); commands then answer that
    /// none is open.
    pub fn take(&self) -> Option<Closing> {
        self.lock().take().map(Closing)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Slot>> {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn slot(&self) -> Result<Slot, AppError> {
        self.lock().clone().ok_or_else(AppError::no_workspace)
    }

    /// The workspace; opened again first when it was busy at the last try. The lock is
    /// held while opening, so that requests arriving meanwhile wait for that one try
    /// instead of each opening the file.
    fn current(&self) -> Result<Arc<Workspace>, AppError> {
        let slot = self.slot()?;
        Self::current_of(&slot.state, &slot.choice)
    }

    fn current_of(
        state: &Mutex<Result<Arc<Workspace>, AppError>>,
        choice: &WorkspaceChoice,
    ) -> Result<Arc<Workspace>, AppError> {
        let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Err(AppError::Busy { .. }) = &*state {
            *state = Self::try_open(choice, chrono::Utc::now());
        }
        state.clone()
    }

    /// Closes the workspace (the app is quitting): the file alone is then complete.
    pub fn close(&self) {
        if let Some(closing) = self.take() {
            closing.close();
        }
    }

    /// Runs one core call on a thread of the blocking pool, its error mapped for IPC.
    /// Commands await this: a three-second read occupies a pool thread, never one of the
    /// async runtime's few workers, so the edits and reads that arrive meanwhile run.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Workspace) -> Result<T, CoreError> + Send + 'static,
    ) -> Result<T, AppError> {
        let ws = self.current_off_thread().await?;
        tauri::async_runtime::spawn_blocking(move || f(&ws).map_err(AppError::from))
            .await
            .map_err(|e| AppError::Internal {
                message: format!("the request stopped unexpectedly ({e})"),
            })?
    }

    /// [`Self::current`], which may wait for the file's lock, off the async workers.
    async fn current_off_thread(&self) -> Result<Arc<Workspace>, AppError> {
        let slot = self.slot()?;
        {
            let state = slot.state.lock().unwrap_or_else(PoisonError::into_inner);
            match &*state {
                Ok(ws) => return Ok(Arc::clone(ws)),
                Err(AppError::Busy { .. }) => {}
                Err(err) => return Err(err.clone()),
            }
        }
        tauri::async_runtime::spawn_blocking(move || Self::current_of(&slot.state, &slot.choice))
            .await
            .map_err(|e| AppError::Internal {
                message: format!("the workspace could not be opened ({e})"),
            })?
    }

    /// Runs one core call on the open workspace, its error mapped for IPC.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&Workspace) -> Result<T, CoreError>,
    ) -> Result<T, AppError> {
        let ws = self.current()?;
        f(&ws).map_err(AppError::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use successmap_core::{demo, reads};

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_command_line_wins_over_the_environment() {
        let c = choose(
            &args(&["app", "--workspace", "/tmp/a.db"]),
            Some("/tmp/b.db".into()),
            Path::new("/data"),
            &[],
        )
        .unwrap();
        assert_eq!(
            c,
            WorkspaceChoice {
                path: "/tmp/a.db".into(),
                is_default: false
            }
        );
        let c = choose(
            &args(&["app", "--workspace=/tmp/c.db"]),
            None,
            Path::new("/data"),
            &[],
        )
        .unwrap();
        assert_eq!(c.path, PathBuf::from("/tmp/c.db"));
    }

    #[test]
    fn the_environment_wins_over_the_default() {
        let c = choose(
            &args(&["app"]),
            Some("/tmp/b.db".into()),
            Path::new("/data"),
            &[],
        )
        .unwrap();
        assert_eq!(
            c,
            WorkspaceChoice {
                path: "/tmp/b.db".into(),
                is_default: false
            }
        );
    }

    #[test]
    fn without_either_the_app_data_file_is_the_default() {
        let c = choose(&args(&["app"]), Some("".into()), Path::new("/data"), &[]).unwrap();
        assert_eq!(
            c,
            WorkspaceChoice {
                path: "/data/successmap.db".into(),
                is_default: true
            }
        );
    }

    #[test]
    fn without_a_flag_the_last_workspace_still_there_opens_again() {
        let dir = tempfile::tempdir().unwrap();
        let here = dir.path().join("here.successmap");
        std::fs::write(&here, b"x").unwrap();
        let gone = dir.path().join("gone.successmap");
        let c = choose(
            &args(&["app"]),
            None,
            Path::new("/data"),
            &[gone.clone(), here.clone()],
        )
        .unwrap();
        assert_eq!(
            c,
            WorkspaceChoice {
                path: here.clone(),
                is_default: false
            }
        );
        let c = choose(&args(&["app"]), None, Path::new("/data"), &[gone]).unwrap();
        assert!(c.is_default);
        // The flag still wins over the list.
        let c = choose(
            &args(&["app", "--workspace", "/tmp/a.db"]),
            None,
            Path::new("/data"),
            &[here],
        )
        .unwrap();
        assert_eq!(c.path, PathBuf::from("/tmp/a.db"));
    }

    #[test]
    fn a_workspace_flag_without_a_path_is_an_error() {
        assert!(choose(&args(&["app", "--workspace"]), None, Path::new("/d"), &[]).is_err());
        assert!(choose(&args(&["app", "--workspace="]), None, Path::new("/d"), &[]).is_err());
    }

    #[test]
    fn only_the_default_workspace_starts_with_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::Utc::now();
        let default = OpenWorkspace::open(
            &WorkspaceChoice {
                path: dir.path().join("d.db"),
                is_default: true,
            },
            now,
        );
        let named = OpenWorkspace::open(
            &WorkspaceChoice {
                path: dir.path().join("mine.db"),
                is_default: false,
            },
            now,
        );
        let info = default.with(reads::info).unwrap();
        assert_eq!(
            (info.persona_count, info.name.as_str()),
            (3, demo::WORKSPACE_NAME)
        );
        let info = named.with(reads::info).unwrap();
        assert_eq!((info.persona_count, info.name.as_str()), (0, "mine"));
    }

    /// Long requests do not hold the async runtime's workers (as many as cores): more of
    /// them than there are workers run at the same time, so none waits for another.
    #[test]
    fn long_requests_run_side_by_side_beyond_the_number_of_workers() {
        let dir = tempfile::tempdir().unwrap();
        let ws = std::sync::Arc::new(OpenWorkspace::open(
            &WorkspaceChoice {
                path: dir.path().join("w.db"),
                is_default: false,
            },
            chrono::Utc::now(),
        ));
        let together = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2 + 1;
        let all_in = std::sync::Arc::new(std::sync::Barrier::new(together));
        let requests: Vec<_> = (0..together)
            .map(|_| {
                let (ws, all_in) = (ws.clone(), all_in.clone());
                tauri::async_runtime::spawn(async move {
                    ws.run(move |ws| {
                        // Each request waits until all have started: only possible
                        // when they run side by side.
                        all_in.wait();
                        reads::info(ws)
                    })
                    .await
                })
            })
            .collect();
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let results = tauri::async_runtime::block_on(async {
                let mut results = Vec::new();
                for r in requests {
                    results.push(r.await.unwrap().is_ok());
                }
                results
            });
            done.send(results).unwrap();
        });
        let results = finished
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("every request finished");
        assert!(results.iter().all(|ok| *ok));
    }

    /// Started while another program holds the file (here: an exclusive lock, as an
    /// import in exclusive mode would), the app says the workspace is busy, and opens it
    /// by itself once the other program has finished.
    #[test]
    fn a_workspace_busy_at_start_is_opened_when_the_other_program_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let choice = WorkspaceChoice {
            path: path.clone(),
            is_default: false,
        };
        drop(OpenWorkspace::open(&choice, chrono::Utc::now()));
        let other = rusqlite::Connection::open(&path).unwrap();
        other
            .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
            .unwrap();
        let ws = OpenWorkspace::open(&choice, chrono::Utc::now());
        let err = ws.with(reads::info).unwrap_err();
        assert!(matches!(err, AppError::Busy { .. }), "{err:?}");
        assert!(err.message().contains("another program"), "{err:?}");
        other.execute_batch("COMMIT").unwrap();
        drop(other);
        assert_eq!(ws.with(reads::info).unwrap().name, "w");
    }

    #[test]
    fn a_file_that_cannot_be_opened_becomes_an_error_for_every_command() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not-a-db.db");
        std::fs::write(&path, vec![b'x'; 4096]).unwrap();
        let ws = OpenWorkspace::open(
            &WorkspaceChoice {
                path,
                is_default: false,
            },
            chrono::Utc::now(),
        );
        let err = ws.with(reads::info).unwrap_err();
        assert!(
            matches!(err, AppError::WorkspaceUnavailable { .. }),
            "{err:?}"
        );
    }
}
