//! What changed from one map to another: steps matched by id (a version's steps keep the
//! workspace's ids), KPIs by id within their step, vehicles by name on each step and move.

use std::collections::{HashMap, HashSet};

use crate::model::{ChangeKind, ContentKpi, ContentStep, MapChange, MapContent, StepId};

/// The changes from `from` to `to`, step by step in `to`'s order, removed steps first.
pub fn diff(from: &MapContent, to: &MapContent) -> Vec<MapChange> {
    let mut out = Vec::new();
    let old_by_id: HashMap<StepId, (usize, &ContentStep)> = from
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.id.map(|id| (id, (i, s))))
        .collect();
    let new_ids: HashSet<StepId> = to.steps.iter().filter_map(|s| s.id).collect();

    for step in &from.steps {
        if step.id.is_none_or(|id| !new_ids.contains(&id)) {
            out.push(change(
                ChangeKind::StepRemoved,
                step,
                None,
                false,
                None,
                None,
            ));
        }
    }
    // Order among the steps both maps have: a step whose rank there changed has moved.
    let common_old: Vec<StepId> = from
        .steps
        .iter()
        .filter_map(|s| s.id)
        .filter(|id| new_ids.contains(id))
        .collect();
    let common_new: Vec<StepId> = to
        .steps
        .iter()
        .filter_map(|s| s.id)
        .filter(|id| old_by_id.contains_key(id))
        .collect();
    let moved = moved_steps(&common_old, &common_new);

    for (index, step) in to.steps.iter().enumerate() {
        let Some((old_index, old)) = step.id.and_then(|id| old_by_id.get(&id).copied()) else {
            out.push(change(
                ChangeKind::StepAdded,
                step,
                None,
                false,
                None,
                Some(format!("{}", index + 1)),
            ));
            continue;
        };
        if old.title != step.title {
            out.push(change(
                ChangeKind::StepRenamed,
                step,
                None,
                false,
                Some(old.title.clone()),
                Some(step.title.clone()),
            ));
        }
        if step.id.is_some_and(|id| moved.contains(&id)) {
            out.push(change(
                ChangeKind::StepMoved,
                step,
                None,
                false,
                Some(format!("{}", old_index + 1)),
                Some(format!("{}", index + 1)),
            ));
        }
        if old.outcome != step.outcome {
            out.push(change(
                ChangeKind::OutcomeChanged,
                step,
                None,
                false,
                Some(old.outcome.clone()),
                Some(step.outcome.clone()),
            ));
        }
        if old.notes != step.notes {
            out.push(change(
                ChangeKind::NotesChanged,
                step,
                None,
                false,
                Some(old.notes.clone()),
                Some(step.notes.clone()),
            ));
        }
        kpi_changes(old, step, &mut out);
        vehicle_changes(&old.vehicles, &step.vehicles, step, false, &mut out);
        vehicle_changes(
            &old.move_vehicles,
            &step.move_vehicles,
            step,
            true,
            &mut out,
        );
    }
    out
}

/// Steps that are not on the longest run both orders share (the fewest moves that turn
/// one order into the other).
fn moved_steps(old: &[StepId], new: &[StepId]) -> HashSet<StepId> {
    let rank: HashMap<StepId, usize> = old.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let ranks: Vec<usize> = new.iter().map(|id| rank[id]).collect();
    // Longest increasing subsequence of the old ranks in the new order (n is small).
    let n = ranks.len();
    let mut best = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if ranks[j] < ranks[i] && best[j] + 1 > best[i] {
                best[i] = best[j] + 1;
                prev[i] = j;
            }
        }
    }
    let mut stay = HashSet::new();
    if let Some(mut at) = (0..n).max_by_key(|i| (best[*i], usize::MAX - i)) {
        loop {
            stay.insert(new[at]);
            if prev[at] == usize::MAX {
                break;
            }
            at = prev[at];
        }
    }
    new.iter()
        .filter(|id| !stay.contains(id))
        .copied()
        .collect()
}

