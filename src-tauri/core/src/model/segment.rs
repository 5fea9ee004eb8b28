use serde::{Deserialize, Serialize};
use specta::Type;

use super::{CellRef, HealthBand, PersonaId, SegmentId, Step, StepId};

/// Bands of a customer's NPS (−100…100), for filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NpsBand {
    /// NPS below 0.
    Negative,
    /// NPS 0–29.
    Neutral,
    /// NPS 30 and above.
    Positive,
    /// No NPS.
    Unknown,
}

impl NpsBand {
    /// Inclusive NPS range of the band (`None` for unknown).
    pub fn range(self) -> Option<(i32, i32)> {
        match self {
            NpsBand::Negative => Some((-100, -1)),
            NpsBand::Neutral => Some((0, 29)),
            NpsBand::Positive => Some((30, 100)),
            NpsBand::Unknown => None,
        }
    }
}

/// Filters over a segment view; every field narrows, `None` does not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SegmentFilter {
    pub persona_id: Option<PersonaId>,
    /// Exact owner; empty string: customers without an owner.
    pub owner: Option<String>,
    #[specta(type = Option<specta_typescript::Number>)]
    pub min_arr_cents: Option<i64>,
    #[specta(type = Option<specta_typescript::Number>)]
    pub max_arr_cents: Option<i64>,
    pub health_band: Option<HealthBand>,
    pub nps_band: Option<NpsBand>,
    /// Renewal date from today up to this many days ahead.
    pub renewal_within_days: Option<u32>,
}

/// One cell of a current × target matrix: customers standing on `current` (none: not
/// placed) and aiming at `target` (none: no target).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MatrixCell {
    pub current_step_id: Option<StepId>,
    pub target_step_id: Option<StepId>,
    pub customers: u32,
    #[specta(type = specta_typescript::Number)]
    pub arr_cents: i64,
    /// The target lies before the current step.
    pub regression: bool,
}

/// The current × target matrix of one persona's map (non-empty cells only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PersonaMatrix {
    pub persona_id: PersonaId,
    pub persona_name: String,
    pub steps: Vec<Step>,
    pub cells: Vec<MatrixCell>,
    pub customers: u32,
    #[specta(type = specta_typescript::Number)]
    pub arr_cents: i64,
}

/// What the user saves as a segment: a filter, and one matrix cell or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedSegmentInput {
    pub name: String,
    pub filter: SegmentFilter,
    /// A cell of the filter persona's matrix; needs `filter.persona_id`.
    pub cell: Option<CellRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedSegment {
    pub id: SegmentId,
    pub name: String,
    pub filter: SegmentFilter,
    pub cell: Option<CellRef>,
}

/// A saved segment with its size now and the names its filter and cell refer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SegmentSummary {
    pub segment: SavedSegment,
    pub customers: u32,
    #[specta(type = specta_typescript::Number)]
    pub arr_cents: i64,
    /// The persona the filter names ("All personas" when none).
    pub persona_name: String,
    /// The cell as "current → target" step titles, when the segment has a cell.
    pub cell_label: Option<String>,
    /// Why the segment no longer matches what was saved (its persona or a step of its
    /// cell was deleted); it then counts no customers.
    pub problem: Option<String>,
}
