//! `customer_kpi_value`: customers' measured values of their map's KPIs.

use std::collections::HashMap;

use successmap_core::db::{customer_kpis, customers, kpis};
use successmap_core::model::{
    CustomerId, CustomerInput, KpiDirection, KpiId, KpiInput, KpiKind, StepId,
};
use successmap_core::Db;

use crate::common::{memory_db, persona, step};
use crate::{add_customer, assert_foreign_key_refused, stamp, stamp_after};

fn kpi(db: &mut Db, step: StepId, name: &str) -> KpiId {
    db.write(|tx| {
        kpis::insert(
            tx,
            step,
            &KpiInput {
                name: name.to_string(),
                unit: String::new(),
                direction: KpiDirection::HigherIsBetter,
                kind: KpiKind::Success,
                entry_level: 0.0,
                good_level: 1.0,
                best_level: 2.0,
            },
        )
    })
    .unwrap()
}

fn set(db: &mut Db, c: CustomerId, k: KpiId, value: Option<f64>, minutes: i64) -> bool {
    db.write(|tx| customer_kpis::set(tx, c, k, value, &stamp_after(minutes)))
        .unwrap()
}

fn values(db: &Db, c: CustomerId) -> HashMap<KpiId, f64> {
    db.read(|conn| customer_kpis::for_customer(conn, c))
        .unwrap()
}

fn updated_at(db: &Db, c: CustomerId, k: KpiId) -> String {
    db.read(|conn| {
        Ok(conn.query_row(
            "SELECT updated_at FROM customer_kpi_value WHERE customer_id = ?1 AND kpi_id = ?2",
            [c.0, k.0],
            |r| r.get(0),
        )?)
    })
    .unwrap()
}

#[test]
fn setting_a_value_reports_whether_the_stored_value_changed() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let s = step(&mut db, &p, "A").id;
    let k = kpi(&mut db, s, "Logins");
    let c = add_customer(&mut db, &CustomerInput::named("Acme", p.id));
    assert!(set(&mut db, c, k, Some(3.25), 0));
    assert!(!set(&mut db, c, k, Some(3.25), 5));
    // Unchanged: the first time it was set stays.
    assert_eq!(updated_at(&db, c, k), stamp());
    assert!(set(&mut db, c, k, Some(-0.125), 10));
    assert_eq!(values(&db, c), HashMap::from([(k, -0.125)]));
    assert_eq!(updated_at(&db, c, k), stamp_after(10));
    assert!(set(&mut db, c, k, None, 15));
    assert!(!set(&mut db, c, k, None, 20));
    assert!(values(&db, c).is_empty());
}

#[test]
fn values_are_kept_per_customer_and_read_per_persona() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let q = persona(&mut db, "Builder");
    let s = step(&mut db, &p, "A").id;
    let t = step(&mut db, &q, "T").id;
    let logins = kpi(&mut db, s, "Logins");
    let seats = kpi(&mut db, s, "Seats");
    let other_kpi = kpi(&mut db, t, "Plants");
    let one = add_customer(&mut db, &CustomerInput::named("One", p.id));
    let two = add_customer(&mut db, &CustomerInput::named("Two", p.id));
    let none = add_customer(&mut db, &CustomerInput::named("None", p.id));
    let elsewhere = add_customer(&mut db, &CustomerInput::named("Elsewhere", q.id));
    set(&mut db, one, logins, Some(1.5), 0);
    set(&mut db, one, seats, Some(40.0), 0);
    set(&mut db, two, logins, Some(7.0), 0);
    set(&mut db, elsewhere, other_kpi, Some(1e6), 0);
    assert_eq!(
        values(&db, one),
        HashMap::from([(logins, 1.5), (seats, 40.0)])
    );
    assert!(values(&db, none).is_empty());
    assert_eq!(
        db.read(|c| customer_kpis::for_persona(c, p.id)).unwrap(),
        HashMap::from([
            (one, HashMap::from([(logins, 1.5), (seats, 40.0)])),
            (two, HashMap::from([(logins, 7.0)])),
        ])
    );
    assert_eq!(
        db.read(|c| customer_kpis::for_persona(c, q.id)).unwrap(),
        HashMap::from([(elsewhere, HashMap::from([(other_kpi, 1e6)]))])
    );
}

#[test]
fn values_go_with_their_customer_or_their_kpi() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let s = step(&mut db, &p, "A").id;
    let logins = kpi(&mut db, s, "Logins");
    let seats = kpi(&mut db, s, "Seats");
    let gone = add_customer(&mut db, &CustomerInput::named("Gone", p.id));
    let kept = add_customer(&mut db, &CustomerInput::named("Kept", p.id));
    for c in [gone, kept] {
        set(&mut db, c, logins, Some(1.0), 0);
        set(&mut db, c, seats, Some(2.0), 0);
    }
    db.write(|tx| customers::delete(tx, gone)).unwrap();
    db.write(|tx| kpis::delete(tx, logins)).unwrap();
    assert!(values(&db, gone).is_empty());
    assert_eq!(values(&db, kept), HashMap::from([(seats, 2.0)]));
}

#[test]
fn a_value_needs_an_existing_customer_and_kpi() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let s = step(&mut db, &p, "A").id;
    let k = kpi(&mut db, s, "Logins");
    let c = add_customer(&mut db, &CustomerInput::named("Acme", p.id));
    for (customer, kpi) in [(CustomerId(99), k), (c, KpiId(99))] {
        assert_foreign_key_refused(
            db.write(|tx| customer_kpis::set(tx, customer, kpi, Some(1.0), &stamp())),
        );
    }
    // Clearing a value that was never there is no change, not an error.
    assert!(!set(&mut db, CustomerId(99), KpiId(99), None, 0));
}
