use serde::{Deserialize, Serialize};
use specta::Type;

use super::{
    KpiDirection, KpiId, KpiInput, KpiKind, MapId, MapVersionId, StepId, VehicleId, VehicleKind,
};

/// A map's content as a version (and a template) holds it: its steps in order with
/// their outcomes, notes, KPIs and vehicles, and the vehicles' details. Never customers.
/// Ids tie a version's steps and KPIs to the workspace's (to compare and restore); a
/// template has none.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MapContent {
    pub steps: Vec<ContentStep>,
    /// The vehicles attached anywhere on the map.
    #[serde(default)]
    pub vehicles: Vec<ContentVehicle>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ContentStep {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<StepId>,
    pub title: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub kpis: Vec<ContentKpi>,
    /// Names of the vehicles on the step.
    #[serde(default)]
    pub vehicles: Vec<String>,
    /// Names of the vehicles on the move from this step to the next.
    #[serde(default)]
    pub move_vehicles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ContentKpi {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<KpiId>,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub direction: KpiDirection,
    pub kind: KpiKind,
    #[specta(type = specta_typescript::Number)]
    pub entry_level: f64,
    #[specta(type = specta_typescript::Number)]
    pub good_level: f64,
    #[specta(type = specta_typescript::Number)]
    pub best_level: f64,
}

impl From<&ContentKpi> for KpiInput {
    fn from(kpi: &ContentKpi) -> Self {
        KpiInput {
            name: kpi.name.clone(),
            unit: kpi.unit.clone(),
            direction: kpi.direction,
            kind: kpi.kind,
            entry_level: kpi.entry_level,
            good_level: kpi.good_level,
            best_level: kpi.best_level,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ContentVehicle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<VehicleId>,
    pub kind: VehicleKind,
    #[serde(default)]
    pub custom_kind: Option<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub effort: String,
}

/// A saved version in a map's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MapVersion {
    pub id: MapVersionId,
    pub map_id: MapId,
    pub name: String,
    pub note: String,
    /// Saved by Successmap before an operation that changes the map (an import that
    /// creates steps, a restore), not by the user.
    pub automatic: bool,
    /// UTC, RFC 3339.
    pub created_at: String,
    pub step_count: u32,
}

/// Which map to compare: a saved version, or the map as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum VersionRef {
    Saved { id: MapVersionId },
    Now,
}

/// What changed from one map to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    StepAdded,
    StepRemoved,
    StepRenamed,
    StepMoved,
    OutcomeChanged,
    NotesChanged,
    KpiAdded,
    KpiRemoved,
    KpiChanged,
    VehicleAttached,
    VehicleDetached,
}

/// One change between two maps, with the old and new value where there are both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MapChange {
    pub kind: ChangeKind,
    /// The step it is on: its id in the newer map (in the older one when removed).
    pub step_id: Option<StepId>,
    /// The step's title (in the newer map, or the older one when removed).
    pub step: String,
    /// The KPI or vehicle it is about, or for a changed KPI the KPI and what changed
    /// ("Activation rate · good level").
    pub subject: Option<String>,
    /// A vehicle on the move from the step to the next, not on the step.
    pub on_move: bool,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The change in one line, old and new values included.
    pub text: String,
}

/// Two maps side by side and what changed from the first to the second.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MapComparison {
    pub from_label: String,
    pub to_label: String,
    pub from: MapContent,
    pub to: MapContent,
    pub changes: Vec<MapChange>,
}

/// A step of the current map that a version does not have, with the customers on it or
/// aiming at it: they must be moved to a step of the version before it is restored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RemovedStep {
    pub step_id: StepId,
    pub title: String,
    pub on_count: u32,
    pub aiming_count: u32,
}

/// What restoring a version would do, shown before the user confirms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RestorePreview {
    pub version: MapVersion,
    /// Steps that go, with their customers (the ones with customers need a destination).
    pub removed: Vec<RemovedStep>,
    /// The version's steps, in order: where customers can be moved to.
    pub steps: Vec<RestoreChoice>,
    /// KPI values recorded for customers on KPIs the version does not have.
    pub kpi_values_lost: u32,
    /// Workshop notes on steps or moves the version does not have.
    pub notes_lost: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RestoreChoice {
    /// The step's id in the version.
    pub step_id: StepId,
    pub title: String,
}

/// Where the customers of a step that a restore removes go: a step of the version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RestoreMove {
    pub from_step_id: StepId,
    pub to_step_id: StepId,
}
