//! The map screen's read model: a persona's steps with KPIs, attached vehicles and
//! customer figures, and the moves between consecutive steps, in one query set.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::db::{attachments, customers, kpis, maps, personas, steps, workshop_notes};
use crate::error::CoreResult;
use crate::model::{
    AttachedVehicle, AttachmentTarget, MapDetail, MoveView, PersonaId, StepId, StepView,
};

pub fn detail(conn: &Connection, persona_id: PersonaId) -> CoreResult<MapDetail> {
    let persona = personas::get(conn, persona_id)?;
    let map = maps::get(conn, persona.map_id)?;
    let steps = steps::list_for_map(conn, map.id)?;
    let figures: HashMap<StepId, (u32, u32, i64)> = customers::step_figures(conn, map.id)?
        .into_iter()
        .map(|(id, on, aiming, arr)| (id, (on, aiming, arr)))
        .collect();
    let mut on_step: HashMap<StepId, Vec<AttachedVehicle>> = HashMap::new();
    let mut on_move: HashMap<(StepId, StepId), Vec<AttachedVehicle>> = HashMap::new();
    for (attachment, attached) in attachments::list_for_map(conn, map.id)? {
        match attachment.target {
            AttachmentTarget::Step { step_id } => {
                on_step.entry(step_id).or_default().push(attached)
            }
            AttachmentTarget::Move {
                from_step_id,
                to_step_id,
            } => on_move
                .entry((from_step_id, to_step_id))
                .or_default()
                .push(attached),
        }
    }
    let moves = steps
        .windows(2)
        .map(|pair| MoveView {
            from_step_id: pair[0].id,
            to_step_id: pair[1].id,
            vehicles: on_move
                .remove(&(pair[0].id, pair[1].id))
                .unwrap_or_default(),
        })
        .collect();
    let step_views = steps
        .into_iter()
        .map(|step| {
            let (customer_count, target_count, arr_cents) =
                figures.get(&step.id).copied().unwrap_or_default();
            Ok(StepView {
                kpis: kpis::list_for_step(conn, step.id)?,
                vehicles: on_step.remove(&step.id).unwrap_or_default(),
                customer_count,
                target_count,
                arr_cents,
                customers: customers::chips_on_step(conn, step.id, StepView::CHIPS)?,
                step,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(MapDetail {
        persona_name: persona.name,
        unplaced_count: customers::count_unplaced(conn, persona_id)?,
        workshop_notes: workshop_notes::list_for_map(conn, map.id)?,
        map,
        steps: step_views,
        moves,
    })
}
