//! A known map for the export tests: three steps, KPIs, vehicles on a step and a move,
//! a gap, a hostile step title and a hostile customer name.
#![allow(dead_code, clippy::unwrap_used)]

use super::now;
use successmap_core::model::{
    AttachmentTarget, CustomerInput, KpiDirection, KpiInput, KpiKind, PersonaId, PersonaInput,
    StepInput, Vehicle, VehicleInput, VehicleKind,
};
use successmap_core::{edits, Workspace};

pub const HOSTILE_STEP: &str = r#"</text><script>alert("x")</script> & Co"#;
pub const HOSTILE_CUSTOMER: &str = "<img src=x onerror=alert(1)>";

fn vehicle(ws: &Workspace, kind: VehicleKind, name: &str) -> Vehicle {
    edits::create_vehicle(
        ws,
        &VehicleInput {
            kind,
            custom_kind: None,
            name: name.into(),
            description: String::new(),
            owner: String::new(),
            link: String::new(),
            effort: String::new(),
        },
    )
    .unwrap()
}

/// A three-step map: KPIs on the first two steps, a vehicle on step 1 and on the move
/// 1 → 2, none on 2 → 3 (a gap), a hostile step title and a hostile customer name
/// (ACC-1; Quarry Collective is ACC-2), both on step 2 aiming at step 3.
pub fn known_map(ws: &Workspace) -> PersonaId {
    let persona = edits::create_persona(
        ws,
        &PersonaInput {
            success_definition: "Ships every project on the platform".into(),
            color: Some("#0b7285".into()),
            ..PersonaInput::named("Studio lead")
        },
        now(),
    )
    .unwrap();
    let titles = ["Pilot live", "Team onboarded", HOSTILE_STEP];
    let steps: Vec<_> = titles
        .iter()
        .map(|title| {
            edits::add_step(
                ws,
                persona.map_id,
                &StepInput {
                    title: title.to_string(),
                    outcome: format!("Outcome of {title}"),
                    notes: Some("Ask the room first".into()),
                },
                None,
                now(),
            )
            .unwrap()
        })
        .collect();
    edits::add_kpi(
        ws,
        steps[0].id,
        &KpiInput {
            name: "Active seats".into(),
            unit: "%".into(),
            direction: KpiDirection::HigherIsBetter,
            kind: KpiKind::Success,
            entry_level: 25.0,
            good_level: 50.0,
            best_level: 80.0,
        },
    )
    .unwrap();
    edits::add_kpi(
        ws,
        steps[1].id,
        &KpiInput {
            name: "Days to first model".into(),
            unit: "days".into(),
            direction: KpiDirection::LowerIsBetter,
            kind: KpiKind::Success,
            entry_level: 60.0,
            good_level: 30.0,
            best_level: 14.0,
        },
    )
    .unwrap();
    let office = vehicle(ws, VehicleKind::Community, "Office hours for leads");
    let bootcamp = vehicle(ws, VehicleKind::Training, "Rollout bootcamp");
    edits::attach_vehicle(
        ws,
        office.id,
        AttachmentTarget::Step {
            step_id: steps[0].id,
        },
    )
    .unwrap();
    edits::attach_vehicle(
        ws,
        bootcamp.id,
        AttachmentTarget::Move {
            from_step_id: steps[0].id,
            to_step_id: steps[1].id,
        },
    )
    .unwrap();
    for (i, (name, arr)) in [
        (HOSTILE_CUSTOMER, 4_200_000),
        ("Quarry Collective", 1_000_000),
    ]
    .into_iter()
    .enumerate()
    {
        edits::create_customer(
            ws,
            &CustomerInput {
                external_id: Some(format!("ACC-{}", i + 1)),
                current_step_id: Some(steps[1].id),
                target_step_id: Some(steps[2].id),
                arr_cents: Some(arr),
                ..CustomerInput::named(name, persona.id)
            },
            now(),
        )
        .unwrap();
    }
    persona.id
}
