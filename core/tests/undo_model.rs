#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Undo and redo against a model: random sequences of every kind of user edit (through
//! `edits`, as the app makes them), undos and redos, compared after each operation with
//! the workspaces the model went through. A snapshot is every row of every table of the
//! file. An edit that is recorded pushes a snapshot and drops what could be redone; a
//! refused edit, or one that records nothing, leaves the workspace as it was; undo goes
//! back one snapshot and redo forward one, exactly; with nothing to undo or redo, they
//! change nothing. The undo buttons' labels follow the model.
mod common;

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

// Names come from small pools, so that some edits are refused (a name taken, in any
// case; a blank name) and most are not.
const PERSONAS: &[&str] = &[
    "Ops lead",
    "Architect",
    "Developer",
    "ops LEAD",
    "Buyer",
    "  ",
];
const STEPS: &[&str] = &["Onboard", "Adopt", "Expand", "Renew", "adopt"];
const KPIS: &[&str] = &["Usage", "Seats", "Tickets"];
const VEHICLES: &[&str] = &["Bootcamp", "Forum", "Playbook", "bootcamp"];
const CUSTOMERS: &[&str] = &["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark"];
const SEGMENTS: &[&str] = &["Big", "Stuck", "big", "Renewals"];
const TEXTS: &[&str] = &["", "Some words", "Other words"];
const KINDS: &[VehicleKind] = &[
    VehicleKind::Training,
    VehicleKind::Community,
    VehicleKind::Enablement,
    VehicleKind::Custom,
];
const LEVELS: &[KpiLevel] = &[KpiLevel::Entry, KpiLevel::Good, KpiLevel::Best];

/// A KPI's three levels (tens), in order along its direction unless `disordered`.
#[derive(Debug, Clone)]
struct Levels {
    higher: bool,
    success: bool,
    base: u8,
    steps: (u8, u8),
    disordered: bool,
}

#[derive(Debug, Clone)]
enum Fate {
    Keep,
    /// To another persona (the persona itself when there is no other: refused).
    MoveTo(usize),
    Delete,
}

#[derive(Debug, Clone)]
enum PlaceTo {
    Current(usize),
    Target(Option<usize>),
}

/// A segment's filter: persona, matrix cell (current and target steps), minimum ARR and
/// quadrant. A cell without a persona is refused.
#[derive(Debug, Clone)]
struct SegmentSpec {
    persona: Option<usize>,
    cell: Option<(Option<usize>, Option<usize>)>,
    min_arr: Option<u32>,
    quadrant: bool,
}

/// A line of the imported file; names of personas and steps come from the pools.
#[derive(Debug, Clone)]
struct ImportRow {
    external: Option<u8>,
    name: usize,
    persona: usize,
    current: Option<usize>,
    target: Option<usize>,
    arr: Option<u32>,
    kpi_value: Option<u8>,
}

/// A customer's persona, current step, target step and ARR.
type Placing = (usize, Option<usize>, Option<usize>, Option<u32>);

