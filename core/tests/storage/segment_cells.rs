//! `segment_cell`: the current × target matrix, kept in step by every customer write.

use successmap_core::db::customers;
use successmap_core::db::segment_cells::{self, CellDeltas, Counted};
use successmap_core::model::{CustomerInput, StepId};

use crate::common::{memory_db, persona, step};
use crate::{add_customer, count, customer_input, fresh_cells, kept_cells, stamp};

fn cell_rows(conn: &rusqlite::Connection) -> i64 {
    count(conn, "SELECT count(*) FROM segment_cell")
}

#[test]
fn new_customers_are_counted_in_their_cell_with_their_arr() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let q = persona(&mut db, "Builder");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    add_customer(
        &mut db,
        &customer_input("1", p.id, Some(a), Some(b), Some(1_000)),
    );
    add_customer(&mut db, &customer_input("2", p.id, Some(a), Some(b), None));
    add_customer(&mut db, &customer_input("3", p.id, Some(a), None, Some(5)));
    add_customer(&mut db, &customer_input("4", q.id, None, None, Some(70)));
    let mut expected = vec![
        (p.id, Some(a), Some(b), 2, 1_000),
        (p.id, Some(a), None, 1, 5),
        (q.id, None, None, 1, 70),
    ];
    expected.sort();
    assert_eq!(db.read(|c| Ok(kept_cells(c))).unwrap(), expected);
    assert_eq!(db.read(|c| Ok(fresh_cells(c))).unwrap(), expected);
    let mut only_q = db.read(|c| segment_cells::all(c, Some(q.id))).unwrap();
    only_q.sort();
    assert_eq!(only_q, [(q.id, None, None, 1, 70)]);
}

#[test]
fn a_moved_customer_leaves_its_old_cell_which_goes_when_empty() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let q = persona(&mut db, "Builder");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let id = add_customer(
        &mut db,
        &customer_input("Acme", p.id, Some(a), None, Some(300)),
    );
    db.write(|tx| customers::set_steps(tx, id, Some(b), Some(b), &stamp()))
        .unwrap();
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(p.id, Some(b), Some(b), 1, 300)]
    );
    // Another persona, another ARR, through a full update.
    let edited = customer_input("Acme", q.id, None, None, Some(40));
    db.write(|tx| customers::update(tx, id, &edited, &stamp()))
        .unwrap();
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(q.id, None, None, 1, 40)]
    );
    assert_eq!(db.read(|c| Ok(cell_rows(c))).unwrap(), 1);
}

#[test]
fn a_change_of_arr_alone_keeps_the_count_and_corrects_the_sum() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let id = add_customer(
        &mut db,
        &customer_input("One", p.id, Some(a), None, Some(100)),
    );
    add_customer(
        &mut db,
        &customer_input("Two", p.id, Some(a), None, Some(20)),
    );
    for (arr, sum) in [(Some(150), 170), (None, 20), (Some(0), 20)] {
        let edited = customer_input("One", p.id, Some(a), None, arr);
        db.write(|tx| customers::update(tx, id, &edited, &stamp()))
            .unwrap();
        assert_eq!(
            db.read(|c| Ok(kept_cells(c))).unwrap(),
            [(p.id, Some(a), None, 2, sum)],
            "ARR {arr:?}"
        );
    }
    // An update that changes nothing of the cell leaves it as it was.
    let renamed = customer_input("Renamed", p.id, Some(a), None, Some(0));
    db.write(|tx| customers::update(tx, id, &renamed, &stamp()))
        .unwrap();
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(p.id, Some(a), None, 2, 20)]
    );
}

#[test]
fn deleted_customers_are_taken_out_and_an_emptied_cell_is_removed() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let one = add_customer(
        &mut db,
        &customer_input("One", p.id, Some(a), None, Some(100)),
    );
    let two = add_customer(
        &mut db,
        &customer_input("Two", p.id, Some(a), None, Some(20)),
    );
    let alone = add_customer(&mut db, &CustomerInput::named("Alone", p.id));
    db.write(|tx| customers::delete(tx, one)).unwrap();
    db.write(|tx| customers::delete(tx, alone)).unwrap();
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(p.id, Some(a), None, 1, 20)]
    );
    db.write(|tx| customers::delete(tx, two)).unwrap();
    assert_eq!(db.read(|c| Ok(cell_rows(c))).unwrap(), 0);
}

