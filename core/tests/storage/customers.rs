//! `customer` (db/customers/mod.rs): one customer at a time, and its per-step figures.

use chrono::NaiveDate;
use rusqlite::ffi::{SQLITE_CONSTRAINT_CHECK, SQLITE_CONSTRAINT_FOREIGNKEY};
use successmap_core::db::customers;
use successmap_core::model::{Customer, CustomerId, CustomerInput, PersonaId, StepId};
use successmap_core::Db;

use crate::common::{memory_db, persona, step};
use crate::{
    add_customer, assert_conflict, assert_not_found, count, customer_input, kept_cells,
    sqlite_code, stamp, stamp_after,
};

fn full(persona: PersonaId, current: StepId, target: StepId) -> CustomerInput {
    CustomerInput {
        external_id: Some("CRM-001".into()),
        name: "Acme “Holdings”".into(),
        persona_id: persona,
        current_step_id: Some(current),
        target_step_id: Some(target),
        arr_cents: Some(12_345_678),
        health: Some(0),
        nps: Some(-100),
        csat: Some(87.5),
        owner: "Dana".into(),
        renewal_date: NaiveDate::from_ymd_opt(2027, 2, 28),
        notes: "Ünïcode notes\nsecond line".into(),
    }
}

fn times(db: &Db, id: CustomerId) -> (String, String) {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT created_at, updated_at FROM customer WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    })
    .unwrap()
}

#[test]
fn every_column_of_a_customer_survives_a_round_trip_nulls_included() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let input = full(p.id, a, b);
    let id = add_customer(&mut db, &input);
    assert_eq!(
        db.read(|c| customers::get(c, id)).unwrap(),
        Customer {
            id,
            external_id: input.external_id.clone(),
            name: input.name.clone(),
            persona_id: p.id,
            current_step_id: Some(a),
            target_step_id: Some(b),
            arr_cents: Some(12_345_678),
            health: Some(0),
            nps: Some(-100),
            csat: Some(87.5),
            owner: "Dana".into(),
            renewal_date: NaiveDate::from_ymd_opt(2027, 2, 28),
            notes: "Ünïcode notes\nsecond line".into(),
        }
    );
    assert_eq!(times(&db, id), (stamp(), stamp()));
    let bare = add_customer(&mut db, &CustomerInput::named("Bare", p.id));
    assert_eq!(
        db.read(|c| customers::get(c, bare)).unwrap(),
        Customer {
            id: bare,
            external_id: None,
            name: "Bare".into(),
            persona_id: p.id,
            current_step_id: None,
            target_step_id: None,
            arr_cents: None,
            health: None,
            nps: None,
            csat: None,
            owner: String::new(),
            renewal_date: None,
            notes: String::new(),
        }
    );
}

#[test]
fn a_customers_row_names_its_persona_and_steps_with_their_positions() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "Start").id;
    let b = step(&mut db, &p, "Finish").id;
    let placed = add_customer(
        &mut db,
        &customer_input("Placed", p.id, Some(b), Some(a), None),
    );
    let row = db.read(|c| customers::row(c, placed)).unwrap();
    assert_eq!(
        row.customer,
        db.read(|c| customers::get(c, placed)).unwrap()
    );
    assert_eq!(
        (
            row.persona_name.as_str(),
            row.current_step_title.as_deref(),
            row.target_step_title.as_deref(),
            row.current_step_position,
            row.target_step_position,
            row.is_regression()
        ),
        (
            "Architect",
            Some("Finish"),
            Some("Start"),
            Some(1),
            Some(0),
            true
        )
    );
    let unplaced = add_customer(&mut db, &CustomerInput::named("Unplaced", p.id));
    let row = db.read(|c| customers::row(c, unplaced)).unwrap();
    assert_eq!(
        (
            row.current_step_title,
            row.target_step_title,
            row.current_step_position,
            row.target_step_position
        ),
        (None, None, None, None)
    );
}

