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
    /// Stalled: on their current step since more than this many days (counted from the
    /// day they entered it, per their placement history).
    pub stalled_days: Option<u32>,
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
    pub quadrant: Option<QuadrantRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedSegment {
    pub id: SegmentId,
    pub name: String,
    pub filter: SegmentFilter,
    pub cell: Option<CellRef>,
    pub quadrant: Option<QuadrantRef>,
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
    /// The quadrant in words ("Satisfied, not successful (NPS, along the map)").
    pub quadrant_label: Option<String>,
    /// Why the segment no longer matches what was saved (its persona or a step of its
    /// cell was deleted); it then counts no customers.
    pub problem: Option<String>,
}

/// What "progress" means on the x axis of success vs satisfaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ProgressBasis {
    /// Current step's place along the whole map: step n of N is n / N, not placed is 0.
    /// Successful from halfway on.
    Map,
    /// Current step relative to the customer's target: successful once the target is
    /// reached. Customers without a target are left out.
    Target,
}

/// The satisfaction score on the y axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SatisfactionMeasure {
    /// NPS, −100…100; satisfied from 30.
    Nps,
    /// CSAT, 0…100; satisfied from 80.
    Csat,
}

/// Share of a map from which a customer counts as successful (step n of N with
/// n ≥ N × this): halfway. The counting in Rust and the quadrant lists in SQL both use it.
pub const SUCCESSFUL_ALONG_MAP: f64 = 0.5;

impl ProgressBasis {
    /// Progress (0…1) from which a customer counts as successful.
    pub fn successful_from(self) -> f64 {
        match self {
            ProgressBasis::Map => SUCCESSFUL_ALONG_MAP,
            ProgressBasis::Target => 1.0,
        }
    }

    /// The rule in words, as the chart states it.
    pub fn rule(self) -> String {
        match self {
            ProgressBasis::Map if SUCCESSFUL_ALONG_MAP == 0.5 => {
                "successful from halfway along the map".to_string()
            }
            ProgressBasis::Map => format!(
                "successful from {}% of the way along the map",
                (SUCCESSFUL_ALONG_MAP * 100.0).round()
            ),
            ProgressBasis::Target => {
                "successful once at the target step (customers without a target are left out)"
                    .to_string()
            }
        }
    }
}

/// Whether step `position` (0-based) of a map of `len` steps is far enough along it.
pub fn past_successful_share(position: i32, len: i32) -> bool {
    f64::from(position + 1) >= SUCCESSFUL_ALONG_MAP * f64::from(len)
}

impl SatisfactionMeasure {
    /// The lowest score counted as satisfied.
    pub fn satisfied_from(self) -> f64 {
        match self {
            SatisfactionMeasure::Nps => 30.0,
            SatisfactionMeasure::Csat => 80.0,
        }
    }

    /// The scale of the score: NPS −100…100, CSAT 0…100 (the same ranges a customer's
    /// values are checked against).
    pub fn range(self) -> (f64, f64) {
        match self {
            SatisfactionMeasure::Nps => crate::validate::NPS_RANGE,
            SatisfactionMeasure::Csat => crate::validate::CSAT_RANGE,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SatisfactionMeasure::Nps => "NPS",
            SatisfactionMeasure::Csat => "CSAT",
        }
    }

    /// The rule in words, as the chart states it.
    pub fn rule(self) -> String {
        format!("satisfied from {} {}", self.label(), self.satisfied_from())
    }

    pub fn column(self) -> &'static str {
        match self {
            SatisfactionMeasure::Nps => "nps",
            SatisfactionMeasure::Csat => "csat",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    SuccessfulSatisfied,
    SuccessfulNotSatisfied,
    SatisfiedNotSuccessful,
    Neither,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::SuccessfulSatisfied,
        Quadrant::SuccessfulNotSatisfied,
        Quadrant::SatisfiedNotSuccessful,
        Quadrant::Neither,
    ];

    pub fn of(successful: bool, satisfied: bool) -> Quadrant {
        match (successful, satisfied) {
            (true, true) => Quadrant::SuccessfulSatisfied,
            (true, false) => Quadrant::SuccessfulNotSatisfied,
            (false, true) => Quadrant::SatisfiedNotSuccessful,
            (false, false) => Quadrant::Neither,
        }
    }

