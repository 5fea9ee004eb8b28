//! The HTML map handout: one self-contained page (strict policy, nothing to fetch), the
//! steps in order as disclosures, levels, vehicles and gaps, hostile text as text.
#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use common::maps::{known_map, HOSTILE_CUSTOMER, HOSTILE_STEP};
use common::{now, today};
use successmap_core::model::{
    HandoutFormat, HandoutOptions, KpiDirection, KpiInput, KpiKind, KpiValueInput, MapCustomers,
    MapExportOptions, MapFormat, Paper, PersonaId, PersonaInput,
};
use successmap_core::{edits, reads, Workspace};

fn handout(ws: &Workspace, ids: &[PersonaId], customers: MapCustomers) -> String {
    let bytes = reads::export_map(
        ws,
        ids,
        &MapExportOptions {
            format: MapFormat::Html,
            customers,
            paper: Paper::A4,
            scale: 1,
            slides: false,
            matrix: false,
        },
        today(),
    )
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn the_handout_is_one_page_with_nothing_to_fetch() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let html = handout(&ws, &[id], MapCustomers::Counts);
    assert!(html.starts_with("<!doctype html>"));
    let policy_at = html.find("Content-Security-Policy").unwrap();
    assert!(
        policy_at < html.find("<style>").unwrap(),
        "the policy comes first"
    );
    assert!(html.contains("default-src 'none'"));
    assert!(!html.contains("'unsafe-inline'"));
    // Nothing that loads from elsewhere: no src or href but in-page anchors, data: fonts.
    assert!(!html.contains(" src="));
    for (at, _) in html.match_indices("href=\"") {
        assert!(html[at + 6..].starts_with('#'), "{}", &html[at..at + 40]);
    }
    for (at, _) in html.match_indices("url(") {
        assert!(html[at + 4..].starts_with("\"data:font/ttf;base64,"));
    }
    assert!(!html.contains("@import"));
}

#[test]
fn the_steps_come_in_order_with_levels_vehicles_and_gaps() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let html = handout(&ws, &[id], MapCustomers::Counts);
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is not in the handout"))
    };
    assert!(at(">Pilot live<") < at(">Team onboarded<"));
    assert_eq!(html.matches("<details>").count(), 3);
    assert!(html.contains("<strong>Success means:</strong> Ships every project on the platform"));
    // The levels of both KPIs, with their units where they belong.
    assert!(html.contains(
        "<td class=\"entry\">25%</td><td class=\"good\">50%</td><td class=\"best\">80%</td>"
    ));
    assert!(html.contains("Days to first model<span class=\"unit\"> (days)</span><span class=\"note\">lower is better</span>"));
    assert!(html.contains(
        "<td class=\"entry\">60</td><td class=\"good\">30</td><td class=\"best\">14</td>"
    ));
    // The vehicle on step 1, the one on the move 1 → 2, the gap 2 → 3.
    let step_1 = &html[at("id=\"persona-1-step-1\"")..at("id=\"persona-1-step-2\"")];
    assert!(step_1.contains(
        "<span class=\"kind\">Community</span><span class=\"name\">Office hours for leads</span>"
    ));
    assert!(step_1.contains("<div class=\"move\">"));
    assert!(step_1.contains("Rollout bootcamp"));
    let step_2 = &html[at("id=\"persona-1-step-2\"")..at("id=\"persona-1-step-3\"")];
    assert!(step_2.contains("<div class=\"move gap\">"));
    assert!(step_2.contains("Gap: no vehicle helps customers make this move."));
    assert!(html.contains("1 move without a vehicle"));
    // The overview counts customers, no names.
    assert!(html.contains("2 customers · $52K ARR"));
    assert!(!html.contains("Quarry Collective"));
}

#[test]
fn hostile_text_stays_text() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let html = handout(&ws, &[id], MapCustomers::Names);
    assert!(!html.contains(HOSTILE_STEP));
    assert!(!html.contains(HOSTILE_CUSTOMER));
    assert!(
        html.contains("&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co")
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Quarry Collective"), "names when chosen");
    // One script element: the page's own.
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("<img").count(), 0);
}

#[test]
fn several_maps_and_the_map_alone() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let other = edits::create_persona(&ws, &PersonaInput::named("Ops manager"), now()).unwrap();
    let html = handout(&ws, &[id, other.id], MapCustomers::None);
    assert!(html.contains("<title>Success maps: Studio lead, Ops manager</title>"));
    assert!(html.contains("<a href=\"#persona-2\">Ops manager</a>"));
    assert!(html.contains("This map has no steps yet."));
    assert!(!html.contains("on the map"), "no customer figures at all");
    assert!(!html.contains("class=\"count\""));
    assert!(!html.contains("class=\"overview\""));
}

fn plan(ws: &Workspace, external_id: &str, format: HandoutFormat, internal: bool) -> Vec<u8> {
    let id = reads::customer_by_external_id(ws, external_id).unwrap();
    reads::export_handout(
        ws,
        id,
        &HandoutOptions {
            format,
            internal,
            paper: Paper::A4,
        },
        today(),
    )
    .unwrap()
}