fn kpi_changes(old: &ContentStep, new: &ContentStep, out: &mut Vec<MapChange>) {
    let old_by_id: HashMap<_, &ContentKpi> = old
        .kpis
        .iter()
        .filter_map(|k| k.id.map(|id| (id, k)))
        .collect();
    let new_ids: HashSet<_> = new.kpis.iter().filter_map(|k| k.id).collect();
    for kpi in &old.kpis {
        if kpi.id.is_none_or(|id| !new_ids.contains(&id)) {
            out.push(change(
                ChangeKind::KpiRemoved,
                new,
                Some(kpi.name.clone()),
                false,
                Some(levels(kpi)),
                None,
            ));
        }
    }
    for kpi in &new.kpis {
        let Some(was) = kpi.id.and_then(|id| old_by_id.get(&id)) else {
            out.push(change(
                ChangeKind::KpiAdded,
                new,
                Some(kpi.name.clone()),
                false,
                None,
                Some(levels(kpi)),
            ));
            continue;
        };
        let fields: [(&str, String, String); 7] = [
            ("name", was.name.clone(), kpi.name.clone()),
            ("unit", was.unit.clone(), kpi.unit.clone()),
            (
                "direction",
                was.direction.as_str().replace('_', " "),
                kpi.direction.as_str().replace('_', " "),
            ),
            ("kind", was.kind.as_str().into(), kpi.kind.as_str().into()),
            (
                "entry level",
                number(was.entry_level),
                number(kpi.entry_level),
            ),
            ("good level", number(was.good_level), number(kpi.good_level)),
            (
                "best-in-class level",
                number(was.best_level),
                number(kpi.best_level),
            ),
        ];
        for (field, before, after) in fields {
            if before != after {
                out.push(change(
                    ChangeKind::KpiChanged,
                    new,
                    Some(format!("{} · {field}", kpi.name)),
                    false,
                    Some(before),
                    Some(after),
                ));
            }
        }
    }
}

fn vehicle_changes(
    old: &[String],
    new: &[String],
    step: &ContentStep,
    on_move: bool,
    out: &mut Vec<MapChange>,
) {
    let lower =
        |list: &[String]| -> HashSet<String> { list.iter().map(|n| n.to_lowercase()).collect() };
    let (was, is) = (lower(old), lower(new));
    for name in old {
        if !is.contains(&name.to_lowercase()) {
            out.push(change(
                ChangeKind::VehicleDetached,
                step,
                Some(name.clone()),
                on_move,
                None,
                None,
            ));
        }
    }
    for name in new {
        if !was.contains(&name.to_lowercase()) {
            out.push(change(
                ChangeKind::VehicleAttached,
                step,
                Some(name.clone()),
                on_move,
                None,
                None,
            ));
        }
    }
}

fn levels(kpi: &ContentKpi) -> String {
    format!(
        "entry {}, good {}, best-in-class {}{}",
        number(kpi.entry_level),
        number(kpi.good_level),
        number(kpi.best_level),
        if kpi.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", kpi.unit)
        }
    )
}

/// A level as people write it: no trailing ".0".
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

fn change(
    kind: ChangeKind,
    step: &ContentStep,
    subject: Option<String>,
    on_move: bool,
    old: Option<String>,
    new: Option<String>,
) -> MapChange {
    let mut c = MapChange {
        kind,
        step_id: step.id,
        step: step.title.clone(),
        subject,
        on_move,
        old,
        new,
        text: String::new(),
    };
    c.text = line(&c);
    c
}

/// The change in one line, as the CLI prints it and the app lists it.
pub fn line(c: &MapChange) -> String {
    let q = |s: &str| format!("“{s}”");
    fn opt(s: &Option<String>) -> &str {
        s.as_deref().unwrap_or("")
    }
    let shown = |s: &Option<String>| {
        let s = opt(s);
        if s.is_empty() {
            "(empty)".to_string()
        } else {
            q(s)
        }
    };
    let subject = opt(&c.subject);
    let place = if c.on_move {
        format!("the move after {}", q(&c.step))
    } else {
        q(&c.step)
    };
    match c.kind {
        ChangeKind::StepAdded => format!("+ step {} added at position {}", q(&c.step), opt(&c.new)),
        ChangeKind::StepRemoved => format!("- step {} removed", q(&c.step)),
        ChangeKind::StepRenamed => {
            format!("~ step {} renamed to {}", q(opt(&c.old)), q(opt(&c.new)))
        }
        ChangeKind::StepMoved => format!(
            "~ step {} moved from position {} to {}",
            q(&c.step),
            opt(&c.old),
            opt(&c.new)
        ),
        ChangeKind::OutcomeChanged => format!(
            "~ outcome of {}: {} → {}",
            q(&c.step),
            shown(&c.old),
            shown(&c.new)
        ),
        ChangeKind::NotesChanged => format!(
            "~ presenter notes of {}: {} → {}",
            q(&c.step),
            shown(&c.old),
            shown(&c.new)
        ),
        ChangeKind::KpiAdded => format!(
            "+ KPI {} added to {} ({})",
            q(subject),
            q(&c.step),
            opt(&c.new)
        ),
        ChangeKind::KpiRemoved => format!(
            "- KPI {} removed from {} (was {})",
            q(subject),
            q(&c.step),
            opt(&c.old)
        ),
        ChangeKind::KpiChanged => format!(
            "~ KPI {} on {}: {} → {}",
            subject,
            q(&c.step),
            shown(&c.old),
            shown(&c.new)
        ),
        ChangeKind::VehicleAttached => format!("+ vehicle {} attached to {place}", q(subject)),
        ChangeKind::VehicleDetached => format!("- vehicle {} detached from {place}", q(subject)),
    }
}
