use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::{CustomerId, PersonaId, PlacementId, StepId};

/// A real customer account, placed on its persona's map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: CustomerId,
    /// The id in the CRM the customer came from; unique when present.
    pub external_id: Option<String>,
    pub name: String,
    pub persona_id: PersonaId,
    pub current_step_id: Option<StepId>,
    pub target_step_id: Option<StepId>,
    /// Annual recurring revenue in cents.
    #[specta(type = Option<specta_typescript::Number>)]
    pub arr_cents: Option<i64>,
    /// 0–100.
    pub health: Option<i32>,
    /// −100…100.
    pub nps: Option<i32>,
    /// Percent of satisfied answers, 0–100.
    pub csat: Option<f64>,
    pub owner: String,
    pub renewal_date: Option<NaiveDate>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerInput {
    pub external_id: Option<String>,
    pub name: String,
    pub persona_id: PersonaId,
    pub current_step_id: Option<StepId>,
    pub target_step_id: Option<StepId>,
    #[specta(type = Option<specta_typescript::Number>)]
    pub arr_cents: Option<i64>,
    pub health: Option<i32>,
    pub nps: Option<i32>,
    pub csat: Option<f64>,
    pub owner: String,
    pub renewal_date: Option<NaiveDate>,
    pub notes: String,
}

impl CustomerInput {
    pub fn named(name: &str, persona_id: PersonaId) -> Self {
        CustomerInput {
            external_id: None,
            name: name.to_string(),
            persona_id,
            current_step_id: None,
            target_step_id: None,
            arr_cents: None,
            health: None,
            nps: None,
            csat: None,
            owner: String::new(),
            renewal_date: None,
            notes: String::new(),
        }
    }
}

/// Why a placement changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PlacementSource {
    /// The customer was created with this placement.
    Created,
    Drag,
    Edit,
    Bulk,
    Import,
    /// Accepted from an evidence-based suggestion.
    Rule,
    /// Written by the demo workspace builder.
    Demo,
}

impl PlacementSource {
    pub fn as_str(self) -> &'static str {
        match self {
            PlacementSource::Created => "created",
            PlacementSource::Drag => "drag",
            PlacementSource::Edit => "edit",
            PlacementSource::Bulk => "bulk",
            PlacementSource::Import => "import",
            PlacementSource::Rule => "rule",
            PlacementSource::Demo => "demo",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "created" => PlacementSource::Created,
            "drag" => PlacementSource::Drag,
            "edit" => PlacementSource::Edit,
            "bulk" => PlacementSource::Bulk,
            "import" => PlacementSource::Import,
            "rule" => PlacementSource::Rule,
            "demo" => PlacementSource::Demo,
            _ => return None,
        })
    }
}

/// One change of a customer's current and/or target step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    pub id: PlacementId,
    pub customer_id: CustomerId,
    pub from_current_step_id: Option<StepId>,
    pub to_current_step_id: Option<StepId>,
    pub from_target_step_id: Option<StepId>,
    pub to_target_step_id: Option<StepId>,
    pub at: DateTime<Utc>,
    pub source: PlacementSource,
}

/// A page of the customer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<CustomerRow>,
}

/// A customer with the names the list shows instead of ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRow {
    pub customer: Customer,
    pub persona_name: String,
    pub current_step_title: Option<String>,
    pub target_step_title: Option<String>,
    /// Positions on the map (0-based), to show a target before the current step as a regression.
    pub current_step_position: Option<i32>,
    pub target_step_position: Option<i32>,
}

impl CustomerRow {
    /// The target step lies before the current one.
    pub fn is_regression(&self) -> bool {
        matches!((self.current_step_position, self.target_step_position), (Some(c), Some(t)) if t < c)
    }
}

/// One entry of a customer's placement history, with step titles (`None`: no step,
/// or a step deleted since).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlacementEntry {
    pub id: PlacementId,
    pub at: DateTime<Utc>,
    pub source: PlacementSource,
    pub current_changed: bool,
    pub target_changed: bool,
    pub from_current: Option<String>,
    pub to_current: Option<String>,
    pub from_target: Option<String>,
    pub to_target: Option<String>,
}

