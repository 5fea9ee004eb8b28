//! `customer_kpi_value`: customers' measured values of their map's KPIs.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::error::CoreResult;
use crate::model::{CustomerId, KpiId, PersonaId};

/// Sets (or, with `None`, clears) a customer's value of a KPI; returns whether the
/// stored value changed.
pub fn set(
    conn: &Connection,
    customer: CustomerId,
    kpi: KpiId,
    value: Option<f64>,
    now: &str,
) -> CoreResult<bool> {
    let changed = match value {
        Some(v) => conn.execute(
            "INSERT INTO customer_kpi_value (customer_id, kpi_id, value, updated_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (customer_id, kpi_id) DO UPDATE
                SET value = excluded.value, updated_at = excluded.updated_at
              WHERE value IS NOT excluded.value",
            params![customer, kpi, v, now],
        )?,
        None => conn.execute(
            "DELETE FROM customer_kpi_value WHERE customer_id = ?1 AND kpi_id = ?2",
            params![customer, kpi],
        )?,
    };
    Ok(changed > 0)
}

/// A customer's KPI values.
pub fn for_customer(conn: &Connection, customer: CustomerId) -> CoreResult<HashMap<KpiId, f64>> {
    let mut stmt =
        conn.prepare_cached("SELECT kpi_id, value FROM customer_kpi_value WHERE customer_id = ?1")?;
    let rows = stmt.query_map([customer], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every KPI value of a persona's customers, by customer.
pub fn for_persona(
    conn: &Connection,
    persona: PersonaId,
) -> CoreResult<HashMap<CustomerId, HashMap<KpiId, f64>>> {
    let mut stmt = conn.prepare(
        "SELECT v.customer_id, v.kpi_id, v.value
           FROM customer_kpi_value v JOIN customer c ON c.id = v.customer_id
          WHERE c.persona_id = ?1",
    )?;
    let mut rows = stmt.query([persona])?;
    let mut out: HashMap<CustomerId, HashMap<KpiId, f64>> = HashMap::new();
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?)
            .or_default()
            .insert(r.get(1)?, r.get(2)?);
    }
    Ok(out)
}

/// How many values customers have recorded on the KPIs `kpis`.
pub fn count_for_kpis(conn: &Connection, kpis: &[KpiId]) -> CoreResult<u32> {
    let mut stmt =
        conn.prepare_cached("SELECT count(*) FROM customer_kpi_value WHERE kpi_id = ?1")?;
    let mut total = 0;
    for kpi in kpis {
        total += stmt.query_row([kpi], |r| r.get::<_, u32>(0))?;
    }
    Ok(total)
}
