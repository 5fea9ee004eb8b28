//! Evidence-based placement. A step's success KPIs are its exit criteria: a customer has
//! reached the step when its values of all of them reach the chosen level (in each
//! KPI's direction). Walking the map in order, the suggested current step is the last
//! step reached before the first step whose criteria are not met; steps without success
//! KPIs cannot be judged and are walked past. A customer with no step reached gets no
//! suggestion.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::{customer_kpis, customers, kpis, personas, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    CustomerId, CustomerKpiValue, Kpi, KpiDirection, KpiId, KpiKind, KpiLevel, KpiValueInput,
    PersonaId, PlacementMove, PlacementSource, PlacementSuggestion, StepId, SuggestionsView,
};
use crate::time;

/// The threshold of `level` for `kpi`.
pub fn threshold(kpi: &Kpi, level: KpiLevel) -> f64 {
    match level {
        KpiLevel::Entry => kpi.entry_level,
        KpiLevel::Good => kpi.good_level,
        KpiLevel::Best => kpi.best_level,
    }
}

/// Whether `value` reaches `level` of `kpi`, in the KPI's direction.
pub fn reached(kpi: &Kpi, level: KpiLevel, value: f64) -> bool {
    match kpi.direction {
        KpiDirection::HigherIsBetter => value >= threshold(kpi, level),
        KpiDirection::LowerIsBetter => value <= threshold(kpi, level),
    }
}

/// The map's steps in order, each with its success KPIs (its exit criteria).
pub type Criteria = Vec<(StepId, Vec<Kpi>)>;

pub fn criteria(conn: &Connection, persona: PersonaId) -> CoreResult<Criteria> {
    let map = personas::get(conn, persona)?.map_id;
    steps::list_for_map(conn, map)?
        .into_iter()
        .map(|s| {
            let success = kpis::list_for_step(conn, s.id)?
                .into_iter()
                .filter(|k| k.kind == KpiKind::Success)
                .collect();
            Ok((s.id, success))
        })
        .collect()
}

/// The step a customer's values suggest (see the module's rule), if any.
pub fn suggested_step(
    criteria: &Criteria,
    values: &HashMap<KpiId, f64>,
    level: KpiLevel,
) -> Option<StepId> {
    let mut suggested = None;
    for (step, kpis) in criteria {
        if kpis.is_empty() {
            continue;
        }
        let met = kpis
            .iter()
            .all(|k| values.get(&k.id).is_some_and(|v| reached(k, level, *v)));
        if !met {
            break;
        }
        suggested = Some(*step);
    }
    suggested
}

/// The KPIs of a customer's map (in map order) with the customer's values.
pub fn values_of(conn: &Connection, customer: CustomerId) -> CoreResult<Vec<CustomerKpiValue>> {
    let c = customers::get(conn, customer)?;
    let map = personas::get(conn, c.persona_id)?.map_id;
    let values = customer_kpis::for_customer(conn, customer)?;
    let mut out = Vec::new();
    for s in steps::list_for_map(conn, map)? {
        for kpi in kpis::list_for_step(conn, s.id)? {
            out.push(CustomerKpiValue {
                value: values.get(&kpi.id).copied(),
                kpi,
                step_title: s.title.clone(),
                step_position: s.position,
            });
        }
    }
    Ok(out)
}

/// Sets a customer's KPI values (each KPI must be on its persona's map; `None` clears).
pub fn set_values(
    conn: &Connection,
    customer: CustomerId,
    values: &[KpiValueInput],
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let c = customers::get(conn, customer)?;
    let map = personas::get(conn, c.persona_id)?.map_id;
    let at = time::to_stored(now);
    for v in values {
        let kpi = kpis::get(conn, v.kpi_id)?;
        if steps::get(conn, kpi.step_id)?.map_id != map {
            return Err(CoreError::invalid(
                "kpiId",
                format!("“{}” is not a KPI of this customer's map", kpi.name),
            ));
        }
        if v.value.is_some_and(|x| !x.is_finite()) {
            return Err(CoreError::invalid(
                "value",
                format!("the value of “{}” must be a number", kpi.name),
            ));
        }
        customer_kpis::set(conn, customer, v.kpi_id, v.value, &at)?;
    }
    Ok(())
}

/// Customers of `persona` placed elsewhere than their values suggest (all counted, the
/// first `limit` by name listed).
pub fn suggestions(
    conn: &Connection,
    persona: PersonaId,
    level: KpiLevel,
    limit: usize,
) -> CoreResult<SuggestionsView> {
    let criteria = criteria(conn, persona)?;
    let values = customer_kpis::for_persona(conn, persona)?;
    let placed: HashMap<CustomerId, (String, Option<StepId>)> =
        customers::names_and_steps_of_persona(conn, persona)?
            .into_iter()
            .map(|(id, name, step)| (id, (name, step)))
            .collect();
    let mut differing: Vec<PlacementSuggestion> = values
        .iter()
        .filter_map(|(customer, values)| {
            let suggested = suggested_step(&criteria, values, level)?;
            let (name, current) = placed.get(customer)?;
            (*current != Some(suggested)).then(|| PlacementSuggestion {
                customer_id: *customer,
                customer_name: name.clone(),
                current_step_id: *current,
                suggested_step_id: suggested,
            })
        })
        .collect();
    differing.sort_by(|a, b| {
        a.customer_name
            .to_lowercase()
            .cmp(&b.customer_name.to_lowercase())
            .then(a.customer_id.cmp(&b.customer_id))
    });
    let total = differing.len() as u32;
    differing.truncate(limit);
    let map = personas::get(conn, persona)?.map_id;
    Ok(SuggestionsView {
        persona_id: persona,
        level,
        steps: steps::list_for_map(conn, map)?,
        steps_with_criteria: criteria.iter().filter(|(_, k)| !k.is_empty()).count() as u32,
        customers_with_values: values.len() as u32,
        differing: total,
        suggestions: differing,
    })
}

/// Moves every customer of `persona` placed elsewhere than suggested to its suggested
/// step, with history source "rule". Returns how many moved.
pub fn accept(
    conn: &Connection,
    persona: PersonaId,
    level: KpiLevel,
    now: DateTime<Utc>,
) -> CoreResult<u32> {
    let all = suggestions(conn, persona, level, usize::MAX)?;
    move_to_suggested(conn, &all.suggestions, now)
}

/// Moves each listed customer to its suggested step (history source "rule"), one
/// placement edit per step; returns how many moved.
pub fn move_to_suggested(
    conn: &Connection,
    listed: &[PlacementSuggestion],
    now: DateTime<Utc>,
) -> CoreResult<u32> {
    let mut by_step: HashMap<StepId, Vec<CustomerId>> = HashMap::new();
    for s in listed {
        by_step
            .entry(s.suggested_step_id)
            .or_default()
            .push(s.customer_id);
    }
    let mut moved = 0;
    for (step, ids) in by_step {
        moved += crate::ops::customers::place(
            conn,
            &ids,
            PlacementMove::Current { step_id: step },
            PlacementSource::Rule,
            now,
        )?;
    }
    Ok(moved)
}
