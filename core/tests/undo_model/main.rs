#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Undo and redo against a model: random sequences of every kind of user edit (through
//! `edits`, as the app makes them), undos and redos, compared after each operation with
//! the workspaces the model went through. A snapshot is every row of every table of the
//! file. An edit that is recorded pushes a snapshot and drops what could be redone; a
//! refused edit, or one that records nothing, leaves the workspace as it was; undo goes
//! back one snapshot and redo forward one, exactly; with nothing to undo or redo, they
//! change nothing. The undo buttons' labels follow the model.
#[path = "../common/mod.rs"]
mod common;
mod rows;
mod user_ops;

use rows::*;
use user_ops::*;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Duration, Utc};
use common::now;
use proptest::prelude::*;
use rusqlite::types::ValueRef;
use successmap_core::edits::{self, ImportWrite, UndoState};
use successmap_core::import::{Control, Table};
use successmap_core::model::{
    AttachmentId, AttachmentTarget, CellRef, CustomerId, CustomerInput, CustomersOnDelete,
    ImportOptions, KpiDirection, KpiId, KpiInput, KpiKind, KpiLevel, KpiValueInput, MapId,
    PersonaId, PersonaInput, PlacementMove, PlacementSource, ProgressBasis, Quadrant, QuadrantRef,
    SatisfactionMeasure, SavedSegmentInput, SegmentFilter, SegmentId, StepId, StepInput, VehicleId,
    VehicleInput, VehicleKind,
};
use successmap_core::{ops, reads, CoreResult, Workspace};

// The model ------------------------------------------------------------------------------

/// The workspace after each recorded edit, the edits' labels, and where undo stands.
struct Model {
    snapshots: Vec<Snapshot>,
    labels: Vec<String>,
    at: usize,
}

impl Model {
    fn state(&self) -> UndoState {
        UndoState {
            undo_label: self.at.checked_sub(1).map(|i| self.labels[i].clone()),
            redo_label: self.labels.get(self.at).cloned(),
            notice: None,
        }
    }

    fn record(&mut self, label: String, snapshot: Snapshot) {
        self.snapshots.truncate(self.at + 1);
        self.labels.truncate(self.at);
        self.snapshots.push(snapshot);
        self.labels.push(label);
        self.at += 1;
    }
}

/// Bytes of change sets the undo stacks hold. With the undo state they tell whether an
/// edit was recorded: a recorded edit drops what could be redone, or adds its bytes.
fn undo_bytes(ws: &Workspace) -> usize {
    ws.write("reading the undo history", |db| Ok(db.undo_bytes()))
        .unwrap()
}

/// Two personas with three steps each and success KPIs on the first two, a vehicle on a
/// move, three placed customers with KPI values and a saved segment, written without
/// recording (the undo history starts empty).
fn seeded() -> Workspace {
    let ws = Workspace::in_memory().unwrap();
    ws.write("seeding", |db| {
        db.write(|tx| {
            let (mut personas, mut steps, mut kpis) = (Vec::new(), Vec::new(), Vec::new());
            for name in ["Ops lead", "Architect"] {
                let p = ops::personas::create(tx, &PersonaInput::named(name), now())?;
                for (k, title) in ["Onboard", "Adopt", "Expand"].into_iter().enumerate() {
                    let step =
                        ops::steps::add(tx, p.map_id, &step_input(title, ""), None, now())?.id;
                    if let Some(name) = ["Usage", "Seats"].get(k) {
                        let input = KpiInput {
                            name: name.to_string(),
                            unit: "%".into(),
                            direction: KpiDirection::HigherIsBetter,
                            kind: KpiKind::Success,
                            entry_level: 50.0,
                            good_level: 100.0,
                            best_level: 150.0,
                        };
                        kpis.push(ops::kpis::add(tx, step, &input)?.id);
                    }
                    steps.push(step);
                }
                personas.push(p.id);
            }
            let v = ops::vehicles::create(tx, &vehicle_input(0, 0, 0))?;
            let on_move = AttachmentTarget::Move {
                from_step_id: steps[0],
                to_step_id: steps[1],
            };
            ops::vehicles::attach(tx, v.id, on_move)?;
            for (name, p, current, target, values) in [
                ("Acme", 0, 0, Some(steps[2]), [120.0, 60.0]),
                ("Globex", 0, 1, None, [40.0, 200.0]),
                ("Initech", 1, 3, None, [160.0, 160.0]),
            ] {
                let input = CustomerInput {
                    current_step_id: Some(steps[current]),
                    target_step_id: target,
                    ..CustomerInput::named(name, personas[p])
                };
                let c = ops::customers::create(tx, &input, PlacementSource::Created, now())?;
                let values: Vec<_> = kpis[p * 2..p * 2 + 2]
                    .iter()
                    .zip(values)
                    .map(|(&kpi_id, value)| KpiValueInput {
                        kpi_id,
                        value: Some(value),
                    })
                    .collect();
                ops::evidence::set_values(tx, c.id, &values, now())?;
            }
            let big = SavedSegmentInput {
                name: "Big".into(),
                filter: SegmentFilter {
                    persona_id: Some(personas[0]),
                    min_arr_cents: Some(100_000),
                    ..SegmentFilter::default()
                },
                cell: None,
                quadrant: None,
            };
            ops::segments::save(tx, &big, now())?;
            Ok(())
        })
    })
    .unwrap();
    ws
}

