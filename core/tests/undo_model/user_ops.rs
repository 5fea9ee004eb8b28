//! What the user does: the operations, their random arguments, and how each is made
//! through `edits`.

use super::*;

// Names come from small pools, so that some edits are refused (a name taken, in any
// case; a blank name) and most are not.
pub(crate) const PERSONAS: &[&str] = &[
    "Ops lead",
    "Architect",
    "Developer",
    "ops LEAD",
    "Buyer",
    "  ",
];
pub(crate) const STEPS: &[&str] = &["Onboard", "Adopt", "Expand", "Renew", "adopt"];
pub(crate) const KPIS: &[&str] = &["Usage", "Seats", "Tickets"];
pub(crate) const VEHICLES: &[&str] = &["Bootcamp", "Forum", "Playbook", "bootcamp"];
pub(crate) const CUSTOMERS: &[&str] = &["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark"];
pub(crate) const SEGMENTS: &[&str] = &["Big", "Stuck", "big", "Renewals"];
pub(crate) const TEXTS: &[&str] = &["", "Some words", "Other words"];
pub(crate) const KINDS: &[VehicleKind] = &[
    VehicleKind::Training,
    VehicleKind::Community,
    VehicleKind::Enablement,
    VehicleKind::Custom,
];
pub(crate) const LEVELS: &[KpiLevel] = &[KpiLevel::Entry, KpiLevel::Good, KpiLevel::Best];

/// A KPI's three levels (tens), in order along its direction unless `disordered`.
#[derive(Debug, Clone)]
pub(crate) struct Levels {
    pub(crate) higher: bool,
    pub(crate) success: bool,
    pub(crate) base: u8,
    pub(crate) steps: (u8, u8),
    pub(crate) disordered: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Fate {
    Keep,
    /// To another persona (the persona itself when there is no other: refused).
    MoveTo(usize),
    Delete,
}

#[derive(Debug, Clone)]
pub(crate) enum PlaceTo {
    Current(usize),
    Target(Option<usize>),
}

/// A segment's filter: persona, matrix cell (current and target steps), minimum ARR and
/// quadrant. A cell without a persona is refused.
#[derive(Debug, Clone)]
pub(crate) struct SegmentSpec {
    pub(crate) persona: Option<usize>,
    pub(crate) cell: Option<(Option<usize>, Option<usize>)>,
    pub(crate) min_arr: Option<u32>,
    pub(crate) quadrant: bool,
}

/// A line of the imported file; names of personas and steps come from the pools.
#[derive(Debug, Clone)]
pub(crate) struct ImportRow {
    pub(crate) external: Option<u8>,
    pub(crate) name: usize,
    pub(crate) persona: usize,
    pub(crate) current: Option<usize>,
    pub(crate) target: Option<usize>,
    pub(crate) arr: Option<u32>,
    pub(crate) kpi_value: Option<u8>,
}

/// A customer's persona, current step, target step and ARR.
pub(crate) type Placing = (usize, Option<usize>, Option<usize>, Option<u32>);

/// What the user does. An argument is an index into what exists (modulo its count: "the
/// k-th persona"), into a name pool, or a value; steps of a customer or a segment are
/// taken on its persona's map, so that most operations are valid.
#[derive(Debug, Clone)]
pub(crate) enum Op {
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

pub(crate) fn levels() -> impl Strategy<Value = Levels> {
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

pub(crate) fn segment_spec() -> impl Strategy<Value = SegmentSpec> {
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

pub(crate) fn import_row() -> impl Strategy<Value = ImportRow> {
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

pub(crate) fn op() -> impl Strategy<Value = Op> {
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

// The operations ------------------------------------------------------------------------

pub(crate) fn kpi_input(name: usize, l: &Levels) -> KpiInput {
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

pub(crate) fn vehicle_input(name: usize, kind: usize, text: usize) -> VehicleInput {
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

pub(crate) fn segment_input(ws: &Workspace, name: usize, spec: &SegmentSpec) -> SavedSegmentInput {
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
pub(crate) fn customer_input(
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

pub(crate) fn step_input(title: &str, outcome: &str) -> StepInput {
    StepInput {
        title: title.to_string(),
        outcome: outcome.to_string(),
        notes: None,
    }
}

/// What an operation did: an edit, with the label it must be recorded under and its
/// outcome, or an undo or a redo.
pub(crate) enum Done {
    Edit(String, CoreResult<()>),
    Undo(CoreResult<edits::UndoStep>),
    Redo(CoreResult<edits::UndoStep>),
}

pub(crate) fn edit<T>(label: String, outcome: CoreResult<T>) -> Done {
    Done::Edit(label, outcome.map(|_| ()))
}

/// Runs `op`; `None` when what it needs does not exist (no persona, no vehicle…).
pub(crate) fn run(ws: &Workspace, dir: &Path, op: &Op, at: DateTime<Utc>) -> Option<Done> {
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
pub(crate) fn import(
    ws: &Workspace,
    dir: &Path,
    rows: &[ImportRow],
    create: bool,
    at: DateTime<Utc>,
) -> Done {
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
    let preview = reads::preview_import(ws, &file, None).unwrap();
    let options = ImportOptions {
        mapping: preview.mapping,
        kpi_columns: preview.kpi_columns,
        create_missing: create,
        default_persona_id: None,
        encoding: None,
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
