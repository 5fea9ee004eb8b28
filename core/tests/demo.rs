#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use std::collections::HashSet;

use common::{memory_db, now};
use successmap_core::model::{KpiDirection, VehicleKind};
use successmap_core::{demo, ops, CoreError};

#[test]
fn the_demo_has_three_architect_personas_with_complete_maps() {
    let mut db = memory_db();
    db.write(|tx| demo::build(tx, now())).unwrap();
    let personas = db.read(ops::personas::list).unwrap();
    let names: Vec<_> = personas.iter().map(|p| p.persona.name.as_str()).collect();
    assert_eq!(names, demo::persona_names());
    assert_eq!(
        names,
        [
            "Home architect",
            "Large-building architect",
            "Industrial architect"
        ]
    );
    let share: f64 = personas
        .iter()
        .filter_map(|p| p.persona.revenue_share)
        .sum();
    assert!(
        (75.0..=100.0).contains(&share),
        "shares cover most revenue: {share}"
    );
    for p in &personas {
        assert!(!p.persona.success_definition.is_empty());
        assert!(
            (4..=6).contains(&p.step_count),
            "{} has {} steps",
            p.persona.name,
            p.step_count
        );
        let view = db.read(|c| ops::maps::detail(c, p.persona.id)).unwrap();
        for step in &view.steps {
            assert!(!step.kpis.is_empty(), "{} has a KPI", step.step.title);
            for k in &step.kpis {
                let ordered = match k.direction {
                    KpiDirection::HigherIsBetter => {
                        k.entry_level <= k.good_level && k.good_level <= k.best_level
                    }
                    KpiDirection::LowerIsBetter => {
                        k.entry_level >= k.good_level && k.good_level >= k.best_level
                    }
                };
                assert!(ordered, "{} levels follow its direction", k.name);
            }
        }
        let placed: u32 = view.steps.iter().map(|s| s.customer_count).sum();
        assert_eq!(placed, p.customer_count, "every demo customer is placed");
    }
    let customers: u32 = personas.iter().map(|p| p.customer_count).sum();
    assert!(
        (24..=60).contains(&customers),
        "a few dozen customers: {customers}"
    );
}

#[test]
fn the_demo_has_vehicles_of_every_kind_and_leaves_some_gaps() {
    let mut db = memory_db();
    db.write(|tx| demo::build(tx, now())).unwrap();
    let kinds: HashSet<_> = db
        .read(ops::vehicles::list)
        .unwrap()
        .iter()
        .map(|v| v.kind)
        .collect();
    for kind in [
        VehicleKind::Training,
        VehicleKind::Community,
        VehicleKind::Enablement,
        VehicleKind::Custom,
    ] {
        assert!(kinds.contains(&kind), "{kind:?}");
    }
    let personas = db.read(ops::personas::list).unwrap();
    let (mut covered, mut total) = (0, 0);
    for p in &personas {
        let view = db.read(|c| ops::maps::detail(c, p.persona.id)).unwrap();
        total += view.moves.len();
        covered += view.moves.iter().filter(|m| !m.vehicles.is_empty()).count();
    }
    assert!(
        covered > 0 && covered < total,
        "{covered} of {total} moves covered"
    );
}

#[test]
fn the_demo_is_the_same_every_time() {
    let dump = || {
        let mut db = memory_db();
        db.write(|tx| demo::build(tx, now())).unwrap();
        db.read(|c| {
            ops::customers::page(
                c,
                &successmap_core::model::CustomerQuery::default(),
                common::today(),
                0,
                500,
            )
        })
        .unwrap()
    };
    assert_eq!(dump(), dump());
}

#[test]
fn the_demo_is_only_loaded_into_an_empty_workspace() {
    let mut db = memory_db();
    common::persona(&mut db, "Mine");
    let err = db.write(|tx| demo::build(tx, now())).unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)));
    assert_eq!(
        db.read(ops::personas::list).unwrap().len(),
        1,
        "nothing half-built"
    );
}

#[test]
fn the_workspace_is_named_after_the_demo() {
    let mut db = memory_db();
    db.write(|tx| demo::build(tx, now())).unwrap();
    let info = db.read(|c| ops::workspace::info(c, None)).unwrap();
    assert_eq!(info.name, demo::WORKSPACE_NAME);
    assert_eq!(info.persona_count, 3);
}

#[test]
fn the_demo_customers_have_journeys_to_look_at_in_progression() {
    let mut db = memory_db();
    db.write(|tx| demo::build(tx, now())).unwrap();
    let today = common::today();
    let personas = db.read(ops::personas::list).unwrap();
    let view = db
        .read(|c| {
            ops::segments::progression(
                c,
                &successmap_core::model::SegmentFilter::default(),
                personas[0].persona.id,
                today - chrono::Duration::days(365),
                today,
                60,
                today,
            )
        })
        .unwrap();
    // Customers moved on from the first step after a stay, some moved forward within
    // the year, and some have sat on their step for more than 60 days.
    assert!(view.rows[0].median_days.is_some_and(|d| d >= 14.0));
    assert!(view.rows.iter().map(|r| r.forward).sum::<u32>() > 0);
    assert!(view.stalled > 0);
    // Every customer still stands where the demo puts them: the map counts them all.
    let total: u32 = personas.iter().map(|p| p.customer_count).sum();
    assert_eq!(total, 36);
}
