//! The error type that crosses IPC: a stable `code` the UI can branch on, and a
//! human `message` it shows as is. Core errors are mapped here; their internals
//! (SQL text, io kinds) are logged, not shown.

use serde::Serialize;
use specta::Type;
use successmap_core::CoreError;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    /// Input breaks a rule; `field` names the form field (camelCase) when there is one.
    InvalidInput {
        field: Option<String>,
        message: String,
    },
    NotFound {
        message: String,
    },
    /// Valid input that conflicts with stored data (duplicate name, step with customers …).
    Conflict {
        message: String,
    },
    /// The workspace file could not be opened; nothing can be read or saved.
    WorkspaceUnavailable {
        message: String,
    },
    /// No workspace is open (the user closed it): the start screen offers to create or
    /// open one.
    NoWorkspace {
        message: String,
    },
    /// The user cancelled a long-running operation; nothing was changed.
    Cancelled {
        message: String,
    },
    /// The workspace is busy with a long write (an import, an undo); the edit was not
    /// made and can be tried again when that has finished.
    Busy {
        message: String,
    },
    /// The file the user chose to write exists; the UI asks, then tries again with
    /// permission to replace it.
    FileExists {
        path: String,
        message: String,
    },
    /// A fault of the app or the disk; the message says what failed, the log says why.
    Internal {
        message: String,
    },
}

impl AppError {
    pub fn message(&self) -> &str {
        match self {
            AppError::InvalidInput { message, .. }
            | AppError::NotFound { message }
            | AppError::Conflict { message }
            | AppError::WorkspaceUnavailable { message }
            | AppError::NoWorkspace { message }
            | AppError::Cancelled { message }
            | AppError::Busy { message }
            | AppError::FileExists { message, .. }
            | AppError::Internal { message } => message,
        }
    }
}

impl AppError {
    pub fn no_workspace() -> AppError {
        AppError::NoWorkspace {
            message: "No workspace is open: create a new one or open a workspace file.".to_string(),
        }
    }
}

impl From<CoreError> for AppError {
    fn from(err: CoreError) -> Self {
        match err {
            CoreError::Invalid { field, message } => AppError::InvalidInput {
                field: field.map(str::to_string),
                message,
            },
            CoreError::NotFound { .. } => AppError::NotFound {
                message: format!("{err}; it may have been deleted"),
            },
            CoreError::Conflict(message) => AppError::Conflict { message },
            CoreError::NotAWorkspace { .. }
            | CoreError::WorkspaceTooNew { .. }
            | CoreError::NoWorkspace { .. }
            | CoreError::Open { .. } => AppError::WorkspaceUnavailable {
                message: err.to_string(),
            },
            CoreError::Cancelled => AppError::Cancelled {
                message: "Cancelled; nothing was changed".to_string(),
            },
            CoreError::Busy { activity } => AppError::Busy {
                message: format!("Busy: {activity}. Try again when it has finished."),
            },
            CoreError::FileExists { path } => AppError::FileExists {
                message: format!("{} already exists. Replace it?", path.display()),
                path: path.display().to_string(),
            },
            CoreError::Closed => AppError::WorkspaceUnavailable {
                message: "The workspace is closed.".to_string(),
            },
            CoreError::Storage(_) | CoreError::Corrupt(_) | CoreError::Fault(_) => {
                eprintln!("successmap: internal error: {err:?}");
                AppError::Internal {
                    message: format!("the workspace could not be read or written ({err})"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_with_a_stable_code_and_a_message() {
        let err = AppError::from(CoreError::invalid("name", "Persona name cannot be empty"));
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "invalid_input", "field": "name", "message": "Persona name cannot be empty"})
        );
        let json =
            serde_json::to_value(AppError::from(CoreError::Conflict("taken".into()))).unwrap();
        assert_eq!(json["code"], "conflict");
    }

    #[test]
    fn not_found_says_what_is_missing() {
        let err = AppError::from(CoreError::not_found("persona", 7));
        assert_eq!(
            err.message(),
            "persona 7 does not exist; it may have been deleted"
        );
    }
}