    /// The quadrant in words, as the app, the slides and saved segments name it.
    pub fn name(self) -> &'static str {
        match self {
            Quadrant::SuccessfulSatisfied => "Successful and satisfied",
            Quadrant::SuccessfulNotSatisfied => "Successful, not satisfied",
            Quadrant::SatisfiedNotSuccessful => "Satisfied, not successful",
            Quadrant::Neither => "Neither successful nor satisfied",
        }
    }

    /// The stored name of the quadrant (as serialised).
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::SuccessfulSatisfied => "successful_satisfied",
            Quadrant::SuccessfulNotSatisfied => "successful_not_satisfied",
            Quadrant::SatisfiedNotSuccessful => "satisfied_not_successful",
            Quadrant::Neither => "neither",
        }
    }

    /// Every quadrant's name by its stored name, for the UI (a constant of the bindings).
    pub fn names() -> std::collections::BTreeMap<&'static str, &'static str> {
        Self::ALL.iter().map(|q| (q.as_str(), q.name())).collect()
    }

    pub fn successful(self) -> bool {
        matches!(
            self,
            Quadrant::SuccessfulSatisfied | Quadrant::SuccessfulNotSatisfied
        )
    }

    pub fn satisfied(self) -> bool {
        matches!(
            self,
            Quadrant::SuccessfulSatisfied | Quadrant::SatisfiedNotSuccessful
        )
    }
}

/// One quadrant of success vs satisfaction, as a segment of customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct QuadrantRef {
    pub basis: ProgressBasis,
    pub measure: SatisfactionMeasure,
    pub quadrant: Quadrant,
}

impl QuadrantRef {
    /// The quadrant in words: "Satisfied, not successful (NPS; progress along the map)".
    pub fn label(self) -> String {
        let basis = match self.basis {
            ProgressBasis::Map => "progress along the map",
            ProgressBasis::Target => "progress to the target",
        };
        format!(
            "{} ({}; {basis})",
            self.quadrant.name(),
            self.measure.label()
        )
    }
}

/// Customers sharing one point of the scatter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SatisfactionPoint {
    /// 0…1.
    #[specta(type = specta_typescript::Number)]
    pub progress: f64,
    #[specta(type = specta_typescript::Number)]
    pub score: f64,
    pub customers: u32,
    #[specta(type = specta_typescript::Number)]
    pub arr_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct QuadrantFigure {
    pub quadrant: Quadrant,
    /// [`Quadrant::name`].
    pub label: String,
    /// The quadrant as a segment names it, with the view's measure and basis
    /// ([`QuadrantRef::label`]).
    pub segment_label: String,
    pub customers: u32,
    #[specta(type = specta_typescript::Number)]
    pub arr_cents: i64,
}

/// Success vs satisfaction for the customers a filter keeps, aggregated: one point per
/// (progress, score) pair, and the four quadrants' counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SatisfactionView {
    pub basis: ProgressBasis,
    pub measure: SatisfactionMeasure,
    pub points: Vec<SatisfactionPoint>,
    /// In `Quadrant::ALL` order.
    pub quadrants: Vec<QuadrantFigure>,
    /// Progress from which a customer counts as successful.
    #[specta(type = specta_typescript::Number)]
    pub successful_from: f64,
    #[specta(type = specta_typescript::Number)]
    pub satisfied_from: f64,
    /// The scale of the measure (the y axis).
    #[specta(type = specta_typescript::Number)]
    pub score_min: f64,
    #[specta(type = specta_typescript::Number)]
    pub score_max: f64,
    /// The rules in words: "successful from halfway along the map", "satisfied from NPS 30".
    pub successful_rule: String,
    pub satisfied_rule: String,
    /// Customers left out: no score of the chosen measure.
    pub without_score: u32,
    /// Customers left out: no target (when progress is relative to the target).
    pub without_target: u32,
}

/// How customers moved through one step of a map, from their placement history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StepProgress {
    pub step_id: StepId,
    /// Median days customers spent on the step before moving on to another step
    /// (completed stays only); `None` when nobody has moved on yet.
    #[specta(type = Option<specta_typescript::Number>)]
    pub median_days: Option<f64>,
    /// Completed stays the median is taken over.
    pub moved_on: u32,
    /// Within the period: moves from this step to a later one.
    pub forward: u32,
    /// Within the period: moves from this step to an earlier one.
    pub backward: u32,
    /// On this step when the period began and not moved within it.
    pub stayed: u32,
    /// On this step now, since more than the stalled threshold.
    pub stalled: u32,
}

/// The period the Progression view and `segment progression` look at unless told
/// otherwise: this many days up to today.
pub const PROGRESSION_PERIOD_DAYS: u32 = 90;

/// Days on the current step after which a customer counts as stalled unless told
/// otherwise.
pub const STALLED_DAYS: u32 = 60;

/// Progression of a persona's customers (those a filter keeps) along its map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProgressionView {
    pub persona_id: PersonaId,
    pub steps: Vec<Step>,
    /// One per step, in map order.
    pub rows: Vec<StepProgress>,
    pub period_from: chrono::NaiveDate,
    pub period_to: chrono::NaiveDate,
    pub stalled_days: u32,
    /// Customers stalled on any step.
    pub stalled: u32,
}
