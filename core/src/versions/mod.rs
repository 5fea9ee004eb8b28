//! Versions of a success map: what the map was at a moment (its content, never its
//! customers), saved by the user with a name or by Successmap before an operation that
//! changes many steps; compared with each other or with the map as it is; restored as
//! one undoable edit that moves nobody silently.
//!
//! The content is stored as JSON in the format of [`Stored`] (docs/map-format.md), which
//! map templates share.

mod diff;
pub mod template;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::db::{
    attachments, customer_kpis, customers, kpis, map_versions, maps, steps, vehicles,
    workshop_notes,
};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    AttachmentTarget, ContentKpi, ContentStep, ContentVehicle, KpiId, KpiInput, MapContent, MapId,
    MapVersion, MapVersionId, PlacementMove, PlacementSource, RemovedStep, RestoreChoice,
    RestoreMove, RestorePreview, StepId, VehicleId, VehicleInput,
};
use crate::{ops, time, validate};

pub use diff::{diff, line};

/// The version of the stored content format.
pub const FORMAT: u32 = 1;

/// A version's content as stored: the format's version, then the map.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    format: u32,
    #[serde(flatten)]
    content: MapContent,
}

/// The map `map_id` as it is now.
pub fn content_of(conn: &Connection, map_id: MapId) -> CoreResult<MapContent> {
    let steps = steps::list_for_map(conn, map_id)?;
    let attached = attachments::list_for_map(conn, map_id)?;
    let mut on_step: HashMap<StepId, Vec<String>> = HashMap::new();
    let mut on_move: HashMap<StepId, Vec<String>> = HashMap::new();
    let mut vehicles: Vec<ContentVehicle> = Vec::new();
    let mut seen: HashSet<VehicleId> = HashSet::new();
    for (attachment, attached) in &attached {
        let v = &attached.vehicle;
        let (step, to) = attachments::target_columns(attachment.target);
        let list = if to.is_some() {
            on_move.entry(step)
        } else {
            on_step.entry(step)
        };
        list.or_default().push(v.name.clone());
        if seen.insert(v.id) {
            vehicles.push(ContentVehicle {
                id: Some(v.id),
                kind: v.kind,
                custom_kind: v.custom_kind.clone(),
                name: v.name.clone(),
                description: v.description.clone(),
                owner: v.owner.clone(),
                link: v.link.clone(),
                effort: v.effort.clone(),
            });
        }
    }
    vehicles.sort_by_key(|v| v.name.to_lowercase());
    let mut out = Vec::with_capacity(steps.len());
    for step in steps {
        let kpis = kpis::list_for_step(conn, step.id)?
            .into_iter()
            .map(|k| ContentKpi {
                id: Some(k.id),
                name: k.name,
                unit: k.unit,
                direction: k.direction,
                kind: k.kind,
                entry_level: k.entry_level,
                good_level: k.good_level,
                best_level: k.best_level,
            })
            .collect();
        let mut vehicles_here = on_step.remove(&step.id).unwrap_or_default();
        let mut vehicles_on_move = on_move.remove(&step.id).unwrap_or_default();
        vehicles_here.sort_by_key(|n| n.to_lowercase());
        vehicles_on_move.sort_by_key(|n| n.to_lowercase());
        out.push(ContentStep {
            id: Some(step.id),
            title: step.title,
            outcome: step.outcome,
            notes: step.notes,
            kpis,
            vehicles: vehicles_here,
            move_vehicles: vehicles_on_move,
        });
    }
    Ok(MapContent {
        steps: out,
        vehicles,
    })
}

/// The content of a saved version.
pub fn content(conn: &Connection, id: MapVersionId) -> CoreResult<MapContent> {
    let json = map_versions::content(conn, id)?;
    let stored: Stored = serde_json::from_str(&json)
        .map_err(|e| CoreError::Corrupt(format!("map version {id} cannot be read: {e}")))?;
    if stored.format > FORMAT {
        return Err(CoreError::Conflict(format!(
            "this version was saved by a newer Successmap (format {}); update Successmap to read it",
            stored.format
        )));
    }
    Ok(stored.content)
}

/// Saves the map as it is now as a version named `name`.
pub fn save(
    conn: &Connection,
    map_id: MapId,
    name: &str,
    note: &str,
    now: DateTime<Utc>,
) -> CoreResult<MapVersion> {
    let name = validate::name("name", "Version name", name)?;
    let note = validate::text("note", "Note", note)?;
    maps::get(conn, map_id)?;
    if map_versions::find_by_name(conn, map_id, &name)?.is_some() {
        return Err(CoreError::Conflict(format!(
            "this map already has a version named \"{name}\"; choose another name"
        )));
    }
    store(conn, map_id, &name, &note, false, now)
}

