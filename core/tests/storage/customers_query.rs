//! `customer` queries (db/customers/query.rs): filters, sorting, paging, sizes, the
//! filtered matrix.

use chrono::{Duration, NaiveDate};
use successmap_core::db::customers::{self, ScoreGroups};
use successmap_core::db::placements::{self, PlacementChange};
use successmap_core::model::{
    CellRef, CustomerId, CustomerInput, CustomerQuery, CustomerSort, HealthBand, NpsBand,
    PersonaId, PlacementSource, ProgressBasis, Quadrant, QuadrantRef, SatisfactionMeasure,
    SegmentFilter, StepId,
};
use successmap_core::Db;

use crate::common::{memory_db, persona, step, today};
use crate::{add_customer, kept_cells};

struct Fixture {
    db: Db,
    p: PersonaId,
    q: PersonaId,
    /// The three steps of `p`'s map, in order.
    s: [StepId; 3],
    /// The one step of `q`'s map.
    t: StepId,
}

fn day(offset: i64) -> Option<NaiveDate> {
    Some(today() + Duration::days(offset))
}

/// Two personas (`p` with three steps, `q` with one) and six customers, ids 1–6 in
/// the order of the table below.
fn fixture() -> Fixture {
    let mut db = memory_db();
    let architect = persona(&mut db, "Architect");
    let builder = persona(&mut db, "Builder");
    let s = [
        step(&mut db, &architect, "S0").id,
        step(&mut db, &architect, "S1").id,
        step(&mut db, &architect, "S2").id,
    ];
    let t = step(&mut db, &builder, "T").id;
    let (p, q) = (architect.id, builder.id);
    type Row<'a> = (
        &'a str,
        PersonaId,
        Option<StepId>,
        Option<StepId>,
        Option<i64>,
        Option<i32>,
        Option<i32>,
        Option<f64>,
        &'a str,
        Option<NaiveDate>,
        Option<&'a str>,
    );
    #[rustfmt::skip]
    let rows: [Row<'_>; 6] = [
        // name, persona, current, target, ARR, health, NPS, CSAT, owner, renewal, external id
        ("Acme", p, Some(s[0]), Some(s[2]), Some(50_000), Some(20), Some(-10), None, "Dana", day(10), Some("CRM-100%")),
        ("beta corp", p, Some(s[1]), Some(s[2]), None, Some(55), Some(10), None, "", day(-1), None),
        ("Cobalt", p, Some(s[2]), None, Some(10_000), Some(90), Some(60), Some(85.0), "Chris", day(30), Some("X_1")),
        ("delta", p, None, Some(s[0]), Some(200), None, None, None, "Dana", None, None),
        ("Echo", q, Some(t), None, Some(7_000), Some(75), Some(40), None, "Dana", day(90), None),
        ("Foxtrot", p, Some(s[2]), None, Some(10_000), Some(70), Some(20), Some(50.0), "Chris", None, None),
    ];
    for (name, persona, current, target, arr, health, nps, csat, owner, renewal, external) in rows {
        add_customer(
            &mut db,
            &CustomerInput {
                external_id: external.map(str::to_string),
                name: name.to_string(),
                persona_id: persona,
                current_step_id: current,
                target_step_id: target,
                arr_cents: arr,
                health,
                nps,
                csat,
                owner: owner.to_string(),
                renewal_date: renewal,
                notes: String::new(),
            },
        );
    }
    Fixture { db, p, q, s, t }
}

/// The names a query lists (offset 0, no limit), checked against its count.
fn names(db: &Db, q: &CustomerQuery) -> Vec<String> {
    let listed = page(db, q, 0, None);
    let counted = db
        .read(|c| customers::count_matching(c, q, today()))
        .unwrap();
    assert_eq!(counted as usize, listed.len(), "count of {q:?}");
    listed
}

fn page(db: &Db, q: &CustomerQuery, offset: u32, limit: Option<u32>) -> Vec<String> {
    let mut out = Vec::new();
    db.read(|c| {
        customers::for_each_matching(c, q, today(), offset, limit, &mut |row| {
            out.push(row.customer.name);
            Ok(())
        })
    })
    .unwrap();
    out
}

