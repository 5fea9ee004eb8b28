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

/// Counts of a workspace, and its customers per persona and step (`successmap stats`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceStats {
    pub personas: Vec<PersonaStats>,
    pub vehicles: u32,
    pub customers: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonaStats {
    pub name: String,
    pub customers: u32,
    /// Customers with no current step.
    pub unplaced: u32,
    /// In map order.
    pub steps: Vec<StepStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepStats {
    pub title: String,
    pub customers: u32,
}