/// Saves the map as it is now, before `what` changes it, under a name made from `what`
/// (numbered when the name is taken). When the newest version already holds the map as
/// it is, that one is returned instead of a copy.
pub fn save_automatic(
    conn: &Connection,
    map_id: MapId,
    what: &str,
    now: DateTime<Utc>,
) -> CoreResult<MapVersion> {
    if let Some(newest) = map_versions::list_for_map(conn, map_id)?.into_iter().next() {
        if content(conn, newest.id)? == content_of(conn, map_id)? {
            return Ok(newest);
        }
    }
    let base = format!("Before {what}");
    let mut name = base.clone();
    let mut n = 2;
    while map_versions::find_by_name(conn, map_id, &name)?.is_some() {
        name = format!("{base} ({n})");
        n += 1;
    }
    store(conn, map_id, &name, "", true, now)
}

fn store(
    conn: &Connection,
    map_id: MapId,
    name: &str,
    note: &str,
    automatic: bool,
    now: DateTime<Utc>,
) -> CoreResult<MapVersion> {
    let stored = Stored {
        format: FORMAT,
        content: content_of(conn, map_id)?,
    };
    let json = serde_json::to_string(&stored)
        .map_err(|e| CoreError::Fault(format!("a map version could not be written: {e}")))?;
    let id = map_versions::insert(
        conn,
        map_id,
        name,
        note,
        automatic,
        &time::to_stored(now),
        &json,
    )?;
    map_versions::get(conn, id)
}

/// The version `id`, refused when it is not one of `map_id`'s.
pub fn of_map(conn: &Connection, map_id: MapId, id: MapVersionId) -> CoreResult<MapVersion> {
    let version = map_versions::get(conn, id)?;
    if version.map_id != map_id {
        return Err(CoreError::not_found(MapVersionId::ENTITY, id.0));
    }
    Ok(version)
}

/// The version of `map_id` named `name`.
pub fn by_name(conn: &Connection, map_id: MapId, name: &str) -> CoreResult<MapVersion> {
    map_versions::find_by_name(conn, map_id, name.trim())?.ok_or_else(|| {
        let known: Vec<String> = map_versions::list_for_map(conn, map_id)
            .map(|list| {
                list.into_iter()
                    .map(|v| format!("\"{}\"", v.name))
                    .collect()
            })
            .unwrap_or_default();
        CoreError::invalid(
            "version",
            if known.is_empty() {
                format!(
                    "this map has no version named \"{}\" (it has none yet)",
                    name.trim()
                )
            } else {
                format!(
                    "this map has no version named \"{}\"; its versions are {}",
                    name.trim(),
                    known.join(", ")
                )
            },
        )
    })
}

/// What restoring version `id` of `map_id` would do.
pub fn restore_preview(
    conn: &Connection,
    map_id: MapId,
    id: MapVersionId,
) -> CoreResult<RestorePreview> {
    let version = of_map(conn, map_id, id)?;
    let target = content(conn, id)?;
    let kept: HashSet<StepId> = target.steps.iter().filter_map(|s| s.id).collect();
    let kept_kpis: HashSet<KpiId> = target
        .steps
        .iter()
        .flat_map(|s| s.kpis.iter().filter_map(|k| k.id))
        .collect();
    let mut removed = Vec::new();
    let mut lost_kpis = Vec::new();
    let mut notes_lost = 0;
    for step in steps::list_for_map(conn, map_id)? {
        let step_kpis = kpis::list_for_step(conn, step.id)?;
        if kept.contains(&step.id) {
            lost_kpis.extend(
                step_kpis
                    .iter()
                    .map(|k| k.id)
                    .filter(|k| !kept_kpis.contains(k)),
            );
            continue;
        }
        lost_kpis.extend(step_kpis.iter().map(|k| k.id));
        notes_lost += workshop_notes::count_on_step(conn, step.id)?;
        let (on, aiming) = customers::count_on_step(conn, step.id)?;
        removed.push(RemovedStep {
            step_id: step.id,
            title: step.title,
            on_count: on,
            aiming_count: aiming,
        });
    }
    Ok(RestorePreview {
        version,
        removed,
        steps: target
            .steps
            .iter()
            .filter_map(|s| {
                s.id.map(|step_id| RestoreChoice {
                    step_id,
                    title: s.title.clone(),
                })
            })
            .collect(),
        kpi_values_lost: customer_kpis::count_for_kpis(conn, &lost_kpis)?,
        notes_lost,
    })
}

