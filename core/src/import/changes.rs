//! What an import changes, judged before anything is written (the same in a check and
//! in the import itself): per persona, the customers it adds, updates, leaves as they
//! are and moves to another current step, and the first moves by name.

use std::collections::HashMap;

use super::names::StepRef;
use super::rows::{Resolved, Slot};
use super::write::same_fields;
use super::Engine;
use crate::db::customer_kpis;
use crate::error::CoreResult;
use crate::model::{ImportMove, PersonaChanges, StepId};

/// The most moves listed by name.
pub const MOVES_LISTED: usize = 20;

/// A step after the import: one of a map, one to create, or none.
#[derive(Debug, Clone, PartialEq)]
enum After {
    Step(StepId),
    New(String),
    Unplaced,
}

impl Engine<'_> {
    /// Counts what writing `record` (on `line`) does, under its persona. For a customer
    /// the file matches, returns whether its fields and steps stay as they are (its KPI
    /// values aside), which the writing then need not work out again.
    pub(super) fn judge(&mut self, record: &Resolved, line: u32) -> CoreResult<Option<bool>> {
        let persona = &self.names.personas[record.persona];
        let persona_id = persona.id;
        let persona_name = persona.name.clone();
        let before = record
            .external_id
            .as_ref()
            .and_then(|e| self.existing.get(e));
        let counts = self
            .changes
            .entry(record.persona)
            .or_insert_with(|| PersonaChanges {
                persona: persona_name.clone(),
                new_customers: 0,
                updated: 0,
                unchanged: 0,
                moved: 0,
            });
        let Some(before) = before else {
            counts.new_customers += 1;
            return Ok(None);
        };
        let persona_changed = persona_id != Some(before.persona_id);
        let after = |slot: &Slot<StepRef>, old: Option<StepId>| match slot {
            Some(Some(StepRef::Id(id))) => After::Step(*id),
            Some(Some(StepRef::New(key))) => After::New(key.clone()),
            Some(None) => After::Unplaced,
            None if persona_changed => After::Unplaced,
            None => old.map_or(After::Unplaced, After::Step),
        };
        let old = |id: Option<StepId>| id.map_or(After::Unplaced, After::Step);
        let current = after(&record.current, before.current_step_id);
        let target = after(&record.target, before.target_step_id);
        let moved = current != old(before.current_step_id);
        let fields_same = !persona_changed
            && !moved
            && target == old(before.target_step_id)
            && same_fields(before, record);
        let mut same = fields_same;
        if same && !record.kpis.is_empty() {
            let stored = customer_kpis::for_customer(self.conn, before.id)?;
            same = record
                .kpis
                .iter()
                .all(|(kpi, v)| stored.get(kpi) == Some(v));
        }
        let counts = self
            .changes
            .get_mut(&record.persona)
            .expect("counted above");
        if same {
            counts.unchanged += 1;
        } else {
            counts.updated += 1;
        }
        if moved {
            counts.moved += 1;
            if self.moves.len() < MOVES_LISTED {
                let title = |step: &After| -> Option<String> {
                    match step {
                        After::Step(id) => self.names.step_titles.get(id).cloned(),
                        After::New(key) => self.names.personas[record.persona]
                            .new_titles
                            .get(key)
                            .cloned(),
                        After::Unplaced => None,
                    }
                };
                let from = title(&old(before.current_step_id));
                let to = title(&current);
                self.moves.push(ImportMove {
                    line,
                    customer: record.name.clone(),
                    persona: persona_name,
                    from,
                    to,
                });
            }
        }
        Ok(Some(fields_same))
    }
}

/// The counts of all personas together: (updated, unchanged).
pub(super) fn totals(changes: &[PersonaChanges]) -> (u32, u32) {
    changes
        .iter()
        .fold((0, 0), |(u, s), c| (u + c.updated, s + c.unchanged))
}

/// Personas by name (as the wizard lists them).
pub(super) fn sorted(changes: HashMap<usize, PersonaChanges>) -> Vec<PersonaChanges> {
    let mut changes: Vec<PersonaChanges> = changes.into_values().collect();
    changes.sort_by_key(|c| c.persona.to_lowercase());
    changes
}
