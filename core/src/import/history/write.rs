//! A customer's stage history joined to what the workspace holds.
//!
//! The workspace's history must stay true to it: it ends on the step the customer is on.
//! So an entry is taken only up to the customer's latest stored entry (a change the CRM
//! saw later is left out and counted: a customer import brings the current step up to
//! date first); each one becomes a placement entry (source "import") at its own date,
//! from the step before it (the row's previous stage, else the entry before, else what
//! the stored history says at that moment) to its step. An entry the history already
//! holds (same moment, same step) is not written twice; when only the step it came
//! from differs (a stage mapped since), that is corrected in place. An entry that
//! changes nothing is skipped.
//!
//! The customer import recorded a customer's first sighting as "placed on X" (from no
//! step) at the time of that import; once the history tells where the customer was
//! before, that sighting is corrected: removed when the history brought the customer
//! onto X already, else it now starts from the step the history left it on. Entries made
//! in the app (added by hand, dragged, edited) are never changed.

use chrono::{DateTime, SubsecRound, Utc};
use rusqlite::Connection;

use super::Entry;
use crate::db::placements::{self, PlacementChange};
use crate::error::CoreResult;
use crate::model::{CustomerId, Placement, PlacementSource, StepId};
use crate::time;

#[derive(Debug, Default)]
pub(super) struct Counts {
    pub(super) new: u32,
    pub(super) known: u32,
    /// Stored entries corrected (their previous step set, or a first sighting removed).
    pub(super) corrected: u32,
    /// Entries later than the customer's latest stored one.
    pub(super) later: u32,
}

/// The step the stored history has the customer on just before `at`.
fn stored_step_before(existing: &[Placement], at: DateTime<Utc>) -> Option<StepId> {
    existing
        .iter()
        .rev()
        .find(|p| p.at < at && p.from_current_step_id != p.to_current_step_id)
        .and_then(|p| p.to_current_step_id)
}

/// Counts (and with `now`, writes) the history `entries` of one customer, in time order.
pub(super) fn customer_history(
    conn: &Connection,
    customer_id: CustomerId,
    entries: &[Entry],
    now: Option<DateTime<Utc>>,
) -> CoreResult<Counts> {
    let existing = placements::list_for_customer(conn, customer_id)?;
    let mut counts = Counts::default();
    let Some(latest) = existing.iter().map(|p| p.at).max() else {
        // A customer never placed: a history would say it is on a step it is not on.
        counts.later = entries.len() as u32;
        return Ok(counts);
    };
    let mut previous = None;
    // Stored entries that are this history's own (from an earlier import of it).
    let mut own = Vec::new();
    // The steps the history puts the customer on, with when.
    let mut chain: Vec<(DateTime<Utc>, StepId)> = Vec::with_capacity(entries.len());
    for entry in entries {
        let at = entry.at.trunc_subsecs(3);
        if at > latest {
            counts.later += 1;
            continue;
        }
        let from = entry
            .from
            .or(previous)
            .or_else(|| stored_step_before(&existing, at));
        previous = Some(entry.to);
        chain.push((at, entry.to));
        if from == Some(entry.to) {
            continue;
        }
        let stored = existing
            .iter()
            .find(|p| p.at == at && p.to_current_step_id == Some(entry.to));
        own.extend(stored.map(|p| p.id));
        match stored {
            Some(p) if p.from_current_step_id == from => counts.known += 1,
            Some(p) => {
                counts.known += 1;
                counts.corrected += 1;
                if now.is_some() {
                    placements::set_from_current(conn, p.id, from)?;
                }
            }
            None => {
                counts.new += 1;
                if now.is_some() {
                    let change = PlacementChange {
                        customer_id,
                        from_current: from,
                        to_current: Some(entry.to),
                        from_target: None,
                        to_target: None,
                    };
                    placements::record(
                        conn,
                        &change,
                        &time::to_stored(at),
                        PlacementSource::Import,
                    )?;
                }
            }
        }
    }
    let sighting = existing.iter().find(|p| {
        !own.contains(&p.id)
            && p.from_current_step_id.is_none()
            && p.to_current_step_id.is_some()
            && p.source == PlacementSource::Import
    });
    let Some(sighting) = sighting else {
        return Ok(counts);
    };
    // Where the history had the customer just before the sighting.
    let Some(&(_, before)) = chain.iter().rev().find(|(at, _)| *at < sighting.at) else {
        return Ok(counts);
    };
    counts.corrected += 1;
    if now.is_none() {
        return Ok(counts);
    }
    let target_changed = sighting.from_target_step_id != sighting.to_target_step_id;
    if sighting.to_current_step_id == Some(before) && !target_changed {
        placements::delete(conn, sighting.id)?;
    } else {
        placements::set_from_current(conn, sighting.id, Some(before))?;
    }
    Ok(counts)
}
