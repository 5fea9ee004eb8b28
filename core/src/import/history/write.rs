//! A customer's stage history joined to what the workspace holds.
//!
//! Each entry becomes a placement entry (source "import") at its own date, from the step
//! before it (the row's previous stage, else the entry before) to its step; an entry
//! the history already holds (same moment, same steps) is not written twice, and an
//! entry that changes nothing is skipped. The customer import recorded a customer's
//! first sighting as "placed on X" (from no step) at the time of that import; once the
//! history tells where the customer was before, that sighting is corrected: it is
//! removed when the history already brought the customer onto X, else it now starts from
//! the step the history left it on. Later edits in the app stay as they are.

use chrono::{DateTime, SubsecRound, Utc};
use rusqlite::Connection;

use super::Entry;
use crate::db::placements::{self, PlacementChange};
use crate::error::CoreResult;
use crate::model::{CustomerId, PlacementSource};
use crate::time;

#[derive(Debug, Default)]
pub(super) struct Counts {
    pub(super) new: u32,
    pub(super) known: u32,
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
    let mut previous = None;
    // The steps the history puts the customer on, with when.
    let mut chain = Vec::with_capacity(entries.len());
    for entry in entries {
        let at = entry.at.trunc_subsecs(3);
        let from = entry.from.or(previous);
        previous = Some(entry.to);
        chain.push((at, entry.to));
        if from == Some(entry.to) {
            continue;
        }
        let known = existing.iter().any(|p| {
            p.at == at && p.to_current_step_id == Some(entry.to) && p.from_current_step_id == from
        });
        if known {
            counts.known += 1;
            continue;
        }
        counts.new += 1;
        if now.is_some() {
            let change = PlacementChange {
                customer_id,
                from_current: from,
                to_current: Some(entry.to),
                from_target: None,
                to_target: None,
            };
            placements::record(conn, &change, &time::to_stored(at), PlacementSource::Import)?;
        }
    }
    if now.is_none() {
        return Ok(counts);
    }
    let sighting = existing.iter().find(|p| {
        p.from_current_step_id.is_none()
            && p.to_current_step_id.is_some()
            && matches!(p.source, PlacementSource::Import | PlacementSource::Created)
    });
    let Some(sighting) = sighting else {
        return Ok(counts);
    };
    // Where the history had the customer just before the sighting.
    let Some(&(_, before)) = chain.iter().rev().find(|(at, _)| *at < sighting.at) else {
        return Ok(counts);
    };
    let target_changed = sighting.from_target_step_id != sighting.to_target_step_id;
    if sighting.to_current_step_id == Some(before) && !target_changed {
        placements::delete(conn, sighting.id)?;
    } else {
        placements::set_from_current(conn, sighting.id, Some(before))?;
    }
    Ok(counts)
}