/// What the user does. An argument is an index into what exists (modulo its count: "the
/// k-th persona"), into a name pool, or a value; steps of a customer or a segment are
/// taken on its persona's map, so that most operations are valid.
#[derive(Debug, Clone)]
enum Op {
    CreatePersona(usize),               // (name)
    UpdatePersona(usize, usize, usize), // (persona, name, description)
    DeletePersona(usize, Fate),         // (persona, what becomes of its customers)
    AddStep(usize, usize, Option<u8>),  // (persona, title, index; none: at the end)
    UpdateStep(usize, usize, usize),    // (step, title, outcome)
    ReorderStep(usize, u8),             // (step, new index)
    /// (step, rather one that the placement history names and that no customer is on or
    /// aims at any more, when there is one)
    DeleteStep(usize, bool),
    AddKpi(usize, usize, Levels),               // (step, name, levels)
    UpdateKpi(usize, usize, Levels),            // (KPI, name, levels)
    DeleteKpi(usize),                           // (KPI)
    CreateVehicle(usize, usize),                // (name, kind)
    UpdateVehicle(usize, usize, usize, usize),  // (vehicle, name, kind, description)
    DeleteVehicle(usize),                       // (vehicle)
    AttachVehicle(usize, usize, bool),          // (vehicle, step, on the move to the next step)
    DetachVehicle(usize),                       // (attachment)
    CreateCustomer(usize, Option<u8>, Placing), // (name, external id, where)
    UpdateCustomer(usize, usize, Placing),      // (customer, name, where)
    DeleteCustomer(usize),                      // (customer)
    Place(usize, usize, PlaceTo),               // (customer, how many of its persona's, where)
    /// (customer, values: (KPI of its map, value in tens or none to clear it))
    SetKpiValues(usize, Vec<(usize, Option<u8>)>),
    AcceptSuggestions(usize, usize),          // (persona, level)
    SaveSegment(usize, SegmentSpec),          // (name, filter)
    UpdateSegment(usize, usize, SegmentSpec), // (segment, name, filter)
    DeleteSegment(usize),                     // (segment)
    Import(Vec<ImportRow>, bool),             // (rows, create missing personas and steps)
    Undo,
    Redo,
}

fn levels() -> impl Strategy<Value = Levels> {
    let disordered = prop::bool::weighted(0.1);
    (
        any::<bool>(),
        any::<bool>(),
        0u8..20,
        (0u8..10, 0u8..10),
        disordered,
    )
        .prop_map(|(higher, success, base, steps, disordered)| Levels {
            higher,
            success,
            base,
            steps,
            disordered,
        })
}

fn segment_spec() -> impl Strategy<Value = SegmentSpec> {
    let step = prop::option::of(0usize..8);
    let persona = prop::option::weighted(0.8, 0usize..8);
    let cell = prop::option::of((step.clone(), step));
    (persona, cell, prop::option::of(0u32..2_000), any::<bool>()).prop_map(
        |(persona, cell, min_arr, quadrant)| SegmentSpec {
            persona,
            cell,
            min_arr,
            quadrant,
        },
    )
}

fn import_row() -> impl Strategy<Value = ImportRow> {
    let step = prop::option::of(0..STEPS.len());
    let head = (
        prop::option::weighted(0.8, 0u8..8),
        0..CUSTOMERS.len(),
        0..PERSONAS.len() - 1,
    );
    let tail = (prop::option::of(0u32..2_000), prop::option::of(0u8..40));
    (head, step.clone(), step, tail).prop_map(
        |((external, name, persona), current, target, (arr, kpi_value))| ImportRow {
            external,
            name,
            persona,
            current,
            target,
            arr,
            kpi_value,
        },
    )
}