/// Restores version `id` of `map_id`: the map's steps, outcomes, notes, KPIs and
/// vehicles become the version's. Customers on (or aiming at) a step the version does
/// not have are moved as `moves` says, to a step of the version; a step with customers
/// and no move refuses the whole restore. An automatic version of the map as it was is
/// saved first. Run inside one edit: undo puts everything back.
pub fn restore(
    conn: &Connection,
    map_id: MapId,
    id: MapVersionId,
    moves: &[RestoreMove],
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let preview = restore_preview(conn, map_id, id)?;
    let target = content(conn, id)?;
    let destination: HashMap<StepId, StepId> = moves
        .iter()
        .map(|m| (m.from_step_id, m.to_step_id))
        .collect();
    let in_version: HashSet<StepId> = preview.steps.iter().map(|s| s.step_id).collect();
    for removed in &preview.removed {
        if removed.on_count + removed.aiming_count == 0 {
            continue;
        }
        match destination.get(&removed.step_id) {
            None => {
                return Err(CoreError::Conflict(format!(
                    "the version does not have the step \"{}\", which {} customer(s) stand on \
                     or aim at; choose a step of the version to move them to first",
                    removed.title,
                    removed.on_count + removed.aiming_count
                )))
            }
            Some(to) if !in_version.contains(to) => {
                return Err(CoreError::invalid(
                    "moves",
                    format!(
                        "the customers of \"{}\" must go to a step of the version",
                        removed.title
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    save_automatic(
        conn,
        map_id,
        &format!("restoring “{}”", preview.version.name),
        now,
    )?;
    apply(conn, map_id, &target, now, |old, new_ids| {
        // Customers of the steps that go: to the step of the version they were given.
        let Some(to) = destination.get(&old).and_then(|to| new_ids.get(to)) else {
            return Ok(());
        };
        let (on, aiming) = customers::ids_on_step(conn, old)?;
        if !on.is_empty() {
            ops::customers::place(
                conn,
                &on,
                PlacementMove::Current { step_id: *to },
                PlacementSource::Bulk,
                now,
            )?;
        }
        if !aiming.is_empty() {
            ops::customers::place(
                conn,
                &aiming,
                PlacementMove::Target { step_id: Some(*to) },
                PlacementSource::Bulk,
                now,
            )?;
        }
        Ok(())
    })
}

/// Makes map `map_id` hold `target`: steps of the map that `target` names by id are
/// updated in place (their customers stay), the others of `target` are created (under
/// their old ids when free), and the map's steps that `target` does not name are
/// deleted after `before_delete(step, ids)` has moved their customers (`ids`: the step
/// ids of `target`, old → stored). KPIs follow the same rule within each step;
/// attachments are replaced; a vehicle that no longer exists is created again.
pub(crate) fn apply(
    conn: &Connection,
    map_id: MapId,
    target: &MapContent,
    now: DateTime<Utc>,
    mut before_delete: impl FnMut(StepId, &HashMap<StepId, StepId>) -> CoreResult<()>,
) -> CoreResult<()> {
    maps::get(conn, map_id)?;
    let current = steps::list_for_map(conn, map_id)?;
    let current_ids: HashSet<StepId> = current.iter().map(|s| s.id).collect();
    // Titles are unique per map: park every current title first so that steps can swap
    // names.
    for step in &current {
        steps::update_text(conn, step.id, &format!("\u{1}{}", step.id), &step.outcome)?;
    }
    let mut ids: HashMap<StepId, StepId> = HashMap::new();
    let mut stored = Vec::with_capacity(target.steps.len());
    for (position, step) in target.steps.iter().enumerate() {
        let position = position as i32;
        let title = validate::name("title", "Step title", &step.title)?;
        let outcome = validate::text("outcome", "Outcome", &step.outcome)?;
        let notes = validate::text("notes", "Notes", &step.notes)?;
        let id = match step.id.filter(|id| current_ids.contains(id)) {
            Some(id) => {
                steps::update_text(conn, id, &title, &outcome)?;
                steps::set_position(conn, id, position)?;
                id
            }
            None => steps::insert_keeping_id(conn, step.id, map_id, position, &title, &outcome)?,
        };
        steps::set_notes(conn, id, &notes)?;
        if let Some(old) = step.id {
            ids.insert(old, id);
        }
        apply_kpis(conn, id, &step.kpis)?;
        stored.push(id);
    }
    let kept: HashSet<StepId> = stored.iter().copied().collect();
    let gone: Vec<StepId> = current
        .iter()
        .map(|s| s.id)
        .filter(|id| !kept.contains(id))
        .collect();
    // Attachments: the target's, on the stored steps.
    for (attachment, _) in attachments::list_for_map(conn, map_id)? {
        attachments::delete(conn, attachment.id)?;
    }
    let vehicle_ids = vehicles_for(conn, target)?;
    let vehicle = |name: &String| {
        vehicle_ids
            .get(&name.to_lowercase())
            .copied()
            .ok_or_else(|| {
                CoreError::invalid(
                    "vehicles",
                    format!("the vehicle \"{name}\" is not described"),
                )
            })
    };
    for (index, step) in target.steps.iter().enumerate() {
        let here = stored[index];
        for name in &step.vehicles {
            attach_once(
                conn,
                vehicle(name)?,
                AttachmentTarget::Step { step_id: here },
            )?;
        }
        if let Some(next) = stored.get(index + 1) {
            for name in &step.move_vehicles {
                let target = AttachmentTarget::Move {
                    from_step_id: here,
                    to_step_id: *next,
                };
                attach_once(conn, vehicle(name)?, target)?;
            }
        }
    }
    for step in gone {
        before_delete(step, &ids)?;
        let (on, aiming) = customers::count_on_step(conn, step)?;
        if on + aiming > 0 {
            return Err(CoreError::Conflict(format!(
                "{} customer(s) still stand on or aim at a step the map loses; move them first",
                on + aiming
            )));
        }
        steps::delete(conn, step)?;
    }
    maps::touch(conn, map_id, &time::to_stored(now))?;
    Ok(())
}

fn attach_once(conn: &Connection, vehicle: VehicleId, target: AttachmentTarget) -> CoreResult<()> {
    match attachments::insert(conn, vehicle, target) {
        Ok(_) => Ok(()),
        // Named twice in the content: once is enough.
        Err(CoreError::Conflict(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// The step's KPIs become `wanted`, in its order (matched by id; new ones created).
fn apply_kpis(conn: &Connection, step: StepId, wanted: &[ContentKpi]) -> CoreResult<()> {
    let existing = kpis::list_for_step(conn, step)?;
    let wanted_ids: HashSet<KpiId> = wanted.iter().filter_map(|k| k.id).collect();
    for kpi in &existing {
        if !wanted_ids.contains(&kpi.id) {
            kpis::delete(conn, kpi.id)?;
        }
    }
    let here: HashSet<KpiId> = existing.iter().map(|k| k.id).collect();
    for (position, kpi) in wanted.iter().enumerate() {
        let input = ops::kpis::check(&KpiInput::from(kpi))?;
        match kpi.id.filter(|id| here.contains(id)) {
            Some(id) => {
                kpis::update(conn, id, &input)?;
                kpis::set_position(conn, id, position as i32)?;
            }
            None => {
                kpis::insert_keeping_id(conn, kpi.id, step, position as i32, &input)?;
            }
        }
    }
    Ok(())
}

/// The workspace's vehicle for each vehicle the content names (lower-cased name → id):
/// the one with the content's id when it still has that name, else the one with that
/// name, else a new one made from the content's description.
fn vehicles_for(conn: &Connection, target: &MapContent) -> CoreResult<HashMap<String, VehicleId>> {
    let mut out = HashMap::new();
    for v in &target.vehicles {
        let by_id = match v.id {
            Some(id) => vehicles::get(conn, id)
                .ok()
                .filter(|found| found.name.to_lowercase() == v.name.to_lowercase()),
            None => None,
        };
        let found = match by_id {
            Some(found) => Some(found),
            None => vehicles::find_by_name(conn, &v.name)?,
        };
        let id = match found {
            Some(found) => found.id,
            None => {
                ops::vehicles::create(
                    conn,
                    &VehicleInput {
                        kind: v.kind,
                        custom_kind: v.custom_kind.clone(),
                        name: v.name.clone(),
                        description: v.description.clone(),
                        owner: v.owner.clone(),
                        link: v.link.clone(),
                        effort: v.effort.clone(),
                    },
                )?
                .id
            }
        };
        out.insert(v.name.to_lowercase(), id);
    }
    Ok(out)
}
