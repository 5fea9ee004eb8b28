use serde::{Deserialize, Serialize};
use specta::Type;

use super::{MapId, PersonaId};

/// A fictional representative of one kind of customer with a shared definition of success.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Persona {
    pub id: PersonaId,
    pub map_id: MapId,
    pub name: String,
    pub description: String,
    pub success_definition: String,
    pub goals: Vec<String>,
    /// Share of total revenue, in percent (0–100); `None` when not known yet.
    pub revenue_share: Option<f64>,
    /// `#rrggbb`.
    pub color: String,
    pub position: i32,
}

/// What a user types to create or edit a persona.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PersonaInput {
    pub name: String,
    pub description: String,
    pub success_definition: String,
    pub goals: Vec<String>,
    pub revenue_share: Option<f64>,
    /// `#rrggbb`; `None` picks the next colour of the palette.
    pub color: Option<String>,
}

impl PersonaInput {
    /// A persona with only a name; the rest can be filled in later.
    pub fn named(name: &str) -> Self {
        PersonaInput {
            name: name.to_string(),
            description: String::new(),
            success_definition: String::new(),
            goals: Vec::new(),
            revenue_share: None,
            color: None,
        }
    }
}

/// A persona with the figures the persona list shows next to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PersonaSummary {
    pub persona: Persona,
    pub step_count: u32,
    pub customer_count: u32,
    /// Sum of the persona's customers' ARR, in cents.
    #[specta(type = specta_typescript::Number)]
    pub arr_cents: i64,
}

/// What happens to a persona's customers when the persona is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum CustomersOnDelete {
    /// Refuse the delete while the persona has customers.
    Keep,
    /// Move them to another persona; they arrive unplaced on its map.
    MoveTo {
        #[serde(rename = "personaId")]
        persona_id: PersonaId,
    },
    /// Delete them (and their placement history) with the persona.
    Delete,
}
