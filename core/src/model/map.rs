use serde::{Deserialize, Serialize};
use specta::Type;

use super::{AttachedVehicle, CustomerId, KpiId, MapId, PersonaId, StepId, WorkshopNote};

/// A persona's success map: the ordered steps that lead to success.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SuccessMap {
    pub id: MapId,
    pub persona_id: PersonaId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub id: StepId,
    pub map_id: MapId,
    /// 0-based and dense within the map.
    pub position: i32,
    pub title: String,
    pub outcome: String,
    /// The presenter's notes for a workshop (not part of the map's drawing).
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum KpiDirection {
    HigherIsBetter,
    LowerIsBetter,
}

impl KpiDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            KpiDirection::HigherIsBetter => "higher_is_better",
            KpiDirection::LowerIsBetter => "lower_is_better",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "higher_is_better" => Some(KpiDirection::HigherIsBetter),
            "lower_is_better" => Some(KpiDirection::LowerIsBetter),
            _ => None,
        }
    }
}

/// Success KPIs measure an outcome; satisfaction KPIs (NPS, CSAT, CES) do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum KpiKind {
    Success,
    Satisfaction,
}

impl KpiKind {
    pub fn as_str(self) -> &'static str {
        match self {
            KpiKind::Success => "success",
            KpiKind::Satisfaction => "satisfaction",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "success" => Some(KpiKind::Success),
            "satisfaction" => Some(KpiKind::Satisfaction),
            _ => None,
        }
    }
}

/// A measurable milestone of a step with three benchmark levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Kpi {
    pub id: KpiId,
    pub step_id: StepId,
    pub position: i32,
    pub name: String,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct KpiInput {
    pub name: String,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StepInput {
    pub title: String,
    pub outcome: String,
    /// Presenter notes; absent in older callers, which then leave them as they are.
    #[serde(default)]
    pub notes: Option<String>,
}

/// One step as the map screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    pub step: Step,
    pub kpis: Vec<Kpi>,
    pub vehicles: Vec<AttachedVehicle>,
    pub customer_count: u32,
    pub target_count: u32,
    #[specta(type = specta_typescript::Number)]
    pub arr_cents: i64,
    /// The largest customers on the step (by ARR), at most [`StepView::CHIPS`].
    pub customers: Vec<CustomerChip>,
}

impl StepView {
    pub const CHIPS: u32 = 5;
}

/// A customer as a chip on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerChip {
    pub id: CustomerId,
    pub name: String,
    #[specta(type = Option<specta_typescript::Number>)]
    pub arr_cents: Option<i64>,
    pub health: Option<i32>,
    pub target_step_id: Option<StepId>,
}

/// The move from one step to the next, with the vehicles that help customers make it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MoveView {
    pub from_step_id: StepId,
    pub to_step_id: StepId,
    pub vehicles: Vec<AttachedVehicle>,
}

/// Everything the map screen needs for one persona, in one round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MapDetail {
    pub map: SuccessMap,
    pub persona_name: String,
    pub steps: Vec<StepView>,
    /// One per pair of consecutive steps, in order.
    pub moves: Vec<MoveView>,
    /// Customers of this persona not placed on any step yet.
    pub unplaced_count: u32,
    /// Ideas and decisions noted on the map's steps and moves in workshops, oldest first.
    pub workshop_notes: Vec<WorkshopNote>,
}

/// What an exported map shows of the customers on each step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MapCustomers {
    /// Nothing: the map alone.
    None,
    /// Customers, ARR and how many aim at the step; no names (safe to hand to a room).
    Counts,
    /// The counts and the names of the largest customers on the step.
    Names,
}

/// The file formats a map is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MapFormat {
    Svg,
    Png,
    Pdf,
    /// A self-contained interactive page (offline, no other file).
    Html,
}

impl MapFormat {
    pub fn extension(self) -> &'static str {
        match self {
            MapFormat::Svg => "svg",
            MapFormat::Png => "png",
            MapFormat::Pdf => "pdf",
            MapFormat::Html => "html",
        }
    }
}

/// A landscape page size for PDF exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    A4,
    Letter,
    /// A 16:9 slide (a presentation's pages).
    Slide,
}

impl Paper {
    /// Width and height in points, landscape.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (841.89, 595.28),
            Paper::Letter => (792.0, 612.0),
            Paper::Slide => (960.0, 540.0),
        }
    }

    pub fn parse(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" | "us-letter" | "us letter" => Some(Paper::Letter),
            "slide" | "16:9" => Some(Paper::Slide),
            _ => None,
        }
    }
}

/// How a map is exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MapExportOptions {
    pub format: MapFormat,
    pub customers: MapCustomers,
    /// PDF only: the page size (landscape).
    pub paper: Paper,
    /// PNG only: 1 for a screen, 2 for a sharp print or a high-density screen.
    pub scale: u8,
    /// PDF only: the presentation as 16:9 slides, one page per reveal, instead of the map
    /// on `paper`.
    #[serde(default)]
    pub slides: bool,
    /// PDF of maps only: after each map, a page with its customers by current and
    /// target step (counts and ARR; not with `MapCustomers::None`).
    #[serde(default)]
    pub matrix: bool,
}

/// The file formats of a customer's success plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HandoutFormat {
    Html,
    Pdf,
}

impl HandoutFormat {
    pub fn extension(self) -> &'static str {
        match self {
            HandoutFormat::Html => "html",
            HandoutFormat::Pdf => "pdf",
        }
    }
}

/// How a customer's success plan is exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct HandoutOptions {
    pub format: HandoutFormat,
    /// ARR, health, owner and renewal date (left out unless chosen: the plan is for the
    /// customer).
    pub internal: bool,
    /// PDF only.
    pub paper: Paper,
}
