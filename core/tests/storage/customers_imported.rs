//! The import's upsert of customers (db/customers/imported.rs): the index of stored
//! customers by external id, and inserts and partial updates with their matrix change
//! collected for one write.

use chrono::NaiveDate;
use successmap_core::db::customers;
use successmap_core::db::customers::imported::{
    self, external_index, text_hash, ExistingCustomer, ImportedCustomer,
};
use successmap_core::db::segment_cells::CellDeltas;
use successmap_core::model::{CustomerId, CustomerInput, PersonaId, StepId};
use successmap_core::Db;

use crate::common::{memory_db, persona, step};
use crate::{add_customer, count, fresh_cells, kept_cells, stamp, stamp_after};

/// An imported row that names every column, with the values of [`stored`].
fn every_column(persona: PersonaId, current: StepId) -> ImportedCustomer<'static> {
    ImportedCustomer {
        external_id: Some("CRM-7"),
        name: "Acme",
        persona_id: persona,
        current_step_id: Some(Some(current)),
        target_step_id: Some(None),
        arr_cents: Some(Some(120_000)),
        health: Some(Some(64)),
        nps: Some(None),
        csat: Some(Some(72.5)),
        owner: Some("Dana"),
        renewal_date: Some(NaiveDate::from_ymd_opt(2027, 3, 31)),
        notes: Some("Imported “notes”"),
    }
}

/// The customer [`every_column`] describes, as the form would store it.
fn stored(persona: PersonaId, current: StepId) -> CustomerInput {
    CustomerInput {
        external_id: Some("CRM-7".into()),
        name: "Acme".into(),
        persona_id: persona,
        current_step_id: Some(current),
        target_step_id: None,
        arr_cents: Some(120_000),
        health: Some(64),
        nps: None,
        csat: Some(72.5),
        owner: "Dana".into(),
        renewal_date: NaiveDate::from_ymd_opt(2027, 3, 31),
        notes: "Imported “notes”".into(),
    }
}

fn existing(db: &Db, external_id: &str) -> ExistingCustomer {
    db.read(external_index)
        .unwrap()
        .remove(external_id)
        .expect("the customer is in the index")
}

fn updated_at(db: &Db, id: CustomerId) -> String {
    db.read(|c| {
        Ok(
            c.query_row("SELECT updated_at FROM customer WHERE id = ?1", [id], |r| {
                r.get(0)
            })?,
        )
    })
    .unwrap()
}

/// Runs `update_imported` and applies its matrix change; returns what it reported.
fn update(db: &mut Db, before: &ExistingCustomer, row: &ImportedCustomer<'_>) -> bool {
    db.write(|tx| {
        let mut deltas = CellDeltas::default();
        let changed = imported::update_imported(tx, before, row, &stamp_after(60), &mut deltas)?;
        deltas.apply(tx)?;
        Ok(changed)
    })
    .unwrap()
}

#[test]
fn the_external_index_holds_each_customer_with_an_external_id_and_its_values() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let id = add_customer(&mut db, &stored(p.id, a));
    let mut bare = CustomerInput::named("Bare", p.id);
    bare.external_id = Some("CRM-8".into());
    let bare = add_customer(&mut db, &bare);
    add_customer(&mut db, &CustomerInput::named("No external id", p.id));
    let index = db.read(external_index).unwrap();
    let mut keys: Vec<_> = index.keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["CRM-7", "CRM-8"]);
    let e = &index["CRM-7"];
    assert_eq!(
        (e.id, e.persona_id, e.current_step_id, e.target_step_id),
        (id, p.id, Some(a), None)
    );
    assert_eq!(
        (e.arr_cents, e.health, e.nps, e.csat),
        (Some(120_000), Some(64), None, Some(72.5))
    );
    assert_eq!(
        (e.name, e.owner, e.renewal_date, e.notes),
        (
            text_hash("Acme"),
            text_hash("Dana"),
            text_hash("2027-03-31"),
            text_hash("Imported “notes”")
        )
    );
    let b = &index["CRM-8"];
    assert_eq!(b.id, bare);
    // No renewal date hashes as the empty text, like the empty owner and notes.
    assert_eq!(
        (b.renewal_date, b.owner, b.notes),
        (text_hash(""), text_hash(""), text_hash(""))
    );
    assert_ne!(text_hash("Acme"), text_hash("acme"));
}

