//! Errors of the core. They carry enough structure for the app shell to map them to
//! stable IPC codes; storage errors stay opaque to callers beyond their message.

use std::path::PathBuf;

pub type CoreResult<T> = Result<T, CoreError>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// Input that breaks a rule; `field` names the input field when there is one.
    #[error("{message}")]
    Invalid {
        field: Option<&'static str>,
        message: String,
    },
    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: i64 },
    /// The edit is valid on its own but conflicts with what is stored
    /// (a duplicate name, a step that still has customers …).
    #[error("{0}")]
    Conflict(String),
    #[error("{path} is not a Successmap workspace: {reason}")]
    NotAWorkspace { path: PathBuf, reason: String },
    #[error("this workspace was written by a newer Successmap (schema {found}, this version knows up to {known}); update Successmap to open it")]
    WorkspaceTooNew { found: i64, known: i64 },
    #[error("there is no workspace file at {path}")]
    NoWorkspace { path: PathBuf },
    #[error("cannot open workspace file {path}: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file the user chose exists; it is replaced only when they say so.
    #[error("{path} already exists")]
    FileExists { path: PathBuf },
    #[error("storage error: {0}")]
    Storage(rusqlite::Error),
    /// The user cancelled a long-running write; nothing was changed.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// The writer is doing something long (an import, an undo); try again afterwards.
    #[error("busy: {activity}; try again when it has finished")]
    Busy { activity: String },
    /// A fault of this program stopped an operation midway; it was rolled back.
    #[error("an operation stopped midway and was rolled back ({0})")]
    Fault(String),
    /// The workspace was closed (the app is quitting).
    #[error("the workspace is closed")]
    Closed,
}

/// What a busy workspace file is doing, as far as this process can tell.
pub const OTHER_PROCESS_WRITING: &str =
    "another program is writing to this workspace (for example a command-line import)";

impl From<rusqlite::Error> for CoreError {
    /// SQLite's "busy" and "locked" (another process holds the file's write lock longer
    /// than the busy timeout) are the busy message, not a storage fault.
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                CoreError::Busy {
                    activity: OTHER_PROCESS_WRITING.to_string(),
                }
            }
            _ => CoreError::Storage(err),
        }
    }
}

impl CoreError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        CoreError::Invalid {
            field: Some(field),
            message: message.into(),
        }
    }

    pub fn not_found(entity: &'static str, id: i64) -> Self {
        CoreError::NotFound { entity, id }
    }
}
