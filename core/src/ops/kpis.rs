//! KPIs of a step. Rule: the three levels must be ordered along the KPI's direction
//! (higher is better: entry ≤ good ≤ best-in-class; lower is better: the reverse).

use rusqlite::Connection;

use crate::db::{kpis, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{Kpi, KpiDirection, KpiId, KpiInput, StepId};
use crate::validate;

pub fn check(input: &KpiInput) -> CoreResult<KpiInput> {
    let name = validate::name("name", "KPI name", &input.name)?;
    let unit = validate::text("unit", "Unit", &input.unit)?;
    if unit.chars().count() > 24 {
        return Err(CoreError::invalid(
            "unit",
            "a unit is limited to 24 characters",
        ));
    }
    for (field, label, v) in [
        ("entryLevel", "Entry level", input.entry_level),
        ("goodLevel", "Good level", input.good_level),
        ("bestLevel", "Best-in-class level", input.best_level),
    ] {
        if !v.is_finite() {
            return Err(CoreError::invalid(
                field,
                format!("{label} must be a number"),
            ));
        }
    }
    let (e, g, b) = (input.entry_level, input.good_level, input.best_level);
    match input.direction {
        KpiDirection::HigherIsBetter => {
            if g < e {
                return Err(CoreError::invalid(
                    "goodLevel",
                    format!("when higher is better, good ({g}) cannot be below entry level ({e})"),
                ));
            }
            if b < g {
                return Err(CoreError::invalid(
                    "bestLevel",
                    format!(
                        "when higher is better, best-in-class ({b}) cannot be below good ({g})"
                    ),
                ));
            }
        }
        KpiDirection::LowerIsBetter => {
            if g > e {
                return Err(CoreError::invalid(
                    "goodLevel",
                    format!("when lower is better, good ({g}) cannot be above entry level ({e})"),
                ));
            }
            if b > g {
                return Err(CoreError::invalid(
                    "bestLevel",
                    format!("when lower is better, best-in-class ({b}) cannot be above good ({g})"),
                ));
            }
        }
    }
    Ok(KpiInput {
        name,
        unit,
        ..input.clone()
    })
}

pub fn add(conn: &Connection, step_id: StepId, input: &KpiInput) -> CoreResult<Kpi> {
    let input = check(input)?;
    steps::get(conn, step_id)?;
    let id = kpis::insert(conn, step_id, &input)?;
    kpis::get(conn, id)
}

pub fn update(conn: &Connection, id: KpiId, input: &KpiInput) -> CoreResult<Kpi> {
    let input = check(input)?;
    kpis::update(conn, id, &input)?;
    kpis::get(conn, id)
}

pub fn delete(conn: &Connection, id: KpiId) -> CoreResult<()> {
    kpis::delete(conn, id)
}
