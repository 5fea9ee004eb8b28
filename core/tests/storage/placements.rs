//! `placement`: the history of customers' current and target steps.

use successmap_core::db::placements::{self, PlacementChange, StepChange};
use successmap_core::db::{customers, steps};
use successmap_core::model::{
    CustomerId, CustomerInput, Placement, PlacementId, PlacementSource, SegmentFilter, StepId,
};
use successmap_core::Db;

use crate::common::{memory_db, now, persona, step, today};
use crate::{add_customer, assert_foreign_key_refused, stamp_after};

fn change(
    customer_id: CustomerId,
    current: (Option<StepId>, Option<StepId>),
    target: (Option<StepId>, Option<StepId>),
) -> PlacementChange {
    PlacementChange {
        customer_id,
        from_current: current.0,
        to_current: current.1,
        from_target: target.0,
        to_target: target.1,
    }
}

fn record(db: &mut Db, c: &PlacementChange, minutes: i64) -> Option<PlacementId> {
    db.write(|tx| placements::record(tx, c, &stamp_after(minutes), PlacementSource::Edit))
        .unwrap()
}

fn history(db: &Db, customer: CustomerId) -> Vec<Placement> {
    db.read(|c| placements::list_for_customer(c, customer))
        .unwrap()
}

#[test]
fn a_recorded_change_reads_back_with_every_column() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let c = add_customer(&mut db, &CustomerInput::named("Acme", p.id));
    let id = db
        .write(|tx| {
            placements::record(
                tx,
                &change(c, (None, Some(a)), (Some(a), Some(b))),
                &stamp_after(90),
                PlacementSource::Import,
            )
        })
        .unwrap()
        .expect("a change is recorded");
    assert_eq!(
        history(&db, c),
        [Placement {
            id,
            customer_id: c,
            from_current_step_id: None,
            to_current_step_id: Some(a),
            from_target_step_id: Some(a),
            to_target_step_id: Some(b),
            at: now() + chrono::Duration::minutes(90),
            source: PlacementSource::Import,
        }]
    );
}

#[test]
fn a_change_that_changes_nothing_is_not_recorded_but_a_target_change_is() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let c = add_customer(&mut db, &CustomerInput::named("Acme", p.id));
    let same = change(c, (Some(a), Some(a)), (Some(b), Some(b)));
    assert!(same.is_none());
    assert_eq!(record(&mut db, &same, 0), None);
    assert_eq!(
        record(&mut db, &change(c, (None, None), (None, None)), 0),
        None
    );
    assert!(history(&db, c).is_empty());
    let target_only = change(c, (Some(a), Some(a)), (None, Some(b)));
    assert!(!target_only.is_none());
    let id = record(&mut db, &target_only, 1);
    assert_eq!(
        history(&db, c)
            .into_iter()
            .map(|p| Some(p.id))
            .collect::<Vec<_>>(),
        [id]
    );
}

#[test]
fn history_lists_oldest_first_and_entries_newest_first_with_step_titles() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "Start").id;
    let b = step(&mut db, &p, "Finish").id;
    let c = add_customer(&mut db, &CustomerInput::named("Acme", p.id));
    let other = add_customer(&mut db, &CustomerInput::named("Other", p.id));
    // Recorded out of time order; equal times keep the order they were written in.
    let latest = record(&mut db, &change(c, (Some(a), Some(b)), (None, None)), 30).unwrap();
    let first = record(&mut db, &change(c, (None, Some(a)), (None, Some(b))), 10).unwrap();
    let same_time = record(&mut db, &change(c, (Some(a), Some(a)), (Some(b), None)), 10).unwrap();
    record(&mut db, &change(other, (None, Some(b)), (None, None)), 0);
    let ids: Vec<_> = history(&db, c).into_iter().map(|p| p.id).collect();
    assert_eq!(ids, [first, same_time, latest]);

    let entries = db
        .read(|conn| placements::entries_for_customer(conn, c))
        .unwrap();
    let shown: Vec<_> = entries
        .iter()
        .map(|e| {
            (
                e.id,
                e.current_changed,
                e.target_changed,
                e.from_current.as_deref(),
                e.to_current.as_deref(),
                e.from_target.as_deref(),
                e.to_target.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                latest,
                true,
                false,
                Some("Start"),
                Some("Finish"),
                None,
                None
            ),
            (
                same_time,
                false,
                true,
                Some("Start"),
                Some("Start"),
                Some("Finish"),
                None
            ),
            (first, true, true, None, Some("Start"), None, Some("Finish")),
        ]
    );
    assert_eq!(entries[0].at, now() + chrono::Duration::minutes(30));
    assert_eq!(entries[0].source, PlacementSource::Edit);
}

