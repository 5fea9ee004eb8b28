//! A 12-step map exported as SVG, PNG (1× and 2×), PDF (the map, and the presentation
//! as slides) and the HTML handout, and a customer's success plan on that map as HTML
//! and PDF, from the workspace read to the finished bytes: each figure is the median and
//! the slowest of `RUNS` runs after one warm-up. Every step has three KPIs, a vehicle on
//! the step and one on the move to the next, and five customers (their names on the
//! map). Run with
//! `bench/map-export.sh`; with `MAP_EXPORT_OUT=FOLDER` the files measured are written
//! there too.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use successmap_core::model::{
    AttachmentTarget, CustomerInput, HandoutFormat, HandoutOptions, KpiDirection, KpiInput,
    KpiKind, MapCustomers, MapExportOptions, MapFormat, Paper, PersonaId, PersonaInput,
    PlacementMove, PlacementSource, StepInput, VehicleInput, VehicleKind,
};
use successmap_core::{edits, reads, Workspace};

mod common;
use common::now;

const STEPS: usize = 12;
const RUNS: usize = 15;

fn twelve_step_map(ws: &Workspace) -> PersonaId {
    let persona = edits::create_persona(
        ws,
        &PersonaInput {
            success_definition: "Runs every project of the practice on the platform, with \
                                 the whole team trained and the results shown to clients"
                .into(),
            ..PersonaInput::named("Practice lead")
        },
        now(),
    )
    .unwrap();
    let mut steps = Vec::new();
    for i in 0..STEPS {
        let step = edits::add_step(
            ws,
            persona.map_id,
            &StepInput {
                title: format!("Milestone {} of the rollout", i + 1),
                outcome: "The team works in the new way every day and can show what it \
                          gained to the partners at the quarterly review"
                    .into(),
                notes: None,
            },
            None,
            now(),
        )
        .unwrap();
        for k in 0..3 {
            edits::add_kpi(
                ws,
                step.id,
                &KpiInput {
                    name: format!("Measure {} of milestone {}", k + 1, i + 1),
                    unit: if k == 0 { "%".into() } else { "days".into() },
                    direction: KpiDirection::HigherIsBetter,
                    kind: if k == 2 {
                        KpiKind::Satisfaction
                    } else {
                        KpiKind::Success
                    },
                    entry_level: 20.0,
                    good_level: 50.0,
                    best_level: 80.0,
                },
            )
            .unwrap();
        }
        steps.push(step);
    }
    for (i, step) in steps.iter().enumerate() {
        let vehicle = |name: String, kind| {
            edits::create_vehicle(
                ws,
                &VehicleInput {
                    kind,
                    custom_kind: None,
                    name,
                    description: String::new(),
                    owner: String::new(),
                    link: String::new(),
                    effort: String::new(),
                },
            )
            .unwrap()
        };
        let on_step = vehicle(format!("Office hours {}", i + 1), VehicleKind::Community);
        edits::attach_vehicle(ws, on_step.id, AttachmentTarget::Step { step_id: step.id }).unwrap();
        if let Some(next) = steps.get(i + 1) {
            let on_move = vehicle(format!("Bootcamp {}", i + 1), VehicleKind::Training);
            edits::attach_vehicle(
                ws,
                on_move.id,
                AttachmentTarget::Move {
                    from_step_id: step.id,
                    to_step_id: next.id,
                },
            )
            .unwrap();
        }
        for c in 0..5 {
            edits::create_customer(
                ws,
                &CustomerInput {
                    current_step_id: Some(step.id),
                    arr_cents: Some(1_000_000 * (c + 1)),
                    external_id: Some(format!("C-{i}-{c}")),
                    ..CustomerInput::named(&format!("Customer {i}-{c} Studio"), persona.id)
                },
                now(),
            )
            .unwrap();
        }
    }
    persona.id
}

fn measure(what: &str, mut run: impl FnMut() -> usize) {
    let bytes = run();
    let mut took: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    took.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what}: median {:.1} ms, slowest {:.1} ms ({} KB)",
        ms(took[RUNS / 2]),
        ms(took[RUNS - 1]),
        bytes / 1024
    );
}

fn main() {
    let ws = Workspace::in_memory().unwrap();
    let id = twelve_step_map(&ws);
    let today = now().date_naive();
    for (what, format, paper, scale) in [
        ("SVG", MapFormat::Svg, Paper::A4, 1),
        ("PNG 1x", MapFormat::Png, Paper::A4, 1),
        ("PNG 2x", MapFormat::Png, Paper::A4, 2),
        ("PDF A4", MapFormat::Pdf, Paper::A4, 1),
        ("PDF Letter", MapFormat::Pdf, Paper::Letter, 1),
        ("PDF slides", MapFormat::Pdf, Paper::Slide, 1),
        ("HTML handout", MapFormat::Html, Paper::A4, 1),
    ] {
        let options = MapExportOptions {
            format,
            customers: MapCustomers::Names,
            paper,
            scale,
            slides: paper == Paper::Slide,
            matrix: false,
        };
        measure(&format!("{STEPS}-step map to {what}"), || {
            reads::export_map(&ws, &[id], &options, today)
                .unwrap()
                .len()
        });
        // To look at what was measured: MAP_EXPORT_OUT=folder bench/map-export.sh
        if let Some(folder) = std::env::var_os("MAP_EXPORT_OUT") {
            let name = what.to_lowercase().replace(' ', "-");
            let path =
                std::path::Path::new(&folder).join(format!("map-{name}.{}", format.extension()));
            let bytes = reads::export_map(&ws, &[id], &options, today).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }

    // A customer on step 3 aiming at step 10: its plan shows eight steps' KPIs ahead.
    let customer = reads::customer_by_external_id(&ws, "C-2-0").unwrap();
    let target = reads::map(&ws, id).unwrap().steps[9].step.id;
    edits::place_customers(
        &ws,
        &[customer],
        PlacementMove::Target {
            step_id: Some(target),
        },
        PlacementSource::Edit,
        now(),
    )
    .unwrap();
    for (what, format) in [("HTML", HandoutFormat::Html), ("PDF", HandoutFormat::Pdf)] {
        let options = HandoutOptions {
            format,
            internal: true,
            paper: Paper::A4,
        };
        measure(
            &format!("success plan on the {STEPS}-step map to {what}"),
            || {
                reads::export_handout(&ws, customer, &options, today)
                    .unwrap()
                    .len()
            },
        );
        if let Some(folder) = std::env::var_os("MAP_EXPORT_OUT") {
            let path = std::path::Path::new(&folder).join(format!("plan.{}", format.extension()));
            let bytes = reads::export_handout(&ws, customer, &options, today).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }
}
