//! The order in which a presentation reveals a map, like the builds of a slide deck: the
//! title (the persona and its definition of success), then each step in turn (the step,
//! its outcome and KPIs, the move to the next step with its vehicles or its gap), the
//! whole map, the customers per step, where they stand against where they aim (the
//! current × target matrix), and how successful against how satisfied they are (the
//! quadrants). The app's presentation and the PDF slide deck
//! ([`crate::drawing::slides`]) both follow it.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::model::{MapDetail, PersonaMatrix, SatisfactionView};

/// One state of a presentation. `step` counts from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Reveal {
    Title,
    Step {
        step: u32,
    },
    Outcome {
        step: u32,
    },
    Move {
        step: u32,
    },
    Overview,
    Customers,
    /// Customers by current and target step: counts and ARR, never names.
    Matrix,
    /// Customers by success (progress along the map) and satisfaction (NPS): counts
    /// and ARR per quadrant.
    Quadrants,
}

impl Reveal {
    /// The step the reveal is about, if any.
    pub fn step(self) -> Option<usize> {
        match self {
            Reveal::Step { step } | Reveal::Outcome { step } | Reveal::Move { step } => {
                Some(step as usize)
            }
            _ => None,
        }
    }
}

/// The reveals of `map`; the customers come last when `customers` and the map has any,
/// then the matrix when some of them aim at a step, then the quadrants when `scored`
/// (some have an NPS score).
pub fn sequence(map: &MapDetail, customers: bool, scored: bool) -> Vec<Reveal> {
    let mut reveals = vec![Reveal::Title];
    let n = map.steps.len() as u32;
    for step in 0..n {
        reveals.push(Reveal::Step { step });
        reveals.push(Reveal::Outcome { step });
        if step + 1 < n {
            reveals.push(Reveal::Move { step });
        }
    }
    if n > 0 {
        reveals.push(Reveal::Overview);
    }
    let placed = map
        .steps
        .iter()
        .any(|s| s.customer_count > 0 || s.target_count > 0);
    if customers && placed {
        reveals.push(Reveal::Customers);
        if map.steps.iter().any(|s| s.target_count > 0) {
            reveals.push(Reveal::Matrix);
        }
        if scored {
            reveals.push(Reveal::Quadrants);
        }
    }
    reveals
}

/// What the presenter view, the slide deck and screen readers call a reveal.
pub fn label(map: &MapDetail, reveal: Reveal) -> String {
    let title = |i: usize| map.steps.get(i).map_or("", |s| s.step.title.as_str());
    match reveal {
        Reveal::Title => format!("Title: {}", map.persona_name),
        Reveal::Step { step } => format!("Step {}: {}", step + 1, title(step as usize)),
        Reveal::Outcome { step } => format!("Step {}: outcome and KPIs", step + 1),
        Reveal::Move { step } => {
            let gap = map
                .moves
                .get(step as usize)
                .is_some_and(|m| m.vehicles.is_empty());
            format!(
                "Move to step {}: {}{}",
                step + 2,
                title(step as usize + 1),
                if gap { " (gap: no vehicle)" } else { "" }
            )
        }
        Reveal::Overview => "The whole map".to_string(),
        Reveal::Customers => "Customers per step".to_string(),
        Reveal::Matrix => "Where customers stand and where they aim".to_string(),
        Reveal::Quadrants => "Success and satisfaction".to_string(),
    }
}

/// What the app's presentation needs in one round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PresentationView {
    pub map: MapDetail,
    pub reveals: Vec<Reveal>,
    /// [`label`] of each reveal.
    pub labels: Vec<String>,
    /// The persona's current × target matrix, for [`Reveal::Matrix`].
    pub matrix: Option<PersonaMatrix>,
    /// The persona's customers by progress along the map and NPS, for
    /// [`Reveal::Quadrants`].
    pub satisfaction: Option<SatisfactionView>,
}

/// Whether a satisfaction view has customers to show (some have a score).
pub fn scored(view: Option<&SatisfactionView>) -> bool {
    view.is_some_and(|v| !v.points.is_empty())
}
