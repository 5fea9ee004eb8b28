//! `saved_segment`: named segment filters with one matrix cell or none.

use successmap_core::db::{segments, steps};
use successmap_core::model::{
    CellRef, HealthBand, NpsBand, ProgressBasis, Quadrant, QuadrantRef, SatisfactionMeasure,
    SavedSegment, SavedSegmentInput, SegmentFilter, SegmentId, StepId,
};
use successmap_core::Db;

use crate::common::{memory_db, persona, step};
use crate::{assert_conflict, assert_not_found, stamp};

fn named(name: &str) -> SavedSegmentInput {
    SavedSegmentInput {
        name: name.to_string(),
        filter: SegmentFilter::default(),
        cell: None,
        quadrant: None,
    }
}

fn save(db: &mut Db, s: &SavedSegmentInput) -> SegmentId {
    db.write(|tx| segments::insert(tx, s, &stamp())).unwrap()
}

#[test]
fn a_segment_reads_back_with_its_whole_filter_cell_and_quadrant() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let input = SavedSegmentInput {
        name: "At-risk “big” accounts".into(),
        filter: SegmentFilter {
            persona_id: Some(p.id),
            owner: Some(String::new()),
            min_arr_cents: Some(-5),
            max_arr_cents: Some(i64::MAX),
            health_band: Some(HealthBand::AtRisk),
            nps_band: Some(NpsBand::Unknown),
            renewal_within_days: Some(90),
            stalled_days: Some(0),
        },
        cell: Some(CellRef {
            current_step_id: Some(a),
            target_step_id: Some(b),
        }),
        quadrant: Some(QuadrantRef {
            basis: ProgressBasis::Target,
            measure: SatisfactionMeasure::Csat,
            quadrant: Quadrant::SatisfiedNotSuccessful,
        }),
    };
    let id = save(&mut db, &input);
    assert_eq!(
        db.read(|c| segments::get(c, id)).unwrap(),
        SavedSegment {
            id,
            name: input.name.clone(),
            filter: input.filter.clone(),
            cell: input.cell,
            quadrant: input.quadrant,
        }
    );
    // An update replaces all of it.
    db.write(|tx| segments::update(tx, id, &named("Everyone"), &stamp()))
        .unwrap();
    assert_eq!(
        db.read(|c| segments::get(c, id)).unwrap(),
        SavedSegment {
            id,
            name: "Everyone".into(),
            filter: SegmentFilter::default(),
            cell: None,
            quadrant: None,
        }
    );
}

#[test]
fn no_cell_differs_from_the_cell_of_the_unplaced_without_target() {
    let mut db = memory_db();
    let none = save(&mut db, &named("No cell"));
    let unplaced = save(
        &mut db,
        &SavedSegmentInput {
            cell: Some(CellRef {
                current_step_id: None,
                target_step_id: None,
            }),
            ..named("Unplaced cell")
        },
    );
    assert_eq!(db.read(|c| segments::get(c, none)).unwrap().cell, None);
    assert_eq!(
        db.read(|c| segments::get(c, unplaced)).unwrap().cell,
        Some(CellRef {
            current_step_id: None,
            target_step_id: None,
        })
    );
}

#[test]
fn segment_names_are_unique_and_found_ignoring_case_and_spaces() {
    let mut db = memory_db();
    let id = save(&mut db, &named("Renewals"));
    let other = save(&mut db, &named("Champions"));
    assert_conflict(
        db.write(|tx| segments::insert(tx, &named("RENEWALS"), &stamp())),
        "a segment named \"RENEWALS\" already exists",
    );
    assert_conflict(
        db.write(|tx| segments::update(tx, other, &named("renewals"), &stamp())),
        "\"renewals\"",
    );
    let found = db.read(|c| segments::by_name(c, "  rEnEwAlS ")).unwrap();
    assert_eq!(found.map(|s| s.id), Some(id));
    assert_eq!(db.read(|c| segments::by_name(c, "Renewal")).unwrap(), None);
}

#[test]
fn segments_are_listed_by_name_ignoring_case() {
    let mut db = memory_db();
    for name in ["beta", "Alpha", "Gamma", "alphabet"] {
        save(&mut db, &named(name));
    }
    let names: Vec<_> = db
        .read(segments::list)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Alpha", "alphabet", "beta", "Gamma"]);
}

#[test]
fn a_missing_segment_is_not_found() {
    let mut db = memory_db();
    assert_not_found(db.read(|c| segments::get(c, SegmentId(6))), "segment", 6);
    assert_not_found(
        db.write(|tx| segments::update(tx, SegmentId(6), &named("X"), &stamp())),
        "segment",
        6,
    );
    assert_not_found(
        db.write(|tx| segments::delete(tx, SegmentId(6))),
        "segment",
        6,
    );
    let id = save(&mut db, &named("Short-lived"));
    db.write(|tx| segments::delete(tx, id)).unwrap();
    assert_not_found(db.read(|c| segments::get(c, id)), "segment", id.0);
}

#[test]
fn a_segment_keeps_its_cell_when_the_step_is_deleted() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let cell = CellRef {
        current_step_id: Some(a),
        target_step_id: Some(StepId(12_345)),
    };
    let id = save(
        &mut db,
        &SavedSegmentInput {
            cell: Some(cell),
            ..named("On A")
        },
    );
    db.write(|tx| steps::delete(tx, a)).unwrap();
    assert_eq!(db.read(|c| segments::get(c, id)).unwrap().cell, Some(cell));
}

#[test]
fn stored_filter_fields_this_version_does_not_know_are_ignored() {
    let mut db = memory_db();
    let id = save(&mut db, &named("From the future"));
    db.write(|tx| {
        tx.execute(
            "UPDATE saved_segment
                SET filter = '{\"ownerTeam\":\"EMEA\",\"minArrCents\":500}',
                    quadrant = '{\"basis\":\"map\",\"measure\":\"nps\",\"quadrant\":\"neither\",\"x\":1}'
              WHERE id = ?1",
            [id],
        )?;
        Ok(())
    })
    .unwrap();
    let s = db.read(|c| segments::get(c, id)).unwrap();
    assert_eq!(
        s.filter,
        SegmentFilter {
            min_arr_cents: Some(500),
            ..SegmentFilter::default()
        }
    );
    assert_eq!(
        s.quadrant,
        Some(QuadrantRef {
            basis: ProgressBasis::Map,
            measure: SatisfactionMeasure::Nps,
            quadrant: Quadrant::Neither,
        })
    );
}