/// The known map's hostile customer (ACC-1, on step 2 aiming at step 3) with a value of
/// step 2's KPI ("Days to first model", lower is better: 60 / 30 / 14).
fn customer_with_a_value(ws: &Workspace) {
    let id = reads::customer_by_external_id(ws, "ACC-1").unwrap();
    let values = reads::customer_kpi_values(ws, id).unwrap();
    let days = values
        .iter()
        .find(|v| v.kpi.name == "Days to first model")
        .unwrap();
    edits::set_customer_kpi_values(
        ws,
        id,
        &[KpiValueInput {
            kpi_id: days.kpi.id,
            value: Some(20.0),
        }],
        now(),
    )
    .unwrap();
}

#[test]
fn a_success_plan_shows_where_the_customer_stands_and_the_way_to_its_target() {
    let ws = Workspace::in_memory().unwrap();
    known_map(&ws);
    customer_with_a_value(&ws);
    let html = String::from_utf8(plan(&ws, "ACC-1", HandoutFormat::Html, false)).unwrap();
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains("<h1>&lt;img src=x onerror=alert(1)&gt;</h1>"));
    assert!(!html.contains(HOSTILE_CUSTOMER));
    assert!(html.contains("On step 2 of 3, aiming for step 3."));
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    assert!(at(">Pilot live<") < at("<span class=\"badge\">Done</span>"));
    assert!(at(">Team onboarded<") < at("<span class=\"badge\">You are here</span>"));
    assert!(
        at("<span class=\"badge\">You are here</span>") < at("<span class=\"badge\">Target</span>")
    );
    // Its value against the levels of the steps from here to the target, not behind it.
    assert!(html.contains("<td class=\"you\">20</td><td class=\"entry\">60</td><td class=\"good\">30</td><td class=\"best\">14</td><td class=\"reached\">Good</td>"));
    assert!(!html.contains("Active seats"), "step 1 is behind");
    // The move to the target has no vehicle: worded for the customer.
    assert!(html.contains("We will agree together how to make this move."));
    assert!(html.contains("Reached Team onboarded; Target set to"));
    // Internal figures only when asked.
    assert!(!html.contains("ARR"));
    let internal = String::from_utf8(plan(&ws, "ACC-1", HandoutFormat::Html, true)).unwrap();
    assert!(internal.contains("Internal: ARR $42K"));
}

#[test]
fn a_success_plan_pdf_is_one_page_with_its_text() {
    let ws = Workspace::in_memory().unwrap();
    known_map(&ws);
    customer_with_a_value(&ws);
    let pdf = plan(&ws, "ACC-2", HandoutFormat::Pdf, false);
    let text = String::from_utf8_lossy(&pdf);
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        text.matches("/Type /Page\n").count()
            + text.matches("/Type /Page/").count()
            + text.matches("/Type /Page ").count(),
        1,
        "one page"
    );
    assert!(text.contains("/MediaBox [0 0 841.89 595.28]"));
    let err = reads::customer_by_external_id(&ws, "NOPE-9").unwrap_err();
    assert!(
        err.to_string()
            .contains("no customer with the external id \"NOPE-9\""),
        "{err}"
    );
}

#[test]
fn a_long_success_plan_flows_onto_more_pages_and_leaves_nothing_out() {
    let ws = Workspace::in_memory().unwrap();
    let persona = known_map(&ws);
    // Forty more KPIs on the customer's target step.
    let target = reads::map(&ws, persona).unwrap().steps[2].step.id;
    for k in 0..40 {
        edits::add_kpi(
            &ws,
            target,
            &KpiInput {
                name: format!("Extra measure number {k:02}"),
                unit: "%".into(),
                direction: KpiDirection::HigherIsBetter,
                kind: KpiKind::Success,
                entry_level: 10.0,
                good_level: 40.0,
                best_level: 70.0,
            },
        )
        .unwrap();
    }
    let id = reads::customer_by_external_id(&ws, "ACC-1").unwrap();
    let detail = reads::customer_plan(&ws, id).unwrap();
    let pages = successmap_core::drawing::plan::plan_pages(&detail, false, Some(today()));
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let every: String = pages.iter().map(|p| p.svg.as_str()).collect();
    for k in 0..40 {
        let name = format!(">Extra measure number {k:02}<");
        assert_eq!(every.matches(&name).count(), 1, "{name} once");
    }
    for (n, page) in pages.iter().enumerate() {
        assert_eq!((page.width, page.height), (1123.0, 794.0));
        assert!(
            page.svg
                .contains(&format!("page {} of {}", n + 1, pages.len())),
            "page {n} numbered"
        );
    }
    // The table's head again at the top of each column it continues in.
    assert!(every.matches(">REACHED<").count() >= 2);

    let pdf = plan(&ws, "ACC-1", HandoutFormat::Pdf, false);
    let text = String::from_utf8_lossy(&pdf);
    assert_eq!(
        text.matches("/MediaBox [0 0 841.89 595.28]").count(),
        pages.len()
    );
}