fn query() -> CustomerQuery {
    CustomerQuery::default()
}

#[test]
fn each_filter_keeps_exactly_its_customers() {
    let f = fixture();
    let cell = |current, target| CellRef {
        current_step_id: current,
        target_step_id: target,
    };
    #[rustfmt::skip]
    let cases: Vec<(CustomerQuery, &[&str])> = vec![
        (query(), &["Acme", "beta corp", "Cobalt", "delta", "Echo", "Foxtrot"]),
        (CustomerQuery { persona_id: Some(f.q), ..query() }, &["Echo"]),
        (CustomerQuery { owner: Some("Dana".into()), ..query() }, &["Acme", "delta", "Echo"]),
        (CustomerQuery { owner: Some(String::new()), ..query() }, &["beta corp"]),
        (CustomerQuery { health_band: Some(HealthBand::AtRisk), ..query() }, &["Acme"]),
        (CustomerQuery { health_band: Some(HealthBand::Healthy), ..query() }, &["Cobalt", "Echo", "Foxtrot"]),
        (CustomerQuery { health_band: Some(HealthBand::Unknown), ..query() }, &["delta"]),
        (CustomerQuery { nps_band: Some(NpsBand::Negative), ..query() }, &["Acme"]),
        (CustomerQuery { nps_band: Some(NpsBand::Positive), ..query() }, &["Cobalt", "Echo"]),
        (CustomerQuery { min_arr_cents: Some(10_000), ..query() }, &["Acme", "Cobalt", "Foxtrot"]),
        (CustomerQuery { max_arr_cents: Some(7_000), ..query() }, &["delta", "Echo"]),
        (CustomerQuery { renewal_within_days: Some(30), ..query() }, &["Acme", "Cobalt"]),
        (CustomerQuery { search: "  ACME ".into(), ..query() }, &["Acme"]),
        (CustomerQuery { search: "corp".into(), ..query() }, &["beta corp"]),
        // Wildcards are searched for literally, in the external id as in the name.
        (CustomerQuery { search: "%".into(), ..query() }, &["Acme"]),
        (CustomerQuery { search: "_".into(), ..query() }, &["Cobalt"]),
        (CustomerQuery { current_step_id: Some(f.s[2]), ..query() }, &["Cobalt", "Foxtrot"]),
        (CustomerQuery { cell: Some(cell(None, Some(f.s[0]))), ..query() }, &["delta"]),
        (CustomerQuery { cell: Some(cell(Some(f.s[2]), None)), ..query() }, &["Cobalt", "Foxtrot"]),
        (CustomerQuery { persona_id: Some(f.p), owner: Some("Dana".into()), ..query() }, &["Acme", "delta"]),
    ];
    for (q, expected) in cases {
        assert_eq!(names(&f.db, &q), expected, "{q:?}");
    }
}

#[test]
fn search_folds_case_and_accents_and_takes_any_text_literally() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect").id;
    for (name, external) in [
        ("Café Crème", Some("FR-001")),
        ("ÅNGSTRÖM AB", None),
        ("Quote \"this\" NEAR(x) OR y*", Some("EXT-42:*")),
        ("Zürich Versicherung", Some("ch-0007")),
    ] {
        let mut input = CustomerInput::named(name, p);
        input.external_id = external.map(str::to_string);
        add_customer(&mut db, &input);
    }
    let search = |text: &str| {
        names(
            &db,
            &CustomerQuery {
                search: text.into(),
                ..query()
            },
        )
    };
    // Three characters and more: the trigram index.
    assert_eq!(search("cafe creme"), ["Café Crème"]);
    assert_eq!(search("CRÈME"), ["Café Crème"]);
    assert_eq!(search("angstr"), ["ÅNGSTRÖM AB"]);
    assert_eq!(search("strom"), ["ÅNGSTRÖM AB"]);
    assert_eq!(search("zurich"), ["Zürich Versicherung"]);
    assert_eq!(search("CH-0007"), ["Zürich Versicherung"]);
    // The index's query syntax means nothing in a search: quotes, NEAR, OR, *, : and
    // - are characters to find.
    assert_eq!(search("\"this\""), ["Quote \"this\" NEAR(x) OR y*"]);
    assert_eq!(search("near(x) or y*"), ["Quote \"this\" NEAR(x) OR y*"]);
    assert_eq!(search("ext-42:*"), ["Quote \"this\" NEAR(x) OR y*"]);
    assert!(search("cafe  creme").is_empty());
    assert!(search("NOT").is_empty());
    // Shorter text has no trigram: a scan with the same folding.
    assert_eq!(search("RÉ"), ["Café Crème"]);
    assert_eq!(search("zu"), ["Zürich Versicherung"]);
    assert_eq!(search("ab"), ["ÅNGSTRÖM AB"]);
    assert_eq!(search("\""), ["Quote \"this\" NEAR(x) OR y*"]);
    assert_eq!(search("fr"), ["Café Crème"]);
}