fn op() -> impl Strategy<Value = Op> {
    let ix = || 0usize..64;
    let step = || prop::option::weighted(0.8, 0usize..8);
    let arr = || prop::option::of(0u32..2_000);
    let fate = prop_oneof![
        Just(Fate::Keep),
        ix().prop_map(Fate::MoveTo),
        Just(Fate::Delete)
    ];
    let place = prop_oneof![
        3 => (0usize..8).prop_map(PlaceTo::Current),
        1 => prop::option::weighted(0.7, 0usize..8).prop_map(PlaceTo::Target),
    ];
    let values = prop::collection::vec((0usize..8, prop::option::weighted(0.8, 0u8..40)), 1..4);
    prop_oneof![
        1 => (0..PERSONAS.len()).prop_map(Op::CreatePersona),
        1 => (ix(), 0..PERSONAS.len(), 0..TEXTS.len())
            .prop_map(|(w, n, t)| Op::UpdatePersona(w, n, t)),
        1 => (ix(), fate).prop_map(|(w, f)| Op::DeletePersona(w, f)),
        2 => (ix(), 0..STEPS.len(), prop::option::of(0u8..5))
            .prop_map(|(p, t, a)| Op::AddStep(p, t, a)),
        1 => (ix(), 0..STEPS.len(), 0..TEXTS.len()).prop_map(|(w, t, o)| Op::UpdateStep(w, t, o)),
        1 => (ix(), 0u8..5).prop_map(|(w, to)| Op::ReorderStep(w, to)),
        2 => (ix(), prop::bool::weighted(0.7)).prop_map(|(w, h)| Op::DeleteStep(w, h)),
        2 => (ix(), 0..KPIS.len(), levels()).prop_map(|(s, n, l)| Op::AddKpi(s, n, l)),
        1 => (ix(), 0..KPIS.len(), levels()).prop_map(|(w, n, l)| Op::UpdateKpi(w, n, l)),
        1 => ix().prop_map(Op::DeleteKpi),
        1 => (0..VEHICLES.len(), 0..KINDS.len()).prop_map(|(n, k)| Op::CreateVehicle(n, k)),
        1 => (ix(), 0..VEHICLES.len(), 0..KINDS.len(), 0..TEXTS.len())
            .prop_map(|(w, n, k, t)| Op::UpdateVehicle(w, n, k, t)),
        1 => ix().prop_map(Op::DeleteVehicle),
        2 => (ix(), ix(), any::<bool>()).prop_map(|(v, s, m)| Op::AttachVehicle(v, s, m)),
        1 => ix().prop_map(Op::DetachVehicle),
        2 => (0..CUSTOMERS.len(), prop::option::of(0u8..8), ix(), step(), step(), arr())
            .prop_map(|(n, e, p, c, t, a)| Op::CreateCustomer(n, e, (p, c, t, a))),
        1 => (ix(), 0..CUSTOMERS.len(), ix(), step(), step(), arr())
            .prop_map(|(w, n, p, c, t, a)| Op::UpdateCustomer(w, n, (p, c, t, a))),
        1 => ix().prop_map(Op::DeleteCustomer),
        4 => (ix(), 1usize..4, place).prop_map(|(w, n, to)| Op::Place(w, n, to)),
        2 => (ix(), values).prop_map(|(c, v)| Op::SetKpiValues(c, v)),
        2 => (ix(), 0..LEVELS.len()).prop_map(|(p, l)| Op::AcceptSuggestions(p, l)),
        2 => (0..SEGMENTS.len(), segment_spec()).prop_map(|(n, s)| Op::SaveSegment(n, s)),
        1 => (ix(), 0..SEGMENTS.len(), segment_spec())
            .prop_map(|(w, n, s)| Op::UpdateSegment(w, n, s)),
        1 => ix().prop_map(Op::DeleteSegment),
        1 => (prop::collection::vec(import_row(), 1..5), prop::bool::weighted(0.3))
            .prop_map(|(rows, create)| Op::Import(rows, create)),
        5 => Just(Op::Undo),
        3 => Just(Op::Redo),
    ]
}

// The workspace as rows ----------------------------------------------------------------

/// Every table of the file (by name) with its rows as text, sorted.
type Snapshot = Vec<(String, Vec<String>)>;

fn show(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "NULL".to_string(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => format!("{r:?}"),
        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

fn snapshot(ws: &Workspace) -> Snapshot {
    ws.read(|c| {
        let tables: Vec<String> = c
            .prepare(
                "SELECT name FROM sqlite_schema
                  WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for table in tables {
            let mut stmt = c.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| r.get_ref(i).map(show))
                        .collect::<Result<_, _>>()?;
                    Ok(cells.join(" | "))
                })?
                .collect::<Result<_, _>>()?;
            rows.sort();
            out.push((table, rows));
        }
        Ok(out)
    })
    .unwrap()
}

/// The rows only one of two snapshots has, table by table (for failure messages).
fn difference(expected: &Snapshot, found: &Snapshot) -> String {
    let mut out = String::new();
    for (table, rows) in expected {
        let other = found
            .iter()
            .find(|(t, _)| t == table)
            .map_or(&[][..], |(_, r)| &r[..]);
        for row in rows.iter().filter(|r| !other.contains(r)) {
            out.push_str(&format!("\n  missing  {table}: {row}"));
        }
        for row in other.iter().filter(|r| !rows.contains(r)) {
            out.push_str(&format!("\n  extra    {table}: {row}"));
        }
    }
    out
}