/// A customer with its names and its placement history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerDetail {
    pub row: CustomerRow,
    pub placements: Vec<PlacementEntry>,
}

/// Which placement a move of many customers changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PlacementMove {
    /// A new current step.
    Current { step_id: StepId },
    /// A new target step, or none.
    Target { step_id: Option<StepId> },
}

/// Health bands used to filter the customer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HealthBand {
    /// Health 0–39.
    AtRisk,
    /// Health 40–69.
    Watch,
    /// Health 70–100.
    Healthy,
    /// No health score.
    Unknown,
}

impl HealthBand {
    /// Inclusive health range of the band (`None` for unknown).
    pub fn range(self) -> Option<(i32, i32)> {
        match self {
            HealthBand::AtRisk => Some((0, 39)),
            HealthBand::Watch => Some((40, 69)),
            HealthBand::Healthy => Some((70, 100)),
            HealthBand::Unknown => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    Name,
    Arr,
    Health,
    RenewalDate,
    Persona,
    CurrentStep,
}

/// Which customers to list or export, and in which order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerQuery {
    /// Part of the name or external id (case-insensitive); empty: all.
    pub search: String,
    pub persona_id: Option<PersonaId>,
    pub current_step_id: Option<StepId>,
    /// Exact owner; empty string: customers without an owner.
    pub owner: Option<String>,
    pub health_band: Option<HealthBand>,
    #[specta(type = Option<specta_typescript::Number>)]
    pub min_arr_cents: Option<i64>,
    #[specta(type = Option<specta_typescript::Number>)]
    pub max_arr_cents: Option<i64>,
    pub nps_band: Option<crate::model::NpsBand>,
    /// Renewal date from today up to this many days ahead.
    pub renewal_within_days: Option<u32>,
    /// On their current step since more than this many days.
    pub stalled_days: Option<u32>,
    /// Exactly this cell of the current × target matrix ("not placed" and "no target"
    /// included), for a segment's list.
    pub cell: Option<CellRef>,
    /// Only the customers of this quadrant of success vs satisfaction.
    pub quadrant: Option<crate::model::QuadrantRef>,
    pub sort: CustomerSort,
    pub descending: bool,
}

/// A cell of the current × target matrix; `None` steps mean "not placed" / "no target".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CellRef {
    pub current_step_id: Option<StepId>,
    pub target_step_id: Option<StepId>,
}

impl CustomerQuery {
    /// The customers of a segment: those `filter` keeps, in `cell` when given, so a
    /// segment's list holds exactly the customers its matrix cell counts.
    pub fn segment(filter: &crate::model::SegmentFilter, cell: Option<CellRef>) -> Self {
        CustomerQuery {
            persona_id: filter.persona_id,
            owner: filter.owner.clone(),
            health_band: filter.health_band,
            min_arr_cents: filter.min_arr_cents,
            max_arr_cents: filter.max_arr_cents,
            nps_band: filter.nps_band,
            renewal_within_days: filter.renewal_within_days,
            stalled_days: filter.stalled_days,
            cell,
            ..CustomerQuery::default()
        }
    }

    /// The segment filter part of the query (what the matrix counts by).
    pub fn segment_filter(&self) -> crate::model::SegmentFilter {
        crate::model::SegmentFilter {
            persona_id: self.persona_id,
            owner: self.owner.clone(),
            min_arr_cents: self.min_arr_cents,
            max_arr_cents: self.max_arr_cents,
            health_band: self.health_band,
            nps_band: self.nps_band,
            renewal_within_days: self.renewal_within_days,
            stalled_days: self.stalled_days,
        }
    }
}

impl Default for CustomerQuery {
    fn default() -> Self {
        CustomerQuery {
            search: String::new(),
            persona_id: None,
            current_step_id: None,
            owner: None,
            health_band: None,
            min_arr_cents: None,
            max_arr_cents: None,
            nps_band: None,
            renewal_within_days: None,
            stalled_days: None,
            cell: None,
            quadrant: None,
            sort: CustomerSort::Name,
            descending: false,
        }
    }
}
