#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The kept matrix (`segment_cell`) always equals a fresh GROUP BY over the customers, and
//! each customer's kept `current_since` equals what its history says, whatever sequence
//! of edits, imports, stage-history imports, deletions, undos and redos led there.
mod common;

use std::sync::atomic::AtomicBool;

use common::{memory_db, now, persona, step};
use proptest::prelude::*;
use successmap_core::import::{self, history, Control, Mode, Table};
use successmap_core::model::{
    CustomerId, CustomerInput, CustomersOnDelete, HistoryOptions, ImportOptions, PlacementMove,
    PlacementSource, SegmentFilter, StepId,
};
use successmap_core::{db, ops, Db};

#[derive(Debug, Clone)]
enum Op {
    Create {
        persona: usize,
        current: Option<usize>,
        target: Option<usize>,
        arr: Option<i64>,
    },
    /// Edit customer `which` (modulo the count): another persona, steps and ARR.
    Edit {
        which: usize,
        persona: usize,
        current: Option<usize>,
        target: Option<usize>,
        arr: Option<i64>,
    },
    Delete {
        which: usize,
    },
    /// Move (or retarget) up to three customers, from `which` on, in one edit.
    Place {
        which: usize,
        target: bool,
        step: usize,
    },
    /// Import rows naming existing customers (by external id) and new ones.
    Import {
        rows: Vec<(u8, usize, usize, i64)>,
    },
    /// Import a CRM stage history (dated in the past) for imported customers: (external
    /// id, step, day of 2025).
    History {
        rows: Vec<(u8, usize, u32)>,
    },
    /// Delete the second persona, moving its customers to the first.
    MergePersonas,
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let step = proptest::option::of(0usize..3);
    let arr = proptest::option::of(0i64..1_000_000);
    prop_oneof![
        4 => (0usize..2, step.clone(), step.clone(), arr.clone()).prop_map(
            |(persona, current, target, arr)| Op::Create { persona, current, target, arr }
        ),
        2 => (any::<usize>(), 0usize..2, step.clone(), step, arr).prop_map(
            |(which, persona, current, target, arr)| Op::Edit { which, persona, current, target, arr }
        ),
        1 => any::<usize>().prop_map(|which| Op::Delete { which }),
        2 => (any::<usize>(), any::<bool>(), 0usize..3)
            .prop_map(|(which, target, step)| Op::Place { which, target, step }),
        1 => proptest::collection::vec((0u8..12, 0usize..3, 0usize..3, 0i64..100_000), 1..6)
            .prop_map(|rows| Op::Import { rows }),
        1 => proptest::collection::vec((0u8..6, 0usize..3, 1u32..365), 1..5)
            .prop_map(|rows| Op::History { rows }),
        1 => Just(Op::MergePersonas),
        2 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

type Cells = Vec<(i64, i64, i64, i64, i64)>;

fn kept(db: &Db) -> Cells {
    db.read(|c| {
        let mut stmt = c.prepare(
            "SELECT persona_id, current_key, target_key, customers, arr_cents
               FROM segment_cell ORDER BY 1, 2, 3",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
    .unwrap()
}

fn fresh(db: &Db) -> Cells {
    db.read(|c| {
        let mut stmt = c.prepare(
            "SELECT persona_id, ifnull(current_step_id, 0), ifnull(target_step_id, 0), count(*),
                    ifnull(sum(arr_cents), 0)
               FROM customer GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
    .unwrap()
}

type Since = Vec<(i64, Option<String>)>;

fn kept_since(db: &Db) -> Since {
    since(db, "current_since")
}

/// When each customer came onto its current step, by its history (the rule of migration
/// 0011, written out again here).
fn fresh_since(db: &Db) -> Since {
    since(
        db,
        "CASE WHEN current_step_id IS NULL THEN NULL ELSE coalesce(
           (SELECT max(p.at) FROM placement p
             WHERE p.customer_id = customer.id AND p.to_current_step_id = customer.current_step_id
               AND p.from_current_step_id IS NOT p.to_current_step_id),
           created_at) END",
    )
}

fn since(db: &Db, expression: &str) -> Since {
    db.read(|c| {
        let mut stmt = c.prepare(&format!(
            "SELECT id, {expression} FROM customer ORDER BY id"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
    .unwrap()
}

fn customer_ids(db: &Db) -> Vec<CustomerId> {
    db.read(|c| {
        let mut stmt = c.prepare("SELECT id FROM customer ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
    .unwrap()
}

struct World {
    db: Db,
    personas: Vec<successmap_core::model::Persona>,
    steps: Vec<Vec<StepId>>,
    step_titles: Vec<String>,
}

fn world() -> World {
    let mut db = memory_db();
    let mut personas = Vec::new();
    let mut steps = Vec::new();
    let step_titles = vec!["One".to_string(), "Two".to_string(), "Three".to_string()];
    for name in ["P", "Q"] {
        let p = persona(&mut db, name);
        steps.push(
            step_titles
                .iter()
                .map(|t| step(&mut db, &p, t).id)
                .collect(),
        );
        personas.push(p);
    }
    World {
        db,
        personas,
        steps,
        step_titles,
    }
}

impl World {
    fn input(
        &self,
        name: String,
        persona: usize,
        current: Option<usize>,
        target: Option<usize>,
        arr: Option<i64>,
    ) -> Option<CustomerInput> {
        let persona = persona.min(self.personas.len() - 1);
        let mut input = CustomerInput::named(&name, self.personas[persona].id);
        input.current_step_id = current.map(|s| self.steps[persona][s]);
        input.target_step_id = target.map(|s| self.steps[persona][s]);
        input.arr_cents = arr;
        Some(input)
    }

    /// Applies an op; refusals (an op that makes no sense now) are fine and change nothing.
    /// Op `n` happens `n` hours after the first.
    fn apply(&mut self, op: Op, n: usize) {
        let ids = customer_ids(&self.db);
        let now = || now() + chrono::Duration::hours(n as i64);
        match op {
            Op::Create {
                persona,
                current,
                target,
                arr,
            } => {
                let input = self
                    .input(format!("C{n}"), persona, current, target, arr)
                    .unwrap();
                let _ = self.db.edit("create", |tx| {
                    ops::customers::create(tx, &input, PlacementSource::Created, now())
                });
            }
            Op::Edit {
                which,
                persona,
                current,
                target,
                arr,
            } if !ids.is_empty() => {
                let id = ids[which % ids.len()];
                let input = self
                    .input(format!("E{n}"), persona, current, target, arr)
                    .unwrap();
                let _ = self.db.edit("edit", |tx| {
                    ops::customers::update(tx, id, &input, PlacementSource::Edit, now())
                });
            }
            Op::Delete { which } if !ids.is_empty() => {
                let id = ids[which % ids.len()];
                let _ = self.db.edit("delete", |tx| ops::customers::delete(tx, id));
            }
            Op::Place {
                which,
                target,
                step,
            } if !ids.is_empty() => {
                let chosen: Vec<_> = (0..3).map(|k| ids[(which + k) % ids.len()]).collect();
                let persona_of = self
                    .db
                    .read(|c| db::customers::get(c, chosen[0]))
                    .unwrap()
                    .persona_id;
                let Some(index) = self.personas.iter().position(|p| p.id == persona_of) else {
                    return;
                };
                let step_id = self.steps[index][step];
                let placement = if target {
                    PlacementMove::Target {
                        step_id: Some(step_id),
                    }
                } else {
                    PlacementMove::Current { step_id }
                };
                // Refused when the customers are of different personas: fine.
                let _ = self.db.edit("place", |tx| {
                    ops::customers::place(tx, &chosen, placement, PlacementSource::Bulk, now())
                });
            }
            Op::Import { rows } => {
                let mut csv =
                    String::from("external_id,name,persona,current_step,target_step,arr\n");
                for (ext, current, target, arr) in rows {
                    // Odd amounts rename the customer: the search index follows.
                    let renamed = if arr % 2 == 1 { " (renamed)" } else { "" };
                    csv.push_str(&format!(
                        "X{ext},Imported {ext}{renamed},{},{},{},{}.{:02}\n",
                        self.personas[0].name,
                        self.step_titles[current],
                        self.step_titles[target],
                        arr / 100,
                        arr % 100
                    ));
                }
                let table = Table::from_csv_bytes(csv.into_bytes()).unwrap();
                let (mapping, _) = self
                    .db
                    .read(|c| import::propose_mapping(c, &table.headers))
                    .unwrap();
                let options = ImportOptions {
                    mapping,
                    create_missing: false,
                    default_persona_id: None,
                    encoding: None,
                    kpi_columns: Vec::new(),
                };
                let cancel = AtomicBool::new(false);
                self.db
                    .edit("import", |tx| {
                        import::run(
                            tx,
                            &table,
                            &options,
                            Mode::Write { now: now() },
                            Control {
                                progress: &mut |_| {},
                                cancel: &cancel,
                            },
                        )
                    })
                    .unwrap();
            }
            Op::History { rows } => {
                let mut csv = String::from("Record ID,Lifecycle Stage,Date\n");
                for (ext, step, day) in rows {
                    let date = chrono::NaiveDate::from_yo_opt(2025, day).unwrap();
                    csv.push_str(&format!("X{ext},{},{date}\n", self.step_titles[step]));
                }
                let table = Table::from_csv_bytes(csv.into_bytes()).unwrap();
                let options = HistoryOptions {
                    mapping: history::propose_mapping(&table.headers),
                    stages: Vec::new(),
                    field: None,
                    encoding: None,
                };
                let cancel = AtomicBool::new(false);
                // Refused when no row names a customer the workspace has: fine.
                let _ = self.db.edit("history", |tx| {
                    history::run(
                        tx,
                        &table,
                        &options,
                        Mode::Write { now: now() },
                        Control {
                            progress: &mut |_| {},
                            cancel: &cancel,
                        },
                    )
                });
            }
            Op::MergePersonas if self.personas.len() == 2 => {
                let (keep, gone) = (self.personas[0].id, self.personas[1].id);
                self.db
                    .edit("merge", |tx| {
                        ops::personas::delete(
                            tx,
                            gone,
                            CustomersOnDelete::MoveTo { persona_id: keep },
                            now(),
                        )
                    })
                    .unwrap();
            }
            Op::Undo => {
                self.db.undo().unwrap();
            }
            Op::Redo => {
                self.db.redo().unwrap();
            }
            _ => {}
        }
        // Personas come back on undo: follow the workspace.
        let alive = self.db.read(db::personas::list).unwrap();
        let (personas, steps): (Vec<_>, Vec<_>) = self
            .personas
            .iter()
            .cloned()
            .zip(self.steps.iter().cloned())
            .filter(|(p, _)| alive.iter().any(|a| a.id == p.id))
            .unzip();
        if !personas.is_empty() {
            self.personas = personas;
            self.steps = steps;
        }
    }
}

/// The search index holds exactly the customers' names and external ids (FTS5's own
/// check against its content table), and searching finds what a plain comparison finds.
fn search_index_agrees(db: &Db) -> Result<(), String> {
    db.read(|c| {
        c.execute(
            "INSERT INTO customer_search (customer_search, rank) VALUES ('integrity-check', 1)",
            [],
        )?;
        Ok(())
    })
    .map_err(|e| format!("the search index disagrees with the customers: {e}"))?;
    let all = db
        .read(|c| {
            let mut stmt = c.prepare("SELECT id, name, ifnull(external_id, '') FROM customer")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap();
    let today = common::today();
    for search in [
        "E1",
        "c1",
        "x1",
        "mported 1",
        "IMPORTED",
        "e12",
        "renamed",
        "1 (ren",
    ] {
        let q = successmap_core::model::CustomerQuery {
            search: search.to_string(),
            ..Default::default()
        };
        let page = db
            .read(|c| ops::customers::page(c, &q, today, 0, 500))
            .unwrap();
        let mut found: Vec<i64> = page.rows.iter().map(|r| r.customer.id.0).collect();
        found.sort_unstable();
        let needle = search.to_lowercase();
        let expected: Vec<i64> = all
            .iter()
            .filter(|(_, name, ext)| {
                name.to_lowercase().contains(&needle) || ext.to_lowercase().contains(&needle)
            })
            .map(|(id, _, _)| *id)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if found != expected {
            return Err(format!(
                "search {search:?} found {found:?}, expected {expected:?}"
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn the_kept_matrix_equals_a_fresh_group_by(ops in proptest::collection::vec(op(), 1..40)) {
        let mut w = world();
        for (n, op) in ops.into_iter().enumerate() {
            let described = format!("{op:?}");
            w.apply(op, n);
            prop_assert_eq!(kept(&w.db), fresh(&w.db), "after op {} {}", n, described);
            prop_assert_eq!(kept_since(&w.db), fresh_since(&w.db), "after op {} {}", n, described);
            search_index_agrees(&w.db).map_err(|e| {
                TestCaseError::fail(format!("after op {n} {described}: {e}"))
            })?;
        }
        // Segment lists count their totals from the kept cells: the same figures.
        let today = common::today();
        let step = |k: i64| (k != 0).then_some(StepId(k));
        for (persona, current, target, customers, arr) in fresh(&w.db) {
            let filter = SegmentFilter { persona_id: Some(successmap_core::model::PersonaId(persona)), ..SegmentFilter::default() };
            let q = successmap_core::model::CustomerQuery::segment(&filter, Some(successmap_core::model::CellRef {
                current_step_id: step(current),
                target_step_id: step(target),
            }));
            let size = w.db.read(|c| db::customers::size_matching(c, &q, today)).unwrap();
            prop_assert_eq!(size, (customers as u32, arr));
            let page = w.db.read(|c| ops::customers::page(c, &q, today, 0, 500)).unwrap();
            prop_assert_eq!(page.total as usize, page.rows.len());
        }
        // And the matrix the app shows (read from the kept table) agrees with a filtered
        // read that must count from the customers.
        let shown = w.db.read(|c| ops::segments::matrix(c, &SegmentFilter::default(), today)).unwrap();
        let counted = w.db.read(|c| ops::segments::matrix(c, &SegmentFilter {
            min_arr_cents: Some(i64::MIN),
            ..SegmentFilter::default()
        }, today)).unwrap();
        let total = |m: &[successmap_core::model::PersonaMatrix]| m.iter().map(|p| p.customers).sum::<u32>();
        prop_assert_eq!(total(&shown), customer_ids(&w.db).len() as u32);
        let with_arr = |m: &[successmap_core::model::PersonaMatrix]| {
            m.iter().map(|p| p.cells.iter().filter(|c| c.arr_cents > 0).count()).sum::<usize>()
        };
        prop_assert!(with_arr(&counted) <= with_arr(&shown));
    }
}

/// The integrity check of the crash tests finds a kept cell that is off, and none when
/// the matrix agrees with the customers.
#[test]
fn differences_finds_a_kept_cell_that_disagrees_with_the_customers() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    db.write(|tx| {
        ops::customers::create(
            tx,
            &successmap_core::model::CustomerInput::named("Acme", p.id),
            successmap_core::model::PlacementSource::Edit,
            now(),
        )
    })
    .unwrap();
    assert_eq!(db.read(db::segment_cells::differences).unwrap(), 0);
    db.write(|tx| Ok(tx.execute("UPDATE segment_cell SET customers = customers + 1", [])?))
        .unwrap();
    assert_eq!(db.read(db::segment_cells::differences).unwrap(), 2);
}