/// A row of what exists: its id, what it belongs to (the map of a persona, step or KPI;
/// the persona of a customer) and its name.
#[derive(Debug, Clone)]
struct Item {
    id: i64,
    of: i64,
    name: String,
}

const PERSONA_ROWS: &str = "SELECT p.id, m.id, p.name FROM persona p
                              JOIN success_map m ON m.persona_id = p.id ORDER BY p.id";
const STEP_ROWS: &str = "SELECT id, map_id, title FROM step ORDER BY map_id, position";
const KPI_ROWS: &str = "SELECT k.id, s.map_id, k.name FROM kpi k
                          JOIN step s ON s.id = k.step_id ORDER BY k.id";
const VEHICLE_ROWS: &str = "SELECT id, 0, name FROM vehicle ORDER BY id";
const ATTACHMENT_ROWS: &str = "SELECT id, 0, '' FROM vehicle_attachment ORDER BY id";
const CUSTOMER_ROWS: &str = "SELECT id, persona_id, name FROM customer ORDER BY id";
const SEGMENT_ROWS: &str = "SELECT id, 0, name FROM saved_segment ORDER BY id";
/// Steps no customer stands on or aims at that the placement history names.
const LEFT_STEP_ROWS: &str = "SELECT s.id, s.map_id, s.title FROM step s
     WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE s.id IN (c.current_step_id, c.target_step_id))
       AND EXISTS (SELECT 1 FROM placement p WHERE s.id IN (p.from_current_step_id,
                   p.to_current_step_id, p.from_target_step_id, p.to_target_step_id))
     ORDER BY s.id";