/// A search that many customers match walks the name index; one that few match sorts
/// its matches: both give the same order and pages.
#[test]
fn broad_and_narrow_searches_page_in_name_order() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect").id;
    for i in 0..100 {
        let name = if i % 3 == 0 {
            format!("Studio {i:03}")
        } else {
            format!("Group {i:03}")
        };
        add_customer(&mut db, &CustomerInput::named(&name, p));
    }
    let names_of = |search: &str, descending: bool, offset: u32, limit: u32| {
        let q = CustomerQuery {
            search: search.into(),
            descending,
            ..query()
        };
        page(&db, &q, offset, Some(limit))
    };
    let mut studios: Vec<String> = (0..100)
        .filter(|i| i % 3 == 0)
        .map(|i| format!("Studio {i:03}"))
        .collect();
    // Broad (34 of 100): pages in order, both ways.
    assert_eq!(names_of("studio", false, 0, 5), studios[..5]);
    assert_eq!(names_of("studio", false, 30, 10), studios[30..]);
    studios.reverse();
    assert_eq!(names_of("STUDIO", true, 0, 3), studios[..3]);
    // Narrow (1 of 100).
    assert_eq!(names_of("udio 042", false, 0, 10), ["Studio 042"]);
    assert_eq!(
        names(
            &db,
            &CustomerQuery {
                search: "studio".into(),
                ..query()
            }
        )
        .len(),
        34
    );
    // With another filter the count is not the index's alone, and still right.
    let other = persona(&mut db, "Builder").id;
    let q = CustomerQuery {
        search: "studio".into(),
        persona_id: Some(other),
        ..query()
    };
    assert!(names(&db, &q).is_empty());
}

#[test]
fn pages_follow_the_order_from_their_offset_up_to_their_limit() {
    let f = fixture();
    let by_name = query();
    assert_eq!(page(&f.db, &by_name, 1, Some(2)), ["beta corp", "Cobalt"]);
    assert_eq!(page(&f.db, &by_name, 4, None), ["Echo", "Foxtrot"]);
    assert!(page(&f.db, &by_name, 6, Some(10)).is_empty());
    let descending = CustomerQuery {
        descending: true,
        ..query()
    };
    assert_eq!(
        page(&f.db, &descending, 0, Some(3)),
        ["Foxtrot", "Echo", "delta"]
    );
    // A page of a filtered query.
    let dana = CustomerQuery {
        owner: Some("Dana".into()),
        ..query()
    };
    assert_eq!(page(&f.db, &dana, 1, Some(1)), ["delta"]);
}

