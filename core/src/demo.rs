//! The demo workspace: the design-software vendor of PRODUCT.md, whose customers are
//! architects. Built only through `ops`, the same use cases the app runs for a user,
//! so the demo never drifts from what the rules allow. Deterministic: the same
//! workspace every time (customers come from a fixed pseudo-random sequence).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::Connection;

use crate::error::{CoreError, CoreResult};
use crate::model::{
    AttachmentTarget, CustomerInput, KpiDirection, KpiInput, KpiKind, PersonaInput, PlacementMove,
    PlacementSource, StepId, StepInput, VehicleId, VehicleInput, VehicleKind,
};
use crate::ops;

pub const WORKSPACE_NAME: &str = "Demo: architecture software";

struct StepSpec {
    title: &'static str,
    outcome: &'static str,
    kpis: &'static [KpiSpec],
}

struct KpiSpec {
    name: &'static str,
    unit: &'static str,
    direction: KpiDirection,
    kind: KpiKind,
    levels: [f64; 3],
}

struct PersonaSpec {
    name: &'static str,
    description: &'static str,
    success: &'static str,
    goals: &'static [&'static str],
    share: f64,
    color: &'static str,
    steps: &'static [StepSpec],
    customers: usize,
    arr_range: (i64, i64),
}

const UP: KpiDirection = KpiDirection::HigherIsBetter;
const DOWN: KpiDirection = KpiDirection::LowerIsBetter;
const SUCCESS: KpiKind = KpiKind::Success;
const SATISFACTION: KpiKind = KpiKind::Satisfaction;