fn items(ws: &Workspace, sql: &str) -> Vec<Item> {
    ws.read(|c| {
        let mut stmt = c.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(Item {
                id: r.get(0)?,
                of: r.get(1)?,
                name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
    .unwrap()
}

/// The steps of a map, in order.
fn steps_of(ws: &Workspace, map: i64) -> Vec<Item> {
    items(ws, STEP_ROWS)
        .into_iter()
        .filter(|s| s.of == map)
        .collect()
}

/// The k-th of a list, modulo its length; `None` when it is empty.
fn pick<T: Clone>(list: &[T], k: usize) -> Option<T> {
    (!list.is_empty()).then(|| list[k % list.len()].clone())
}

fn step_on(steps: &[Item], k: Option<usize>) -> Option<StepId> {
    k.and_then(|k| pick(steps, k)).map(|s| StepId(s.id))
}

// The operations ------------------------------------------------------------------------

fn kpi_input(name: usize, l: &Levels) -> KpiInput {
    let low = f64::from(l.base) * 10.0;
    let mid = low + f64::from(l.steps.0) * 10.0;
    let high = mid + f64::from(l.steps.1) * 10.0;
    let (mut entry, good, mut best) = if l.higher {
        (low, mid, high)
    } else {
        (high, mid, low)
    };
    if l.disordered {
        std::mem::swap(&mut entry, &mut best);
    }
    KpiInput {
        name: KPIS[name].to_string(),
        unit: String::new(),
        direction: [KpiDirection::LowerIsBetter, KpiDirection::HigherIsBetter]
            [usize::from(l.higher)],
        kind: [KpiKind::Satisfaction, KpiKind::Success][usize::from(l.success)],
        entry_level: entry,
        good_level: good,
        best_level: best,
    }
}

fn vehicle_input(name: usize, kind: usize, text: usize) -> VehicleInput {
    let kind = KINDS[kind];
    VehicleInput {
        kind,
        custom_kind: (kind == VehicleKind::Custom).then(|| "Office hours".to_string()),
        name: VEHICLES[name].to_string(),
        description: TEXTS[text].to_string(),
        owner: String::new(),
        link: String::new(),
        effort: String::new(),
    }
}

fn segment_input(ws: &Workspace, name: usize, spec: &SegmentSpec) -> SavedSegmentInput {
    let persona = spec.persona.and_then(|k| pick(&items(ws, PERSONA_ROWS), k));
    let steps = persona.as_ref().map_or(Vec::new(), |p| steps_of(ws, p.of));
    let cell = spec.cell.map(|(current, target)| CellRef {
        current_step_id: step_on(&steps, current),
        target_step_id: step_on(&steps, target),
    });
    SavedSegmentInput {
        name: SEGMENTS[name].to_string(),
        filter: SegmentFilter {
            persona_id: persona.map(|p| PersonaId(p.id)),
            min_arr_cents: spec.min_arr.map(|a| i64::from(a) * 100),
            ..SegmentFilter::default()
        },
        cell,
        quadrant: spec.quadrant.then_some(QuadrantRef {
            basis: ProgressBasis::Map,
            measure: SatisfactionMeasure::Nps,
            quadrant: Quadrant::Neither,
        }),
    }
}

/// A customer's fields, its steps taken on its persona's map; `None` without personas.
fn customer_input(
    ws: &Workspace,
    name: usize,
    external: Option<String>,
    &(persona, current, target, arr): &Placing,
) -> Option<CustomerInput> {
    let persona = pick(&items(ws, PERSONA_ROWS), persona)?;
    let steps = steps_of(ws, persona.of);
    Some(CustomerInput {
        external_id: external,
        current_step_id: step_on(&steps, current),
        target_step_id: step_on(&steps, target),
        arr_cents: arr.map(|a| i64::from(a) * 100),
        ..CustomerInput::named(CUSTOMERS[name], PersonaId(persona.id))
    })
}

fn step_input(title: &str, outcome: &str) -> StepInput {
    StepInput {
        title: title.to_string(),
        outcome: outcome.to_string(),
    }
}

/// What an operation did: an edit, with the label it must be recorded under and its
/// outcome, or an undo or a redo.
enum Done {
    Edit(String, CoreResult<()>),
    Undo(CoreResult<edits::UndoStep>),
    Redo(CoreResult<edits::UndoStep>),
}

fn edit<T>(label: String, outcome: CoreResult<T>) -> Done {
    Done::Edit(label, outcome.map(|_| ()))
}

/// Runs `op`; `None` when what it needs does not exist (no persona, no vehicle…).
fn run(ws: &Workspace, dir: &Path, op: &Op, at: DateTime<Utc>) -> Option<Done> {
    let persona_at = |k: usize| pick(&items(ws, PERSONA_ROWS), k);
    Some(match op {
        Op::CreatePersona(name) => edit(
            format!("Create persona “{}”", PERSONAS[*name].trim()),
            edits::create_persona(ws, &PersonaInput::named(PERSONAS[*name]), at),
        ),
        Op::UpdatePersona(which, name, text) => {
            let p = persona_at(*which)?;
            let input = PersonaInput {
                description: TEXTS[*text].to_string(),
                ..PersonaInput::named(PERSONAS[*name])
            };
            edit(
                format!("Edit persona “{}”", PERSONAS[*name].trim()),
                edits::update_persona(ws, PersonaId(p.id), &input, at),
            )
        }
        Op::DeletePersona(which, fate) => {
            let all = items(ws, PERSONA_ROWS);
            let p = pick(&all, *which)?;
            let fate = match fate {
                Fate::Keep => CustomersOnDelete::Keep,
                Fate::Delete => CustomersOnDelete::Delete,
                Fate::MoveTo(k) => {
                    let others: Vec<_> = all.into_iter().filter(|o| o.id != p.id).collect();
                    let to = pick(&others, *k).map_or(p.id, |o| o.id);
                    CustomersOnDelete::MoveTo {
                        persona_id: PersonaId(to),
                    }
                }
            };
            let outcome = edits::delete_persona(ws, PersonaId(p.id), fate, at);
            edit(format!("Delete persona “{}”", p.name), outcome)
        }
        Op::AddStep(persona, title, index) => {
            let map = MapId(persona_at(*persona)?.of);
            let input = step_input(STEPS[*title], "");
            let outcome = edits::add_step(ws, map, &input, index.map(u32::from), at);
            edit(format!("Add step “{}”", STEPS[*title]), outcome)
        }
        Op::UpdateStep(which, title, outcome) => {
            let s = pick(&items(ws, STEP_ROWS), *which)?;
            let input = step_input(STEPS[*title], TEXTS[*outcome]);
            let outcome = edits::update_step(ws, StepId(s.id), &input, at);
            edit(format!("Edit step “{}”", STEPS[*title]), outcome)
        }
        Op::ReorderStep(which, to) => {
            let s = pick(&items(ws, STEP_ROWS), *which)?;
            let outcome = edits::reorder_step(ws, StepId(s.id), u32::from(*to), at);
            edit(format!("Move step “{}”", s.name), outcome)
        }
        Op::DeleteStep(which, with_history) => {
            let left = pick(&items(ws, LEFT_STEP_ROWS), *which).filter(|_| *with_history);
            let s = left.or_else(|| pick(&items(ws, STEP_ROWS), *which))?;
            let outcome = edits::delete_step(ws, StepId(s.id), at);
            edit(format!("Delete step “{}”", s.name), outcome)
        }
        Op::AddKpi(step, name, levels) => {
            let s = pick(&items(ws, STEP_ROWS), *step)?;
            let outcome = edits::add_kpi(ws, StepId(s.id), &kpi_input(*name, levels));
            edit(format!("Add KPI “{}”", KPIS[*name]), outcome)
        }
        Op::UpdateKpi(which, name, levels) => {
            let k = pick(&items(ws, KPI_ROWS), *which)?;
            let outcome = edits::update_kpi(ws, KpiId(k.id), &kpi_input(*name, levels));
            edit(format!("Edit KPI “{}”", KPIS[*name]), outcome)
        }
        Op::DeleteKpi(which) => {
            let k = pick(&items(ws, KPI_ROWS), *which)?;
            edit(
                format!("Delete KPI “{}”", k.name),
                edits::delete_kpi(ws, KpiId(k.id)),
            )
        }
        Op::CreateVehicle(name, kind) => edit(
            format!("Create vehicle “{}”", VEHICLES[*name]),
            edits::create_vehicle(ws, &vehicle_input(*name, *kind, 0)),
        ),
        Op::UpdateVehicle(which, name, kind, text) => {
            let v = pick(&items(ws, VEHICLE_ROWS), *which)?;
            let input = vehicle_input(*name, *kind, *text);
            let outcome = edits::update_vehicle(ws, VehicleId(v.id), &input);
            edit(format!("Edit vehicle “{}”", VEHICLES[*name]), outcome)
        }
        Op::DeleteVehicle(which) => {
            let v = pick(&items(ws, VEHICLE_ROWS), *which)?;
            let outcome = edits::delete_vehicle(ws, VehicleId(v.id));
            edit(format!("Delete vehicle “{}”", v.name), outcome)
        }
        Op::AttachVehicle(vehicle, step, on_move) => {
            let v = pick(&items(ws, VEHICLE_ROWS), *vehicle)?;
            let all = items(ws, STEP_ROWS);
            let s = pick(&all, *step)?;
            let next = all
                .iter()
                .skip_while(|n| n.id != s.id)
                .nth(1)
                .filter(|n| n.of == s.of);
            let target = match next {
                Some(next) if *on_move => AttachmentTarget::Move {
                    from_step_id: StepId(s.id),
                    to_step_id: StepId(next.id),
                },
                _ => AttachmentTarget::Step {
                    step_id: StepId(s.id),
                },
            };
            let outcome = edits::attach_vehicle(ws, VehicleId(v.id), target);
            edit(format!("Attach “{}”", v.name), outcome)
        }
        Op::DetachVehicle(which) => {
            let a = pick(&items(ws, ATTACHMENT_ROWS), *which)?;
            let outcome = edits::detach_vehicle(ws, AttachmentId(a.id));
            edit("Remove a vehicle from the map".to_string(), outcome)
        }
        Op::CreateCustomer(name, external, placing) => {
            let external = external.map(|e| format!("X{e}"));
            let input = customer_input(ws, *name, external, placing)?;
            let outcome = edits::create_customer(ws, &input, at);
            edit(format!("Add customer “{}”", CUSTOMERS[*name]), outcome)
        }
        Op::UpdateCustomer(which, name, placing) => {
            let c = pick(&items(ws, CUSTOMER_ROWS), *which)?;
            let sql = "SELECT external_id FROM customer WHERE id = ?1";
            let external = ws.read(|conn| Ok(conn.query_row(sql, [c.id], |r| r.get(0))?));
            let input = customer_input(ws, *name, external.unwrap(), placing)?;
            let outcome = edits::update_customer(ws, CustomerId(c.id), &input, at);
            edit(format!("Edit customer “{}”", CUSTOMERS[*name]), outcome)
        }
        Op::DeleteCustomer(which) => {
            let c = pick(&items(ws, CUSTOMER_ROWS), *which)?;
            let outcome = edits::delete_customer(ws, CustomerId(c.id));
            edit(format!("Delete customer “{}”", c.name), outcome)
        }
        Op::Place(which, count, to) => {
            let first = pick(&items(ws, CUSTOMER_ROWS), *which)?;
            let same: Vec<Item> = items(ws, CUSTOMER_ROWS)
                .into_iter()
                .filter(|c| c.of == first.of)
                .collect();
            let from = same.iter().position(|c| c.id == first.id).unwrap();
            let chosen: Vec<Item> = (0..(*count).min(same.len()))
                .map(|k| same[(from + k) % same.len()].clone())
                .collect();
            let ids: Vec<CustomerId> = chosen.iter().map(|c| CustomerId(c.id)).collect();
            let who = match &chosen[..] {
                [one] => format!("“{}”", one.name),
                many => format!("{} customers", many.len()),
            };
            let map = items(ws, PERSONA_ROWS)
                .into_iter()
                .find(|p| p.id == first.of)?
                .of;
            let steps = steps_of(ws, map);
            let (placement, label) = match to {
                PlaceTo::Current(k) => {
                    let s = pick(&steps, *k)?;
                    let label = format!("Move {who} to “{}”", s.name);
                    (
                        PlacementMove::Current {
                            step_id: StepId(s.id),
                        },
                        label,
                    )
                }
                PlaceTo::Target(Some(k)) => {
                    let s = pick(&steps, *k)?;
                    let label = format!("Set target of {who} to “{}”", s.name);
                    (
                        PlacementMove::Target {
                            step_id: Some(StepId(s.id)),
                        },
                        label,
                    )
                }
                PlaceTo::Target(None) => {
                    let label = format!("Clear the target of {who}");
                    (PlacementMove::Target { step_id: None }, label)
                }
            };
            let outcome = edits::place_customers(ws, &ids, placement, PlacementSource::Bulk, at);
            edit(label, outcome)
        }
        Op::SetKpiValues(customer, values) => {
            let c = pick(&items(ws, CUSTOMER_ROWS), *customer)?;
            let map = items(ws, PERSONA_ROWS)
                .into_iter()
                .find(|p| p.id == c.of)?
                .of;
            let on_map: Vec<Item> = items(ws, KPI_ROWS)
                .into_iter()
                .filter(|k| k.of == map)
                .collect();
            let values: Vec<KpiValueInput> = values
                .iter()
                .map(|(k, v)| {
                    Some(KpiValueInput {
                        kpi_id: KpiId(pick(&on_map, *k)?.id),
                        value: v.map(|v| f64::from(v) * 10.0),
                    })
                })
                .collect::<Option<_>>()?;
            let outcome = edits::set_customer_kpi_values(ws, CustomerId(c.id), &values, at);
            edit(format!("Edit KPI values of “{}”", c.name), outcome)
        }
        Op::AcceptSuggestions(persona, level) => {
            let p = PersonaId(persona_at(*persona)?.id);
            let level = LEVELS[*level];
            let n = reads::placement_suggestions(ws, p, level, 0)
                .unwrap()
                .differing;
            let label = format!(
                "Move {n} customer{} to their suggested steps",
                if n == 1 { "" } else { "s" }
            );
            edit(label, edits::accept_suggestions(ws, p, level, at))
        }
        Op::SaveSegment(name, spec) => edit(
            format!("Save segment “{}”", SEGMENTS[*name]),
            edits::save_segment(ws, &segment_input(ws, *name, spec), at),
        ),
        Op::UpdateSegment(which, name, spec) => {
            let s = pick(&items(ws, SEGMENT_ROWS), *which)?;
            let input = segment_input(ws, *name, spec);
            let outcome = edits::update_segment(ws, SegmentId(s.id), &input, at);
            edit(format!("Edit segment “{}”", SEGMENTS[*name]), outcome)
        }
        Op::DeleteSegment(which) => {
            let s = pick(&items(ws, SEGMENT_ROWS), *which)?;
            let outcome = edits::delete_segment(ws, SegmentId(s.id));
            edit(format!("Delete segment “{}”", s.name), outcome)
        }
        Op::Import(rows, create_missing) => import(ws, dir, rows, *create_missing, at),
        Op::Undo => Done::Undo(edits::undo(ws)),
        Op::Redo => Done::Redo(edits::redo(ws)),
    })
}

/// Writes `rows` to a CSV file (with a column of the first KPI's values, when there is
/// a KPI) and imports it as the app does: undoable, the valid rows written.
fn import(ws: &Workspace, dir: &Path, rows: &[ImportRow], create: bool, at: DateTime<Utc>) -> Done {
    let kpi = items(ws, KPI_ROWS).first().map(|k| format!(",{}", k.name));
    let mut csv = format!(
        "external_id,name,persona,current_step,target_step,arr{}\n",
        kpi.as_deref().unwrap_or("")
    );
    let step = |k: Option<usize>| k.map_or("", |k| STEPS[k]);
    for row in rows {
        let external = row.external.map_or(String::new(), |e| format!("X{e}"));
        let arr = row.arr.map_or(String::new(), |a| format!("{a}.50"));
        let (name, persona) = (CUSTOMERS[row.name], PERSONAS[row.persona]);
        let (current, target) = (step(row.current), step(row.target));
        csv.push_str(&format!(
            "{external},{name},{persona},{current},{target},{arr}"
        ));
        if kpi.is_some() {
            let value = row
                .kpi_value
                .map_or(String::new(), |v| (f64::from(v) * 10.0).to_string());
            csv.push_str(&format!(",{value}"));
        }
        csv.push('\n');
    }
    let file = dir.join("crm.csv");
    std::fs::write(&file, csv).unwrap();
    let preview = reads::preview_import(ws, &file).unwrap();
    let options = ImportOptions {
        mapping: preview.mapping,
        kpi_columns: preview.kpi_columns,
        create_missing: create,
        default_persona_id: None,
    };
    let how = ImportWrite {
        remember_mapping: false,
        all_or_nothing: false,
        undoable: true,
    };
    let cancel = AtomicBool::new(false);
    let control = Control {
        progress: &mut |_| {},
        cancel: &cancel,
    };
    let table = Table::open(&file).unwrap();
    let report = edits::import_customers(ws, &file, &table, &options, how, control, at);
    if let Ok(report) = &report {
        assert!(
            report.written,
            "an import that is not all or nothing writes"
        );
    }
    edit("Import customers from “crm.csv”".to_string(), report)
}

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