#[test]
fn an_update_replaces_every_column_and_set_steps_only_the_steps() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let q = persona(&mut db, "Builder");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let id = add_customer(&mut db, &full(p.id, a, b));
    let mut changed = CustomerInput::named("Renamed", q.id);
    changed.health = Some(100);
    db.write(|tx| customers::update(tx, id, &changed, &stamp_after(1)))
        .unwrap();
    let stored = db.read(|c| customers::get(c, id)).unwrap();
    assert_eq!(
        (
            stored.external_id,
            stored.name.as_str(),
            stored.persona_id,
            stored.current_step_id,
            stored.arr_cents,
            stored.health,
            stored.csat,
            stored.owner.as_str(),
            stored.renewal_date,
            stored.notes.as_str()
        ),
        (
            None,
            "Renamed",
            q.id,
            None,
            None,
            Some(100),
            None,
            "",
            None,
            ""
        )
    );
    assert_eq!(times(&db, id), (stamp(), stamp_after(1)));

    let other = add_customer(&mut db, &full(p.id, a, b));
    let before = db.read(|c| customers::get(c, other)).unwrap();
    db.write(|tx| customers::set_steps(tx, other, Some(b), None, &stamp_after(2)))
        .unwrap();
    assert_eq!(
        db.read(|c| customers::get(c, other)).unwrap(),
        Customer {
            current_step_id: Some(b),
            target_step_id: None,
            ..before
        }
    );
    assert_eq!(times(&db, other).1, stamp_after(2));
}

#[test]
fn an_external_id_is_unique_but_any_number_of_customers_may_have_none() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let mut first = CustomerInput::named("First", p.id);
    first.external_id = Some("CRM-1".into());
    add_customer(&mut db, &first);
    add_customer(&mut db, &CustomerInput::named("No id 1", p.id));
    let second = add_customer(&mut db, &CustomerInput::named("No id 2", p.id));
    assert_conflict(
        db.write(|tx| customers::insert(tx, &first, &stamp())),
        "another customer already has the external id \"CRM-1\"",
    );
    let mut taken = CustomerInput::named("No id 2", p.id);
    taken.external_id = Some("CRM-1".into());
    assert_conflict(
        db.write(|tx| customers::update(tx, second, &taken, &stamp())),
        "\"CRM-1\"",
    );
    assert_eq!(db.read(customers::count).unwrap(), 3);
    // The failed writes left the matrix as it was: three unplaced customers.
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(p.id, None, None, 3, 0)]
    );
}

#[test]
fn out_of_range_values_and_unknown_personas_are_refused_by_the_schema() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let base = CustomerInput::named("Acme", p.id);
    let refused: [(CustomerInput, i32); 7] = [
        (
            CustomerInput {
                name: " ".into(),
                ..base.clone()
            },
            SQLITE_CONSTRAINT_CHECK,
        ),
        (
            CustomerInput {
                external_id: Some("  ".into()),
                ..base.clone()
            },
            SQLITE_CONSTRAINT_CHECK,
        ),
        (
            CustomerInput {
                arr_cents: Some(-1),
                ..base.clone()
            },
            SQLITE_CONSTRAINT_CHECK,
        ),
        (
            CustomerInput {
                health: Some(101),
                ..base.clone()
            },
            SQLITE_CONSTRAINT_CHECK,
        ),
        (
            CustomerInput {
                nps: Some(-101),
                ..base.clone()
            },
            SQLITE_CONSTRAINT_CHECK,
        ),
        (
            CustomerInput {
                csat: Some(100.5),
                ..base.clone()
            },
            SQLITE_CONSTRAINT_CHECK,
        ),
        (
            CustomerInput {
                persona_id: PersonaId(99),
                ..base.clone()
            },
            SQLITE_CONSTRAINT_FOREIGNKEY,
        ),
    ];
    for (input, code) in refused {
        assert_eq!(
            sqlite_code(db.write(|tx| customers::insert(tx, &input, &stamp()))),
            code,
            "{input:?}"
        );
    }
    assert_eq!(db.read(customers::count).unwrap(), 0);
    assert_eq!(
        db.read(|c| Ok(count(c, "SELECT count(*) FROM segment_cell")))
            .unwrap(),
        0
    );
}

#[test]
fn a_missing_customer_is_not_found() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let input = CustomerInput::named("Ghost", p.id);
    let id = CustomerId(8);
    assert_not_found(db.read(|c| customers::get(c, id)), "customer", 8);
    assert_not_found(db.read(|c| customers::row(c, id)), "customer", 8);
    assert_not_found(
        db.write(|tx| customers::update(tx, id, &input, &stamp())),
        "customer",
        8,
    );
    assert_not_found(db.write(|tx| customers::delete(tx, id)), "customer", 8);
    assert_not_found(
        db.write(|tx| customers::set_steps(tx, id, None, None, &stamp())),
        "customer",
        8,
    );
}