const PERSONAS: &[PersonaSpec] = &[
    PersonaSpec {
        name: "Home architect",
        description: "Independent architect or small studio designing private houses and renovations.",
        success: "Delivers more homes a year, with sustainable choices and visuals that win clients over.",
        goals: &["Design faster", "Win more clients with visualisation", "Offer sustainable options"],
        share: 38.0,
        color: "#3b5bdb",
        customers: 14,
        arr_range: (1_200, 9_000),
        steps: &[
            StepSpec {
                title: "First project delivered",
                outcome: "A complete house design produced end to end in the software.",
                kpis: &[KpiSpec { name: "Days to first delivered project", unit: "days", direction: DOWN, kind: SUCCESS, levels: [60.0, 30.0, 14.0] }],
            },
            StepSpec {
                title: "Templates in daily use",
                outcome: "Own templates and libraries cut repeated drawing work.",
                kpis: &[KpiSpec { name: "Projects started from a template", unit: "%", direction: UP, kind: SUCCESS, levels: [25.0, 50.0, 80.0] }],
            },
            StepSpec {
                title: "Sustainable design adopted",
                outcome: "Energy and material checks run on every project.",
                kpis: &[
                    KpiSpec { name: "Projects with an energy report", unit: "%", direction: UP, kind: SUCCESS, levels: [20.0, 50.0, 90.0] },
                    KpiSpec { name: "CSAT after energy module", unit: "%", direction: UP, kind: SATISFACTION, levels: [70.0, 80.0, 90.0] },
                ],
            },
            StepSpec {
                title: "Visualisation wins clients",
                outcome: "Renderings and walkthroughs are used in every client pitch.",
                kpis: &[KpiSpec { name: "Pitches won with a walkthrough", unit: "%", direction: UP, kind: SUCCESS, levels: [30.0, 45.0, 60.0] }],
            },
        ],
    },
    PersonaSpec {
        name: "Large-building architect",
        description: "Team in a firm designing offices, schools and housing blocks with many collaborators.",
        success: "The whole team works on one shared model, coordinates with engineers without rework, and delivers on schedule.",
        goals: &["Coordinate large teams", "Cut rework with engineers", "Meet regulations early"],
        share: 31.0,
        color: "#0c8599",
        customers: 12,
        arr_range: (15_000, 90_000),
        steps: &[
            StepSpec {
                title: "Pilot project live",
                outcome: "One building project runs fully in the software.",
                kpis: &[KpiSpec { name: "Active seats on the pilot", unit: "seats", direction: UP, kind: SUCCESS, levels: [5.0, 15.0, 40.0] }],
            },
            StepSpec {
                title: "Team onboarded",
                outcome: "Every architect on the account designs in the shared model.",
                kpis: &[KpiSpec { name: "Licensed seats active weekly", unit: "%", direction: UP, kind: SUCCESS, levels: [50.0, 75.0, 95.0] }],
            },
            StepSpec {
                title: "Engineering coordination",
                outcome: "Clashes with structure and services are found in the model, not on site.",
                kpis: &[KpiSpec { name: "Clashes resolved before tender", unit: "%", direction: UP, kind: SUCCESS, levels: [60.0, 85.0, 98.0] }],
            },
            StepSpec {
                title: "Compliance built in",
                outcome: "Regulation checks run automatically on each design revision.",
                kpis: &[KpiSpec { name: "Permit resubmissions per project", unit: "", direction: DOWN, kind: SUCCESS, levels: [3.0, 1.0, 0.0] }],
            },
            StepSpec {
                title: "Firm-wide standard",
                outcome: "The software is the firm's standard for every new building project.",
                kpis: &[KpiSpec { name: "New projects started in the software", unit: "%", direction: UP, kind: SUCCESS, levels: [60.0, 85.0, 100.0] }],
            },
        ],
    },
    PersonaSpec {
        name: "Industrial architect",
        description: "Designs factories, warehouses and plants where process layout drives the building.",
        success: "Plant layouts and buildings are designed together, reused across sites, and handed to operations as a living model.",
        goals: &["Design around the process", "Reuse designs across sites", "Hand over a model operations can use"],
        share: 13.0,
        color: "#e8590c",
        customers: 10,
        arr_range: (20_000, 140_000),
        steps: &[
            StepSpec {
                title: "Process layout imported",
                outcome: "Equipment layouts from process engineering load into the model.",
                kpis: &[KpiSpec { name: "Layouts imported without manual fixes", unit: "%", direction: UP, kind: SUCCESS, levels: [50.0, 80.0, 95.0] }],
            },
            StepSpec {
                title: "Building designed around the line",
                outcome: "Structure and services follow the production line in one model.",
                kpis: &[KpiSpec { name: "Design iterations per site", unit: "", direction: DOWN, kind: SUCCESS, levels: [8.0, 5.0, 3.0] }],
            },
            StepSpec {
                title: "Design reused across sites",
                outcome: "A proven plant design is adapted to a new site in weeks.",
                kpis: &[KpiSpec { name: "Weeks to adapt a plant design", unit: "weeks", direction: DOWN, kind: SUCCESS, levels: [16.0, 8.0, 4.0] }],
            },
            StepSpec {
                title: "Model handed to operations",
                outcome: "Facility teams maintain the plant from the delivered model.",
                kpis: &[
                    KpiSpec { name: "Sites run from the model", unit: "%", direction: UP, kind: SUCCESS, levels: [20.0, 50.0, 80.0] },
                    KpiSpec { name: "NPS of facility managers", unit: "", direction: UP, kind: SATISFACTION, levels: [10.0, 30.0, 50.0] },
                ],
            },
        ],
    },
];

struct VehicleSpec {
    kind: VehicleKind,
    custom_kind: Option<&'static str>,
    name: &'static str,
    description: &'static str,
    owner: &'static str,
    effort: &'static str,
}

