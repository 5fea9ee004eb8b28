use serde::{Deserialize, Serialize};
use specta::Type;

use super::{AttachmentId, StepId, VehicleId};

/// The programmes and tools that move customers from one step to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum VehicleKind {
    Training,
    Community,
    Enablement,
    /// A kind the user names (see `Vehicle::custom_kind`).
    Custom,
}

impl VehicleKind {
    pub const ALL: [VehicleKind; 4] = [
        VehicleKind::Training,
        VehicleKind::Community,
        VehicleKind::Enablement,
        VehicleKind::Custom,
    ];

    /// The kind in words, as every screen, drawing and handout names it.
    pub fn label(self) -> &'static str {
        match self {
            VehicleKind::Training => "Training",
            VehicleKind::Community => "Community",
            VehicleKind::Enablement => "Enablement",
            VehicleKind::Custom => "Custom",
        }
    }

    /// Every kind's label by its stored name, for the UI (a constant of the bindings).
    pub fn labels() -> std::collections::BTreeMap<&'static str, &'static str> {
        Self::ALL.iter().map(|k| (k.as_str(), k.label())).collect()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            VehicleKind::Training => "training",
            VehicleKind::Community => "community",
            VehicleKind::Enablement => "enablement",
            VehicleKind::Custom => "custom",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "training" => Some(VehicleKind::Training),
            "community" => Some(VehicleKind::Community),
            "enablement" => Some(VehicleKind::Enablement),
            "custom" => Some(VehicleKind::Custom),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Vehicle {
    pub id: VehicleId,
    pub kind: VehicleKind,
    /// The user's name for the kind when `kind` is `custom`.
    pub custom_kind: Option<String>,
    pub name: String,
    pub description: String,
    pub owner: String,
    pub link: String,
    pub effort: String,
}

impl Vehicle {
    /// What a vehicle's chip says of its kind: "Training", or a custom kind's own name
    /// ("Custom" when that name is blank).
    pub fn kind_label(&self) -> String {
        match self.custom_kind.as_deref().map(str::trim) {
            Some(name) if self.kind == VehicleKind::Custom && !name.is_empty() => name.to_string(),
            _ => self.kind.label().to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VehicleInput {
    pub kind: VehicleKind,
    pub custom_kind: Option<String>,
    pub name: String,
    pub description: String,
    pub owner: String,
    pub link: String,
    pub effort: String,
}

/// Where a vehicle is attached on a map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum AttachmentTarget {
    Step {
        #[serde(rename = "stepId")]
        step_id: StepId,
    },
    Move {
        #[serde(rename = "fromStepId")]
        from_step_id: StepId,
        #[serde(rename = "toStepId")]
        to_step_id: StepId,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub id: AttachmentId,
    pub vehicle_id: VehicleId,
    pub target: AttachmentTarget,
}

/// A vehicle as shown where it is attached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AttachedVehicle {
    pub attachment_id: AttachmentId,
    pub vehicle: Vehicle,
}