#[test]
fn step_figures_count_customers_on_and_aiming_at_each_step_in_map_order() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let c = step(&mut db, &p, "C").id;
    let small = add_customer(
        &mut db,
        &customer_input("Small", p.id, Some(a), Some(b), Some(100)),
    );
    let big = add_customer(
        &mut db,
        &customer_input("Big", p.id, Some(a), Some(c), Some(900)),
    );
    let unknown = add_customer(
        &mut db,
        &customer_input("Unknown", p.id, Some(a), Some(b), None),
    );
    let tie = add_customer(
        &mut db,
        &customer_input("Tie", p.id, Some(a), None, Some(100)),
    );
    add_customer(
        &mut db,
        &customer_input("Later", p.id, Some(b), Some(c), Some(50)),
    );
    add_customer(
        &mut db,
        &customer_input("Unplaced", p.id, None, Some(a), Some(7)),
    );

    assert_eq!(
        db.read(|conn| customers::count_on_step(conn, a)).unwrap(),
        (4, 1)
    );
    assert_eq!(
        db.read(|conn| customers::count_on_step(conn, c)).unwrap(),
        (0, 2)
    );
    assert_eq!(
        db.read(|conn| customers::step_figures(conn, p.map_id))
            .unwrap(),
        [(a, 4, 1, 1_100), (b, 1, 2, 50), (c, 0, 2, 0)]
    );
    // Chips: largest ARR first, equal ARR newest first, no ARR last.
    let chips: Vec<_> = db
        .read(|conn| customers::chips_on_step(conn, a, 10))
        .unwrap()
        .into_iter()
        .map(|chip| chip.id)
        .collect();
    assert_eq!(chips, [big, tie, small, unknown]);
    assert_eq!(
        db.read(|conn| customers::chips_on_step(conn, a, 2))
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        db.read(|conn| customers::count_unplaced(conn, p.id))
            .unwrap(),
        1
    );
    assert_eq!(
        db.read(|conn| customers::count_for_persona(conn, p.id))
            .unwrap(),
        6
    );
}

#[test]
fn owners_are_listed_once_each_ignoring_case_for_order_and_without_blanks() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    for owner in ["dana", "Chris", "", "Dana", "chris", "Alex", "Alex"] {
        let mut c = CustomerInput::named("Acme", p.id);
        c.owner = owner.to_string();
        add_customer(&mut db, &c);
    }
    let owners = db.read(customers::owners).unwrap();
    let mut lowered: Vec<_> = owners.iter().map(|o| o.to_lowercase()).collect();
    assert_eq!(lowered.len(), 5);
    lowered.dedup();
    assert_eq!(lowered, ["alex", "chris", "dana"]);
    assert!(owners.contains(&"Chris".to_string()) && owners.contains(&"chris".to_string()));
}

#[test]
fn a_persona_hands_its_customers_over_unplaced_or_deletes_them() {
    let mut db = memory_db();
    let from = persona(&mut db, "From");
    let to = persona(&mut db, "To");
    let a = step(&mut db, &from, "A").id;
    let first = add_customer(
        &mut db,
        &customer_input("First", from.id, Some(a), Some(a), Some(5)),
    );
    let second = add_customer(
        &mut db,
        &customer_input("Second", from.id, None, Some(a), None),
    );
    assert_eq!(
        db.read(|c| customers::placements_of_persona(c, from.id))
            .unwrap(),
        [(first, Some(a), Some(a)), (second, None, Some(a))]
    );
    assert_eq!(
        db.read(|c| customers::names_and_steps_of_persona(c, from.id))
            .unwrap(),
        [
            (first, "First".to_string(), Some(a)),
            (second, "Second".to_string(), None)
        ]
    );
    db.write(|tx| customers::move_to_persona(tx, from.id, to.id, &stamp_after(3)))
        .unwrap();
    assert!(db
        .read(|c| customers::placements_of_persona(c, from.id))
        .unwrap()
        .is_empty());
    assert_eq!(
        db.read(|c| customers::placements_of_persona(c, to.id))
            .unwrap(),
        [(first, None, None), (second, None, None)]
    );
    assert_eq!(times(&db, first).1, stamp_after(3));
    db.write(|tx| customers::delete_for_persona(tx, to.id))
        .unwrap();
    assert_eq!(db.read(customers::count).unwrap(), 0);
}