const VEHICLES: &[VehicleSpec] = &[
    VehicleSpec {
        kind: VehicleKind::Training,
        custom_kind: None,
        name: "First-house bootcamp",
        description: "Two half-days taking a real project from sketch to permit set.",
        owner: "Academy",
        effort: "2 half-days",
    },
    VehicleSpec {
        kind: VehicleKind::Training,
        custom_kind: None,
        name: "Coordination masterclass",
        description: "Clash detection and model exchange with engineering partners.",
        owner: "Academy",
        effort: "1 day",
    },
    VehicleSpec {
        kind: VehicleKind::Training,
        custom_kind: None,
        name: "Plant layout workshop",
        description: "Importing process layouts and designing the building around them.",
        owner: "Industry team",
        effort: "1 day",
    },
    VehicleSpec {
        kind: VehicleKind::Community,
        custom_kind: None,
        name: "Sustainable design circle",
        description: "Monthly peer session where architects share energy-positive projects.",
        owner: "Community team",
        effort: "1 h / month",
    },
    VehicleSpec {
        kind: VehicleKind::Community,
        custom_kind: None,
        name: "Template exchange",
        description: "Forum where studios share templates and object libraries.",
        owner: "Community team",
        effort: "self-paced",
    },
    VehicleSpec {
        kind: VehicleKind::Enablement,
        custom_kind: None,
        name: "Team rollout playbook",
        description: "Step-by-step guide for rolling the software out to a whole firm.",
        owner: "Customer success",
        effort: "4–6 weeks",
    },
    VehicleSpec {
        kind: VehicleKind::Enablement,
        custom_kind: None,
        name: "Visualisation guide",
        description: "Curriculum for renderings and walkthroughs that win pitches.",
        owner: "Customer success",
        effort: "self-paced",
    },
    VehicleSpec {
        kind: VehicleKind::Enablement,
        custom_kind: None,
        name: "Compliance check kit",
        description: "Rule sets and checklists for local building regulations.",
        owner: "Product",
        effort: "1 week",
    },
    VehicleSpec {
        kind: VehicleKind::Custom,
        custom_kind: Some("Office hours"),
        name: "Expert office hours",
        description: "Weekly open video call with a solutions architect.",
        owner: "Solutions",
        effort: "30 min slots",
    },
];

/// (vehicle name, persona index, step index, move?) — a move goes from that step to the next.
const ATTACHMENTS: &[(&str, usize, usize, bool)] = &[
    ("First-house bootcamp", 0, 0, true),
    ("Template exchange", 0, 1, false),
    ("Sustainable design circle", 0, 1, true),
    ("Visualisation guide", 0, 2, true),
    ("Expert office hours", 0, 0, false),
    ("Team rollout playbook", 1, 0, true),
    ("Coordination masterclass", 1, 1, true),
    ("Compliance check kit", 1, 3, false),
    ("Expert office hours", 1, 2, false),
    ("Plant layout workshop", 2, 0, true),
    ("Expert office hours", 2, 2, false),
];

const FIRM_FIRST: &[&str] = &[
    "Alder", "Birch", "Cedar", "Dune", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
    "Kestrel", "Linden", "Meridian", "North", "Oak", "Pillar", "Quarry", "Ridge", "Slate",
    "Terrace", "Umber", "Vale", "Willow", "Yarrow",
];
const FIRM_SECOND: &[&str] = &[
    "Studio",
    "Architects",
    "Design",
    "Atelier",
    "& Partners",
    "Workshop",
    "Collective",
    "Group",
];
const OWNERS: &[&str] = &[
    "Maya Lindqvist",
    "Tomás Ferreira",
    "Aisha Okafor",
    "Jonas Becker",
];

