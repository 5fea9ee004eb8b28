//! Evidence-based placement: customers' KPI values, and the step they suggest.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{CustomerId, Kpi, KpiId, PersonaId, Step, StepId};

/// Which of a KPI's three levels counts as "reached".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum KpiLevel {
    Entry,
    Good,
    Best,
}

/// A value to set on a customer (`None` clears it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct KpiValueInput {
    pub kpi_id: KpiId,
    pub value: Option<f64>,
}

/// A KPI of the customer's map with the customer's value of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerKpiValue {
    pub kpi: Kpi,
    pub step_title: String,
    pub step_position: i32,
    #[specta(type = Option<specta_typescript::Number>)]
    pub value: Option<f64>,
}

/// A customer whose placed step differs from the one its KPI values suggest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlacementSuggestion {
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub current_step_id: Option<StepId>,
    pub suggested_step_id: StepId,
}

/// The suggestions for one persona at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionsView {
    pub persona_id: PersonaId,
    pub level: KpiLevel,
    pub steps: Vec<Step>,
    /// Steps with success KPIs (the others cannot be judged from values).
    pub steps_with_criteria: u32,
    /// Customers with at least one KPI value.
    pub customers_with_values: u32,
    /// Customers placed elsewhere than suggested (all of them, not only those listed).
    pub differing: u32,
    /// The first of them, by name.
    pub suggestions: Vec<PlacementSuggestion>,
}