fn check(ws: &Workspace, model: &Model, after: &str) -> Result<(), TestCaseError> {
    let found = snapshot(ws);
    let expected = &model.snapshots[model.at];
    prop_assert!(
        &found == expected,
        "after {after}: the workspace is not the expected one:{}",
        difference(expected, &found)
    );
    prop_assert_eq!(ws.undo_state().unwrap(), model.state(), "after {}", after);
    Ok(())
}

/// Runs `ops`, checking the workspace against the model after each; then undoes every
/// recorded edit and redoes them all, checking after each step.
fn play(ops: &[Op]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let ws = seeded();
    let mut model = Model {
        snapshots: vec![snapshot(&ws)],
        labels: Vec::new(),
        at: 0,
    };
    check(&ws, &model, "seeding")?;
    for (n, op) in ops.iter().enumerate() {
        let after = format!("op {n} {op:?}");
        let fail = |what: &str, e| TestCaseError::fail(format!("{after}: {what} failed: {e}"));
        let (state_before, bytes_before) = (ws.undo_state().unwrap(), undo_bytes(&ws));
        // Several operations share a time, so that some edits change nothing at all.
        let at = now() + Duration::seconds(n as i64 / 4);
        match run(&ws, dir.path(), op, at) {
            None => {}
            Some(Done::Edit(label, outcome)) => {
                let recorded =
                    ws.undo_state().unwrap() != state_before || undo_bytes(&ws) != bytes_before;
                prop_assert!(
                    outcome.is_ok() || !recorded,
                    "{}: a refused edit was recorded",
                    after
                );
                // Otherwise, refused or without a change: the workspace stays as it was.
                if recorded {
                    model.record(label, snapshot(&ws));
                }
            }
            Some(Done::Undo(step)) => {
                let step = step.map_err(|e| fail("undo", e))?;
                let expected = model.at.checked_sub(1).map(|i| model.labels[i].clone());
                prop_assert_eq!(&step.label, &expected, "{}", after);
                model.at -= usize::from(expected.is_some());
                prop_assert_eq!(&step.state, &model.state(), "{}", after);
            }
            Some(Done::Redo(step)) => {
                let step = step.map_err(|e| fail("redo", e))?;
                let expected = model.labels.get(model.at).cloned();
                prop_assert_eq!(&step.label, &expected, "{}", after);
                model.at += usize::from(expected.is_some());
                prop_assert_eq!(&step.state, &model.state(), "{}", after);
            }
        }
        check(&ws, &model, &after)?;
    }
    while model.at > 0 {
        let step = edits::undo(&ws).map_err(|e| TestCaseError::fail(format!("undo: {e}")))?;
        prop_assert_eq!(step.label.as_ref(), Some(&model.labels[model.at - 1]));
        model.at -= 1;
        check(&ws, &model, "undoing everything")?;
    }
    while model.at < model.labels.len() {
        let step = edits::redo(&ws).map_err(|e| TestCaseError::fail(format!("redo: {e}")))?;
        prop_assert_eq!(step.label.as_ref(), Some(&model.labels[model.at]));
        model.at += 1;
        check(&ws, &model, "redoing everything")?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
    #[test]
    fn undo_and_redo_follow_the_model(ops in prop::collection::vec(op(), 1..40)) {
        play(&ops)?;
    }
}