#[test]
fn an_imported_customer_gets_defaults_for_absent_columns_and_counts_once_applied() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let row = ImportedCustomer {
        external_id: None,
        name: "Sparse",
        persona_id: p.id,
        current_step_id: Some(Some(a)),
        target_step_id: None,
        arr_cents: Some(Some(900)),
        health: None,
        nps: None,
        csat: None,
        owner: None,
        renewal_date: None,
        notes: None,
    };
    let (id, cells_before_apply) = db
        .write(|tx| {
            let mut deltas = CellDeltas::default();
            let id = imported::insert_imported(tx, &row, &stamp(), &mut deltas)?;
            let before = count(tx, "SELECT count(*) FROM segment_cell");
            deltas.apply(tx)?;
            Ok((id, before))
        })
        .unwrap();
    assert_eq!(cells_before_apply, 0);
    let got = db.read(|c| customers::get(c, id)).unwrap();
    assert_eq!(
        (
            got.external_id,
            got.current_step_id,
            got.target_step_id,
            got.arr_cents,
            got.health,
            got.owner.as_str(),
            got.renewal_date,
            got.notes.as_str()
        ),
        (None, Some(a), None, Some(900), None, "", None, "")
    );
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(p.id, Some(a), None, 1, 900)]
    );
}

#[test]
fn an_unchanged_row_is_not_written_and_reported_unchanged() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let id = add_customer(&mut db, &stored(p.id, a));
    let before = existing(&db, "CRM-7");
    assert!(!update(&mut db, &before, &every_column(p.id, a)));
    // Absent columns are not compared at all.
    let name_only = ImportedCustomer {
        current_step_id: None,
        target_step_id: None,
        arr_cents: None,
        health: None,
        nps: None,
        csat: None,
        owner: None,
        renewal_date: None,
        notes: None,
        ..every_column(p.id, a)
    };
    assert!(!update(&mut db, &before, &name_only));
    assert_eq!(updated_at(&db, id), stamp());
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(p.id, Some(a), None, 1, 120_000)]
    );
}

#[test]
fn an_update_writes_only_the_columns_the_file_has() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let id = add_customer(&mut db, &stored(p.id, a));
    let before = existing(&db, "CRM-7");
    let row = ImportedCustomer {
        current_step_id: Some(Some(b)),
        target_step_id: None,
        arr_cents: None,
        health: Some(None),
        csat: Some(Some(72.75)),
        owner: None,
        renewal_date: Some(None),
        notes: Some(""),
        ..every_column(p.id, a)
    };
    assert!(update(&mut db, &before, &row));
    let got = db.read(|c| customers::get(c, id)).unwrap();
    let expected = CustomerInput {
        current_step_id: Some(b),
        health: None,
        csat: Some(72.75),
        renewal_date: None,
        notes: String::new(),
        ..stored(p.id, a)
    };
    assert_eq!(
        CustomerInput {
            external_id: got.external_id,
            name: got.name,
            persona_id: got.persona_id,
            current_step_id: got.current_step_id,
            target_step_id: got.target_step_id,
            arr_cents: got.arr_cents,
            health: got.health,
            nps: got.nps,
            csat: got.csat,
            owner: got.owner,
            renewal_date: got.renewal_date,
            notes: got.notes,
        },
        expected
    );
    assert_eq!(updated_at(&db, id), stamp_after(60));
    // The kept ARR of the cell is the stored one, which the file did not name.
    assert_eq!(
        db.read(|c| Ok(kept_cells(c))).unwrap(),
        [(p.id, Some(b), None, 1, 120_000)]
    );
}

#[test]
fn a_new_name_or_persona_alone_is_a_change_and_moves_the_matrix() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let q = persona(&mut db, "Builder");
    let a = step(&mut db, &p, "A").id;
    let id = add_customer(&mut db, &stored(p.id, a));
    add_customer(&mut db, &CustomerInput::named("Bystander", q.id));
    let renamed = ImportedCustomer {
        name: "Acme Inc.",
        ..every_column(p.id, a)
    };
    let before = existing(&db, "CRM-7");
    assert!(update(&mut db, &before, &renamed));
    assert_eq!(
        db.read(|c| customers::get(c, id)).unwrap().name,
        "Acme Inc."
    );
    let moved = ImportedCustomer {
        name: "Acme Inc.",
        persona_id: q.id,
        current_step_id: Some(None),
        ..every_column(p.id, a)
    };
    let before = existing(&db, "CRM-7");
    assert!(update(&mut db, &before, &moved));
    let cells = db.read(|c| Ok(kept_cells(c))).unwrap();
    assert_eq!(cells, [(q.id, None, None, 2, 120_000)]);
    assert_eq!(cells, db.read(|c| Ok(fresh_cells(c))).unwrap());
}