#[test]
fn sorting_by_a_column_lists_missing_values_last_either_way() {
    let f = fixture();
    let sorted = |sort, descending| {
        names(
            &f.db,
            &CustomerQuery {
                sort,
                descending,
                ..query()
            },
        )
    };
    // Equal ARR: by id, in the direction of the sort.
    assert_eq!(
        sorted(CustomerSort::Arr, false),
        ["delta", "Echo", "Cobalt", "Foxtrot", "Acme", "beta corp"]
    );
    assert_eq!(
        sorted(CustomerSort::Arr, true),
        ["Acme", "Foxtrot", "Cobalt", "Echo", "delta", "beta corp"]
    );
    assert_eq!(
        sorted(CustomerSort::Health, false),
        ["Acme", "beta corp", "Foxtrot", "Echo", "Cobalt", "delta"]
    );
    assert_eq!(
        sorted(CustomerSort::RenewalDate, true),
        ["Echo", "Cobalt", "Acme", "beta corp", "Foxtrot", "delta"]
    );
    assert_eq!(
        sorted(CustomerSort::Persona, false),
        ["Acme", "beta corp", "Cobalt", "delta", "Foxtrot", "Echo"]
    );
    // Placed customers by persona then step, the unplaced last.
    assert_eq!(
        sorted(CustomerSort::CurrentStep, false),
        ["Acme", "beta corp", "Cobalt", "Foxtrot", "Echo", "delta"]
    );
}

#[test]
fn sizes_of_matrix_queries_come_from_the_kept_cells_and_agree_with_a_scan() {
    let mut f = fixture();
    let plain = [
        query(),
        CustomerQuery {
            persona_id: Some(f.p),
            ..query()
        },
        CustomerQuery {
            current_step_id: Some(f.s[2]),
            ..query()
        },
        CustomerQuery {
            persona_id: Some(f.q),
            current_step_id: Some(f.t),
            ..query()
        },
        CustomerQuery {
            persona_id: Some(f.p),
            cell: Some(CellRef {
                current_step_id: Some(f.s[0]),
                target_step_id: Some(f.s[2]),
            }),
            sort: CustomerSort::Arr,
            descending: true,
            ..query()
        },
    ];
    let expected = [
        (6, 77_200),
        (5, 70_200),
        (2, 20_000),
        (1, 7_000),
        (1, 50_000),
    ];
    for (q, want) in plain.iter().zip(expected) {
        // A blank search narrows nothing but sends the query down the scanning path.
        let scanned = CustomerQuery {
            search: " ".into(),
            ..q.clone()
        };
        let sizes =
            f.db.read(|c| {
                Ok((
                    customers::size_matching(c, q, today())?,
                    customers::size_matching(c, &scanned, today())?,
                ))
            })
            .unwrap();
        assert_eq!(sizes, (want, want), "{q:?}");
    }
    // The plain sizes really are read from the kept cells: skew them and see.
    f.db.write(|tx| {
        tx.execute("UPDATE segment_cell SET customers = customers + 100", [])?;
        Ok(())
    })
    .unwrap();
    let (kept, scanned) =
        f.db.read(|c| {
            Ok((
                customers::count_matching(c, &plain[1], today())?,
                customers::count_matching(
                    c,
                    &CustomerQuery {
                        search: " ".into(),
                        ..plain[1].clone()
                    },
                    today(),
                )?,
            ))
        })
        .unwrap();
    assert!(kept > 100, "{kept}");
    assert_eq!(scanned, 5);
}

#[test]
fn a_quadrant_keeps_the_customers_on_its_side_of_both_thresholds() {
    let f = fixture();
    let quadrant = |basis, quadrant| {
        names(
            &f.db,
            &CustomerQuery {
                quadrant: Some(QuadrantRef {
                    basis,
                    measure: SatisfactionMeasure::Nps,
                    quadrant,
                }),
                ..query()
            },
        )
    };
    // Along the map: steps 2 and 3 of 3 are past halfway, and so is q's only step.
    // delta has no NPS and is in no quadrant.
    assert_eq!(
        quadrant(ProgressBasis::Map, Quadrant::SuccessfulSatisfied),
        ["Cobalt", "Echo"]
    );
    assert_eq!(
        quadrant(ProgressBasis::Map, Quadrant::SuccessfulNotSatisfied),
        ["beta corp", "Foxtrot"]
    );
    assert!(quadrant(ProgressBasis::Map, Quadrant::SatisfiedNotSuccessful).is_empty());
    assert_eq!(quadrant(ProgressBasis::Map, Quadrant::Neither), ["Acme"]);
    // Against the target: customers without a target are left out.
    assert_eq!(
        quadrant(ProgressBasis::Target, Quadrant::Neither),
        ["Acme", "beta corp"]
    );
    assert!(quadrant(ProgressBasis::Target, Quadrant::SuccessfulSatisfied).is_empty());
}

