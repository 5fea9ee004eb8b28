//! The order in which a presentation reveals a map, like the builds of a slide deck: the
//! title (the persona and its definition of success), then each step in turn (the step,
//! its outcome and KPIs, the move to the next step with its vehicles or its gap), the
//! whole map, and the customers per step. The app's presentation and the PDF slide deck
//! ([`crate::drawing::slides`]) both follow it.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::model::MapDetail;

/// One state of a presentation. `step` counts from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Reveal {
    Title,
    Step { step: u32 },
    Outcome { step: u32 },
    Move { step: u32 },
    Overview,
    Customers,
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

/// The reveals of `map`; the customers come last when `customers` and the map has any.
pub fn sequence(map: &MapDetail, customers: bool) -> Vec<Reveal> {
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
    }
    reveals
}

/// What the app's presentation needs in one round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PresentationView {
    pub map: MapDetail,
    pub reveals: Vec<Reveal>,
}