/// A small fixed pseudo-random sequence (64-bit LCG), so the demo is the same every time.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Fills an empty workspace with the demo. Refused when it already has personas.
pub fn build(conn: &Connection, now: DateTime<Utc>) -> CoreResult<()> {
    if !ops::workspace::is_empty(conn)? {
        return Err(CoreError::Conflict(
            "the demo can only be loaded into an empty workspace".to_string(),
        ));
    }
    ops::workspace::initialise(conn, WORKSPACE_NAME, now)?;

    let mut vehicle_ids: Vec<(&str, VehicleId)> = Vec::new();
    for v in VEHICLES {
        let vehicle = ops::vehicles::create(
            conn,
            &VehicleInput {
                kind: v.kind,
                custom_kind: v.custom_kind.map(str::to_string),
                name: v.name.to_string(),
                description: v.description.to_string(),
                owner: v.owner.to_string(),
                link: String::new(),
                effort: v.effort.to_string(),
            },
        )?;
        vehicle_ids.push((v.name, vehicle.id));
    }

    let mut seq = Sequence(0x5eed_cafe);
    // Journeys (how long each customer spent on each step) draw from their own sequence,
    // so the customers themselves stay as they were.
    let mut journey = Sequence(0x0a11_70de);
    let mut used_names = std::collections::HashSet::new();
    let mut external = 1000;
    let mut all_steps: Vec<Vec<StepId>> = Vec::new();
    for spec in PERSONAS {
        let persona = ops::personas::create(
            conn,
            &PersonaInput {
                name: spec.name.to_string(),
                description: spec.description.to_string(),
                success_definition: spec.success.to_string(),
                goals: spec.goals.iter().map(|g| g.to_string()).collect(),
                revenue_share: Some(spec.share),
                color: Some(spec.color.to_string()),
            },
            now,
        )?;
        let mut step_ids = Vec::new();
        for s in spec.steps {
            let step = ops::steps::add(
                conn,
                persona.map_id,
                &StepInput {
                    title: s.title.to_string(),
                    outcome: s.outcome.to_string(),
                    notes: None,
                },
                None,
                now,
            )?;
            for k in s.kpis {
                ops::kpis::add(
                    conn,
                    step.id,
                    &KpiInput {
                        name: k.name.to_string(),
                        unit: k.unit.to_string(),
                        direction: k.direction,
                        kind: k.kind,
                        entry_level: k.levels[0],
                        good_level: k.levels[1],
                        best_level: k.levels[2],
                    },
                )?;
            }
            step_ids.push(step.id);
        }

        for _ in 0..spec.customers {
            let name = loop {
                let candidate = format!(
                    "{} {}",
                    FIRM_FIRST[seq.below(FIRM_FIRST.len() as u64) as usize],
                    FIRM_SECOND[seq.below(FIRM_SECOND.len() as u64) as usize]
                );
                if used_names.insert(candidate.clone()) {
                    break candidate;
                }
            };
            // Most customers sit on the early steps; targets are one or two steps ahead.
            let last = step_ids.len() as u64 - 1;
            let current = (seq.below(step_ids.len() as u64) + seq.below(step_ids.len() as u64)) / 2;
            let target = (current + 1 + seq.below(2)).min(last);
            let (lo, hi) = spec.arr_range;
            let arr = lo + seq.below((hi - lo) as u64) as i64;
            let health = 35 + seq.below(60) as i32;
            let nps = -40 + seq.below(110) as i32;
            let csat = 55.0 + seq.below(45) as f64;
            let renewal = NaiveDate::from_ymd_opt(2027, 1, 1)
                .map(|d| d + Duration::days(seq.below(365) as i64));
            external += 1 + seq.below(7) as i64;
            // A history to progress along: the first step, then each next one after a
            // stay of 2 to 17 weeks; on the current step for 1 to 24 weeks until now.
            let stays: Vec<i64> = (0..current)
                .map(|_| 14 + journey.below(106) as i64)
                .collect();
            let on_current = 7 + journey.below(161) as i64;
            let mut at = now - Duration::days(on_current + stays.iter().sum::<i64>());
            let customer = ops::customers::create(
                conn,
                &CustomerInput {
                    external_id: Some(format!("ACC-{external}")),
                    name,
                    persona_id: persona.id,
                    current_step_id: Some(step_ids[0]),
                    target_step_id: (target != current).then(|| step_ids[target as usize]),
                    arr_cents: Some(arr * 100),
                    health: Some(health),
                    nps: Some(nps),
                    csat: Some(csat),
                    owner: OWNERS[seq.below(OWNERS.len() as u64) as usize].to_string(),
                    renewal_date: renewal,
                    notes: String::new(),
                },
                PlacementSource::Demo,
                at,
            )?;
            for (k, stay) in stays.iter().enumerate() {
                at += Duration::days(*stay);
                ops::customers::place(
                    conn,
                    &[customer.id],
                    PlacementMove::Current {
                        step_id: step_ids[k + 1],
                    },
                    PlacementSource::Demo,
                    at,
                )?;
            }
        }
        all_steps.push(step_ids);
    }

    for (vehicle_name, persona, step, is_move) in ATTACHMENTS {
        let vehicle_id = vehicle_ids
            .iter()
            .find(|(n, _)| n == vehicle_name)
            .map(|(_, id)| *id)
            .ok_or_else(|| CoreError::Corrupt(format!("demo vehicle {vehicle_name} missing")))?;
        let steps = &all_steps[*persona];
        let target = if *is_move {
            AttachmentTarget::Move {
                from_step_id: steps[*step],
                to_step_id: steps[*step + 1],
            }
        } else {
            AttachmentTarget::Step {
                step_id: steps[*step],
            }
        };
        ops::vehicles::attach(conn, vehicle_id, target)?;
    }
    Ok(())
}

/// The names of the demo personas, in order.
pub fn persona_names() -> Vec<&'static str> {
    PERSONAS.iter().map(|p| p.name).collect()
}
