//! Shared helpers: an in-memory workspace and a fixed clock.
#![allow(dead_code, clippy::unwrap_used)]

pub mod maps;

use chrono::{DateTime, TimeZone, Utc};
use successmap_core::model::{Persona, PersonaInput, Step, StepInput};
use successmap_core::{ops, Db};

pub fn memory_db() -> Db {
    Db::open_in_memory().expect("in-memory workspace opens")
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// The date of [`now`], for filters that count days from today.
#[allow(dead_code)]
pub fn today() -> chrono::NaiveDate {
    now().date_naive()
}

pub fn persona(db: &mut Db, name: &str) -> Persona {
    db.write(|tx| ops::personas::create(tx, &PersonaInput::named(name), now()))
        .expect("persona is created")
}

pub fn step(db: &mut Db, persona: &Persona, title: &str) -> Step {
    db.write(|tx| {
        ops::steps::add(
            tx,
            persona.map_id,
            &StepInput {
                title: title.to_string(),
                outcome: format!("{title} reached"),
                notes: None,
            },
            None,
            now(),
        )
    })
    .expect("step is added")
}

pub fn step_titles(db: &Db, persona: &Persona) -> Vec<String> {
    db.read(|c| successmap_core::db::steps::list_for_map(c, persona.map_id))
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect()
}