#[test]
fn sums_read_a_persona_a_step_or_the_unplaced_from_the_kept_cells() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let q = persona(&mut db, "Builder");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    add_customer(
        &mut db,
        &customer_input("1", p.id, Some(a), Some(b), Some(1)),
    );
    add_customer(&mut db, &customer_input("2", p.id, Some(a), None, Some(10)));
    add_customer(
        &mut db,
        &customer_input("3", p.id, None, Some(b), Some(100)),
    );
    add_customer(&mut db, &customer_input("4", q.id, None, None, Some(1_000)));
    let sum = |persona, current: Option<Option<StepId>>, target: Option<Option<StepId>>| {
        db.read(|c| segment_cells::sum(c, persona, current, target))
            .unwrap()
    };
    assert_eq!(sum(None, None, None), (4, 1_111));
    assert_eq!(sum(Some(p.id), None, None), (3, 111));
    assert_eq!(sum(Some(p.id), Some(Some(a)), None), (2, 11));
    assert_eq!(sum(None, Some(None), None), (2, 1_100));
    assert_eq!(sum(Some(p.id), Some(None), Some(Some(b))), (1, 100));
    assert_eq!(sum(None, None, Some(None)), (2, 1_010));
    assert_eq!(sum(Some(q.id), Some(Some(a)), None), (0, 0));
}

#[test]
fn handing_a_personas_customers_over_recounts_both_personas() {
    let mut db = memory_db();
    let from = persona(&mut db, "From");
    let to = persona(&mut db, "To");
    let a = step(&mut db, &from, "A").id;
    let t = step(&mut db, &to, "T").id;
    add_customer(
        &mut db,
        &customer_input("1", from.id, Some(a), None, Some(5)),
    );
    add_customer(
        &mut db,
        &customer_input("2", from.id, Some(a), Some(a), None),
    );
    add_customer(&mut db, &customer_input("3", to.id, Some(t), None, Some(7)));
    add_customer(&mut db, &customer_input("4", to.id, None, None, Some(1)));
    db.write(|tx| customers::move_to_persona(tx, from.id, to.id, &stamp()))
        .unwrap();
    let mut expected = vec![(to.id, None, None, 3, 6), (to.id, Some(t), None, 1, 7)];
    expected.sort();
    assert_eq!(db.read(|c| Ok(kept_cells(c))).unwrap(), expected);
    assert_eq!(db.read(|c| Ok(fresh_cells(c))).unwrap(), expected);
    db.write(|tx| customers::delete_for_persona(tx, to.id))
        .unwrap();
    assert_eq!(db.read(|c| Ok(cell_rows(c))).unwrap(), 0);
}

#[test]
fn cell_deltas_add_up_and_are_written_once_applied() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let at = |current: Option<StepId>, arr: Option<i64>| Counted {
        persona_id: p.id,
        current_step_id: current,
        target_step_id: None,
        arr_cents: arr,
    };
    db.write(|tx| {
        let mut deltas = CellDeltas::default();
        deltas.add(at(Some(a), Some(10)));
        deltas.add(at(Some(a), Some(5)));
        deltas.add(at(None, Some(3)));
        deltas.remove(at(None, Some(3)));
        // An unchanged customer is no change at all.
        deltas.change(at(Some(a), Some(1)), at(Some(a), Some(1)));
        // Nothing is written before `apply`.
        assert_eq!(cell_rows(tx), 0);
        deltas.apply(tx)?;
        // `apply` forgets what it wrote: applying again changes nothing.
        deltas.apply(tx)
    })
    .unwrap();
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(p.id, Some(a), None, 2, 15)]
    );
    db.write(|tx| {
        let mut deltas = CellDeltas::default();
        deltas.change(at(Some(a), Some(10)), at(None, Some(10)));
        deltas.remove(at(Some(a), Some(5)));
        deltas.apply(tx)
    })
    .unwrap();
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(p.id, None, None, 1, 10)]
    );
}
