//! Writing a resolved record: a new customer inserted, a matched one updated only in
//! the columns the file maps (and only when something differs), each change of step
//! recorded in the placement history (source "import"), KPI values set.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::rows::{Resolved, Slot};
use super::Engine;
use crate::db::customer_kpis;
use crate::db::customers::imported::{self, ExistingCustomer, ImportedCustomer};
use crate::db::placements::{self, PlacementChange};
use crate::error::CoreResult;
use crate::model::{KpiId, PlacementSource, StepId};

impl Engine<'_> {
    /// Writes `record`; `same`: for a matched customer, whether its fields and steps
    /// stay as they are (from [`Engine::judge`]).
    pub(super) fn write(
        &mut self,
        mut record: Resolved,
        same: Option<bool>,
        now: &str,
        at: DateTime<Utc>,
    ) -> CoreResult<()> {
        let kpis = std::mem::take(&mut record.kpis);
        let persona_id = self.ensure_persona(record.persona, at)?;
        let current_slot = self.ensure_step(record.persona, record.current.clone(), at)?;
        let target_slot = self.ensure_step(record.persona, record.target.clone(), at)?;
        // For a matched customer: its id, old and new steps, and whether nothing changes.
        // Steps belong to a persona's map: a new persona without steps in the file leaves
        // the customer unplaced on its new map.
        let existing = record
            .external_id
            .as_ref()
            .and_then(|e| self.existing.get(e))
            .map(|before| {
                let persona_changed = before.persona_id != persona_id;
                let after = |slot: Slot<StepId>, old: Option<StepId>| match slot {
                    Some(value) => value,
                    None if persona_changed => None,
                    None => old,
                };
                let current = after(current_slot, before.current_step_id);
                let target = after(target_slot, before.target_step_id);
                let same = same.unwrap_or(false);
                let old = (before.current_step_id, before.target_step_id);
                (before, old, (current, target), same)
            });
        let values = ImportedCustomer {
            external_id: record.external_id.as_deref(),
            name: &record.name,
            persona_id,
            current_step_id: current_slot,
            target_step_id: target_slot,
            arr_cents: record.arr,
            health: record.health,
            nps: record.nps,
            csat: record.csat,
            owner: record.owner.as_deref(),
            renewal_date: record.renewal,
            notes: record.notes.as_deref(),
        };
        match existing {
            None => {
                let id = imported::insert_imported(self.conn, &values, now, &mut self.deltas)?;
                let change = PlacementChange {
                    customer_id: id,
                    from_current: None,
                    to_current: current_slot.flatten(),
                    from_target: None,
                    to_target: target_slot.flatten(),
                };
                placements::record_first(self.conn, &change, now, PlacementSource::Import)?;
                write_kpis(self.conn, id, &kpis, now)?;
            }
            Some((before, _, _, true)) => {
                if write_kpis(self.conn, before.id, &kpis, now)? {
                    self.report.updated_customers += 1;
                } else {
                    self.report.unchanged_customers += 1;
                }
            }
            Some((before, (old_current, old_target), (current, target), false)) => {
                let id = before.id;
                if let Some(held) = self.search.as_mut() {
                    if imported::text_hash(values.name) != before.name {
                        held.before_change(self.conn, id.0)?;
                    }
                }
                let values = ImportedCustomer {
                    current_step_id: Some(current),
                    target_step_id: Some(target),
                    ..values
                };
                let changed =
                    imported::update_imported(self.conn, before, &values, now, &mut self.deltas)?;
                if write_kpis(self.conn, id, &kpis, now)? || changed {
                    self.report.updated_customers += 1;
                } else {
                    self.report.unchanged_customers += 1;
                }
                let change = PlacementChange {
                    customer_id: id,
                    from_current: old_current,
                    to_current: current,
                    from_target: old_target,
                    to_target: target,
                };
                placements::record(self.conn, &change, now, PlacementSource::Import)?;
            }
        }
        Ok(())
    }
}

/// Writes a row's KPI values onto customer `id`; returns whether any changed.
fn write_kpis(
    conn: &Connection,
    id: crate::model::CustomerId,
    kpis: &[(KpiId, f64)],
    now: &str,
) -> CoreResult<bool> {
    let mut changed = false;
    for &(kpi, value) in kpis {
        changed |= customer_kpis::set(conn, id, kpi, Some(value), now)?;
    }
    Ok(changed)
}

/// True when writing `record` would change none of `before`'s own fields (only mapped
/// columns count; persona, steps and KPI values are judged apart).
pub(super) fn same_fields(before: &ExistingCustomer, record: &Resolved) -> bool {
    fn same<T: PartialEq>(slot: &Option<T>, stored: &T) -> bool {
        slot.as_ref().is_none_or(|v| v == stored)
    }
    let text = |slot: &Option<String>, stored: u64| {
        slot.as_deref()
            .is_none_or(|v| imported::text_hash(v) == stored)
    };
    imported::text_hash(&record.name) == before.name
        && same(&record.arr, &before.arr_cents)
        && same(&record.health, &before.health)
        && same(&record.nps, &before.nps)
        && same(&record.csat, &before.csat)
        && text(&record.owner, before.owner)
        && text(&record.notes, before.notes)
        && record.renewal.is_none_or(|d| {
            imported::text_hash(&d.map(crate::time::date_to_stored).unwrap_or_default())
                == before.renewal_date
        })
}