#[test]
fn a_deleted_step_is_forgotten_by_the_history_which_stays() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let gone = step(&mut db, &p, "Gone").id;
    let c = add_customer(&mut db, &CustomerInput::named("Acme", p.id));
    record(
        &mut db,
        &change(c, (Some(gone), Some(a)), (None, Some(gone))),
        0,
    );
    db.write(|tx| steps::delete(tx, gone)).unwrap();
    let kept = history(&db, c);
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (
            kept[0].from_current_step_id,
            kept[0].to_current_step_id,
            kept[0].from_target_step_id,
            kept[0].to_target_step_id
        ),
        (None, Some(a), None, None)
    );
    let entry = db
        .read(|conn| placements::entries_for_customer(conn, c))
        .unwrap()
        .remove(0);
    // Both sides of the target are now "no step": the entry no longer reads as a change.
    assert_eq!(
        (
            entry.current_changed,
            entry.target_changed,
            entry.from_current,
            entry.to_current
        ),
        (true, false, None, Some("A".to_string()))
    );
}

#[test]
fn a_customers_history_goes_with_it_and_needs_it() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let gone = add_customer(&mut db, &CustomerInput::named("Gone", p.id));
    let kept = add_customer(&mut db, &CustomerInput::named("Kept", p.id));
    record(&mut db, &change(gone, (None, Some(a)), (None, None)), 0);
    record(&mut db, &change(kept, (None, Some(a)), (None, None)), 0);
    db.write(|tx| customers::delete(tx, gone)).unwrap();
    assert!(history(&db, gone).is_empty());
    assert_eq!(history(&db, kept).len(), 1);
    assert_foreign_key_refused(db.write(|tx| {
        placements::record(
            tx,
            &change(CustomerId(999), (None, Some(a)), (None, None)),
            &stamp_after(0),
            PlacementSource::Drag,
        )
    }));
}

#[test]
fn step_changes_leave_out_target_changes_and_follow_the_segment_filter() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let q = persona(&mut db, "Builder");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let t = step(&mut db, &q, "T").id;
    let second = add_customer(&mut db, &CustomerInput::named("Second", p.id));
    let first = add_customer(&mut db, &CustomerInput::named("First", p.id));
    let elsewhere = add_customer(&mut db, &CustomerInput::named("Elsewhere", q.id));
    record(
        &mut db,
        &change(first, (Some(a), Some(b)), (None, None)),
        20,
    );
    record(&mut db, &change(first, (None, Some(a)), (None, None)), 10);
    record(
        &mut db,
        &change(first, (Some(b), Some(b)), (None, Some(b))),
        30,
    );
    record(&mut db, &change(second, (None, Some(b)), (None, None)), 5);
    record(
        &mut db,
        &change(elsewhere, (None, Some(t)), (None, None)),
        1,
    );
    let changes = |filter: SegmentFilter| {
        let mut seen = Vec::new();
        db.read(|c| {
            placements::for_each_step_change(c, &filter, today(), &mut |s: StepChange| {
                seen.push((s.customer_id, s.at, s.from, s.to));
            })
        })
        .unwrap();
        seen
    };
    let of_p = changes(SegmentFilter {
        persona_id: Some(p.id),
        ..SegmentFilter::default()
    });
    assert_eq!(
        of_p,
        [
            (second, stamp_after(5), None, Some(b)),
            (first, stamp_after(10), None, Some(a)),
            (first, stamp_after(20), Some(a), Some(b)),
        ]
    );
    assert_eq!(changes(SegmentFilter::default()).len(), 4);
}