#[test]
fn stalled_customers_entered_their_step_before_the_cutoff() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let stored = |days_ago: i64| format!("{}T09:00:00.000Z", today() - Duration::days(days_ago));
    let insert = |db: &mut Db, name: &str, current, created_days_ago| -> CustomerId {
        let mut c = CustomerInput::named(name, p.id);
        c.current_step_id = current;
        db.write(|tx| customers::insert(tx, &c, &stored(created_days_ago)))
            .unwrap()
    };
    let moved = |db: &mut Db, id, from, to, days_ago| {
        db.write(|tx| {
            placements::record(
                tx,
                &PlacementChange {
                    customer_id: id,
                    from_current: from,
                    to_current: to,
                    from_target: None,
                    to_target: None,
                },
                &stored(days_ago),
                PlacementSource::Drag,
            )
        })
        .unwrap();
    };
    // Created long ago on its step, never moved: stalled.
    insert(&mut db, "Old, never moved", Some(a), 100);
    // Created recently: not stalled.
    insert(&mut db, "New", Some(a), 5);
    // Created long ago but moved onto its step recently: not stalled.
    let recent = insert(&mut db, "Recently moved", Some(b), 100);
    moved(&mut db, recent, Some(a), Some(b), 3);
    // Moved long ago; a later entry changing only the target does not count.
    let long = insert(&mut db, "Moved long ago", Some(b), 10);
    moved(&mut db, long, Some(a), Some(b), 60);
    moved(&mut db, long, Some(b), Some(b), 1);
    // Not placed: never stalled.
    insert(&mut db, "Unplaced", None, 100);
    let stalled = CustomerQuery {
        stalled_days: Some(30),
        ..query()
    };
    assert_eq!(names(&db, &stalled), ["Moved long ago", "Old, never moved"]);
}

#[test]
fn a_filtered_matrix_is_counted_from_the_customers_and_a_plain_one_read_from_the_cells() {
    let f = fixture();
    let sorted = |filter: SegmentFilter| {
        let mut cells =
            f.db.read(|c| customers::matrix_cells(c, &filter, today()))
                .unwrap();
        cells.sort();
        cells
    };
    let mut dana = vec![
        (f.p, Some(f.s[0]), Some(f.s[2]), 1, 50_000),
        (f.p, None, Some(f.s[0]), 1, 200),
        (f.q, Some(f.t), None, 1, 7_000),
    ];
    dana.sort();
    assert_eq!(
        sorted(SegmentFilter {
            owner: Some("Dana".into()),
            ..SegmentFilter::default()
        }),
        dana
    );
    assert_eq!(
        sorted(SegmentFilter::default()),
        f.db.read(|c| Ok(kept_cells(c))).unwrap()
    );
    let only_q = sorted(SegmentFilter {
        persona_id: Some(f.q),
        ..SegmentFilter::default()
    });
    assert_eq!(only_q, [(f.q, Some(f.t), None, 1, 7_000)]);

    // Score groups split a cell by exact score.
    let groups: ScoreGroups =
        f.db.read(|c| {
            customers::score_groups(
                c,
                &SegmentFilter {
                    persona_id: Some(f.p),
                    ..SegmentFilter::default()
                },
                today(),
                "csat",
            )
        })
        .unwrap();
    let cell = |score: Option<f64>| {
        groups
            .get(&(f.p, Some(f.s[2]), None, score.map(f64::to_bits)))
            .copied()
    };
    assert_eq!(groups.len(), 5);
    assert_eq!(cell(Some(85.0)), Some((1, 10_000)));
    assert_eq!(cell(Some(50.0)), Some((1, 10_000)));
    assert_eq!(cell(None), None);
}
