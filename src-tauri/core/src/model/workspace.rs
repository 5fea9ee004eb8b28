use serde::{Deserialize, Serialize};
use specta::Type;

/// What the status line and header say about the open workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceInfo {
    /// The workspace file; `None` for an in-memory workspace.
    pub path: Option<String>,
    pub name: String,
    pub schema_version: i32,
    pub persona_count: u32,
    pub customer_count: u32,
}
