//! The interactive map handout: one page with the chosen personas' maps, each step a
//! disclosure (click, Enter or Space opens its outcome, KPIs at the three levels,
//! vehicles and customer figures), the move to the next step under it with its vehicles
//! or its gap, an optional customer overview, and a print style that opens everything.

use super::{web_link, Page};
use crate::drawing::{colour, kind_label};
use crate::model::{AttachedVehicle, Kpi, KpiDirection, KpiKind, MapCustomers, MapDetail, Persona};
use crate::words::{count, inline_unit, level, money, thousands};

/// One persona's map in a handout.
pub struct MapHandout<'a> {
    pub persona: &'a Persona,
    pub map: &'a MapDetail,
}

/// The handout of `maps` as a complete HTML document.
pub fn maps_html(
    maps: &[MapHandout<'_>],
    customers: MapCustomers,
    date: Option<chrono::NaiveDate>,
) -> String {
    let mut page = Page::default();
    let names: Vec<&str> = maps.iter().map(|m| m.persona.name.as_str()).collect();
    let title = match names.as_slice() {
        [one] => format!("Success map: {one}"),
        _ => format!("Success maps: {}", names.join(", ")),
    };

    page.raw("<header class=\"top\">\n");
    page.element(
        "p",
        "eyebrow",
        if maps.len() == 1 {
            "Success map"
        } else {
            "Success maps"
        },
    );
    page.element("h1", "", &names.join(" · "));
    let mut meta = vec![count(maps.len() as u64, "persona")];
    if let Some(date) = date {
        meta.push(format!(
            "exported from Successmap on {}",
            date.format("%Y-%m-%d")
        ));
    }
    page.element("p", "meta", &meta.join(" · "));
    if maps.len() > 1 {
        page.raw("<nav aria-label=\"Personas\"><ul>");
        for (i, m) in maps.iter().enumerate() {
            page.raw(&format!("<li><a href=\"#persona-{}\">", i + 1));
            page.text(&m.persona.name);
            page.raw("</a></li>");
        }
        page.raw("</ul></nav>\n");
    }
    page.raw(
        "<div class=\"tools\" hidden><button type=\"button\" id=\"expand-all\">Open every step</button>\
         <button type=\"button\" id=\"collapse-all\">Close every step</button></div>\n",
    );
    page.raw("</header>\n<main>\n");

    let mut accents = String::new();
    for (i, m) in maps.iter().enumerate() {
        accents.push_str(&format!(
            "#persona-{} {{ --persona: {}; }}\n",
            i + 1,
            colour(&m.persona.color, "#3b5bdb")
        ));
        persona_section(&mut page, i + 1, m, customers);
    }
    page.raw("</main>\n<footer>");
    page.text("Made with Successmap. Typeface: Noto Sans, under the SIL Open Font License 1.1.");
    page.raw("</footer>\n");
    page.finish(&title, &format!("{CSS}{accents}"), SCRIPT)
}

fn persona_section(page: &mut Page, n: usize, handout: &MapHandout<'_>, customers: MapCustomers) {
    let persona = handout.persona;
    let map = handout.map;
    page.raw(&format!(
        "<section class=\"persona\" id=\"persona-{n}\" aria-labelledby=\"persona-{n}-name\">\n\
         <h2 id=\"persona-{n}-name\"><span class=\"swatch\" aria-hidden=\"true\"></span>"
    ));
    page.text(&persona.name);
    page.raw("</h2>\n");
    let definition = persona.success_definition.trim();
    if !definition.is_empty() {
        page.raw("<p class=\"definition\"><strong>Success means:</strong> ");
        page.text(definition);
        page.raw("</p>\n");
    }
    let mut facts = vec![count(map.steps.len() as u64, "step")];
    if customers != MapCustomers::None {
        let placed: u64 = map.steps.iter().map(|s| u64::from(s.customer_count)).sum();
        let arr: i64 = map.steps.iter().map(|s| s.arr_cents).sum();
        facts.push(format!("{} on the map", count(placed, "customer")));
        if arr > 0 {
            facts.push(format!("{} ARR", money(arr)));
        }
    }
    let gaps = map.moves.iter().filter(|m| m.vehicles.is_empty()).count();
    if gaps > 0 {
        facts.push(format!(
            "{} without a vehicle",
            if gaps == 1 {
                "1 move".to_string()
            } else {
                format!("{gaps} moves")
            }
        ));
    }
    page.element("p", "facts", &facts.join(" · "));

    if map.steps.is_empty() {
        page.element("p", "empty", "This map has no steps yet.");
    } else {
        page.raw("<ol class=\"steps\">\n");
        for (i, view) in map.steps.iter().enumerate() {
            let step = &view.step;
            page.raw(&format!(
                "<li class=\"step\" id=\"persona-{n}-step-{}\">\n<details>\n<summary>",
                i + 1
            ));
            page.raw(&format!(
                "<span class=\"num\" aria-hidden=\"true\">{}</span>",
                i + 1
            ));
            page.raw("<span class=\"head\">");
            page.raw(&format!(
                "<span class=\"visually-hidden\">Step {}: </span>",
                i + 1
            ));
            page.element("span", "title", &step.title);
            if !step.outcome.trim().is_empty() {
                page.element("span", "outcome", step.outcome.trim());
            }
            page.raw("</span>");
            if customers != MapCustomers::None {
                page.element(
                    "span",
                    "count",
                    &count(view.customer_count.into(), "customer"),
                );
            }
            page.raw("</summary>\n<div class=\"body\">\n");
            step_body(page, view, customers);
            page.raw("</div>\n</details>\n");
            if let Some(next) = map.steps.get(i + 1) {
                let vehicles = map
                    .moves
                    .iter()
                    .find(|m| m.from_step_id == step.id && m.to_step_id == next.step.id)
                    .map(|m| m.vehicles.as_slice())
                    .unwrap_or_default();
                if vehicles.is_empty() {
                    page.raw("<div class=\"move gap\">");
                } else {
                    page.raw("<div class=\"move\">");
                }
                page.raw("<span class=\"arrow\" aria-hidden=\"true\"></span><div>");
                page.element(
                    "p",
                    "move-title",
                    &format!("To step {}: {}", i + 2, next.step.title),
                );
                if vehicles.is_empty() {
                    page.element(
                        "p",
                        "gap-note",
                        "Gap: no vehicle helps customers make this move.",
                    );
                } else {
                    vehicle_list(page, vehicles);
                }
                page.raw("</div></div>\n");
            }
            page.raw("</li>\n");
        }
        page.raw("</ol>\n");
    }

    if customers != MapCustomers::None && !map.steps.is_empty() {
        overview(page, map);
    }
    page.raw("</section>\n");
}

fn step_body(page: &mut Page, view: &crate::model::StepView, customers: MapCustomers) {
    if view.kpis.is_empty() {
        page.element("p", "muted", "No KPIs yet.");
    } else {
        page.raw(
            "<table class=\"kpis\"><thead><tr><th scope=\"col\">KPI</th>\
             <th scope=\"col\">Entry</th><th scope=\"col\">Good</th>\
             <th scope=\"col\">Best in class</th></tr></thead><tbody>\n",
        );
        for kpi in &view.kpis {
            kpi_row(page, kpi);
        }
        page.raw("</tbody></table>\n");
    }
    if !view.vehicles.is_empty() {
        page.element("h3", "", "On this step");
        vehicle_list(page, &view.vehicles);
    }
    if customers != MapCustomers::None {
        page.element("h3", "", "Customers");
        let mut figures = count(view.customer_count.into(), "customer");
        if view.arr_cents > 0 {
            figures.push_str(&format!(" · {} ARR", money(view.arr_cents)));
        }
        if view.target_count > 0 {
            figures.push_str(&format!(
                " · {} aiming here",
                thousands(view.target_count.into())
            ));
        }
        page.element("p", "", &figures);
        if customers == MapCustomers::Names && !view.customers.is_empty() {
            page.raw("<ul class=\"names\">");
            for chip in &view.customers {
                page.raw("<li>");
                page.element("span", "", &chip.name);
                if let Some(arr) = chip.arr_cents {
                    page.element("span", "muted", &money(arr));
                }
                page.raw("</li>");
            }
            page.raw("</ul>\n");
        }
    }
}

fn kpi_row(page: &mut Page, kpi: &Kpi) {
    page.raw("<tr><th scope=\"row\">");
    page.text(&kpi.name);
    if !inline_unit(&kpi.unit) {
        page.element("span", "unit", &format!(" ({})", kpi.unit));
    }
    let mut notes = Vec::new();
    if kpi.kind == KpiKind::Satisfaction {
        notes.push("satisfaction");
    }
    if kpi.direction == KpiDirection::LowerIsBetter {
        notes.push("lower is better");
    }
    if !notes.is_empty() {
        page.element("span", "note", &notes.join(" · "));
    }
    page.raw("</th>");
    let unit = if inline_unit(&kpi.unit) {
        kpi.unit.as_str()
    } else {
        ""
    };
    for (class, value) in [
        ("entry", kpi.entry_level),
        ("good", kpi.good_level),
        ("best", kpi.best_level),
    ] {
        page.element("td", class, &level(value, unit));
    }
    page.raw("</tr>\n");
}

pub(super) fn vehicle_list(page: &mut Page, vehicles: &[AttachedVehicle]) {
    page.raw("<ul class=\"vehicles\">");
    for attached in vehicles {
        let v = &attached.vehicle;
        page.raw(&format!("<li class=\"kind-{}\">", v.kind.as_str()));
        page.element("span", "kind", &kind_label(attached));
        page.element("span", "name", &v.name);
        let description = v.description.trim();
        if !description.is_empty() {
            page.element("span", "description", description);
        }
        if !v.owner.trim().is_empty() {
            page.element("span", "owner", &format!("Owner: {}", v.owner.trim()));
        }
        if let Some(link) = web_link(&v.link) {
            page.raw("<a class=\"link\" rel=\"noopener noreferrer\" href=\"");
            page.text(link);
            page.raw("\">");
            page.text(link);
            page.raw("</a>");
        }
        page.raw("</li>");
    }
    page.raw("</ul>\n");
}

/// Customers per step as bars (counts and ARR only).
fn overview(page: &mut Page, map: &MapDetail) {
    let most = map
        .steps
        .iter()
        .map(|s| s.customer_count)
        .max()
        .unwrap_or(0)
        .max(1);
    page.raw("<div class=\"overview\">");
    page.element("h3", "", "Customers per step");
    page.raw(
        "<table><thead><tr><th scope=\"col\">Step</th><th scope=\"col\">Customers</th>\
              <th scope=\"col\">ARR</th><th scope=\"col\">Aiming here</th></tr></thead><tbody>",
    );
    for (i, view) in map.steps.iter().enumerate() {
        page.raw("<tr><th scope=\"row\">");
        page.text(&format!("{}. {}", i + 1, view.step.title));
        page.raw("</th><td>");
        let share = (f64::from(view.customer_count) / f64::from(most) * 10.0).round() as u32;
        page.raw(&format!(
            "<span class=\"bar w{share}\" aria-hidden=\"true\"></span>"
        ));
        page.text(&thousands(view.customer_count.into()));
        page.raw("</td>");
        page.element("td", "", &money(view.arr_cents));
        page.element("td", "", &thousands(view.target_count.into()));
        page.raw("</tr>");
    }
    page.raw("</tbody></table>");
    if map.unplaced_count > 0 {
        page.element(
            "p",
            "muted",
            &format!(
                "{} not placed on a step yet.",
                count(map.unplaced_count.into(), "customer")
            ),
        );
    }
    page.raw("</div>\n");
}

pub(super) const SCRIPT: &str = r#"(() => {
  const tools = document.querySelector(".tools");
  const all = () => [...document.querySelectorAll("li.step > details")];
  if (tools) tools.hidden = false;
  document.getElementById("expand-all")?.addEventListener("click", () => all().forEach((d) => (d.open = true)));
  document.getElementById("collapse-all")?.addEventListener("click", () => all().forEach((d) => (d.open = false)));
  let closed = [];
  addEventListener("beforeprint", () => {
    closed = all().filter((d) => !d.open);
    closed.forEach((d) => (d.open = true));
  });
  addEventListener("afterprint", () => {
    closed.forEach((d) => (d.open = false));
    closed = [];
  });
  document.addEventListener("keydown", (e) => {
    const here = document.activeElement;
    if (!(here instanceof HTMLElement) || here.tagName !== "SUMMARY") return;
    const list = [...document.querySelectorAll("li.step > details > summary")];
    const i = list.indexOf(here);
    const next = { ArrowDown: list[i + 1], ArrowUp: list[i - 1], Home: list[0], End: list[list.length - 1] }[e.key];
    if (next) {
      next.focus();
      e.preventDefault();
    }
  });
})();"#;

pub(super) const CSS: &str = r#"
:root {
  color-scheme: light dark;
  --paper: #ffffff; --ink: #1f2430; --muted: #5f6673; --line: #d5dae1; --card: #f8f9fb;
  --good: #3b5bdb; --best: #2b8a3e; --danger: #c92a2a; --danger-soft: #fff0f0;
  --move: #eef2ff; --focus: #3b5bdb;
  --training: #1971c2; --community: #2b8a3e; --enablement: #8e3fb0; --custom: #b35900;
}
@media (prefers-color-scheme: dark) {
  :root {
    --paper: #14171d; --ink: #e8eaee; --muted: #a3abb8; --line: #333a45; --card: #1c2028;
    --good: #8ca4ff; --best: #69db7c; --danger: #ff8787; --danger-soft: #3a2224;
    --move: #232a3d; --focus: #8ca4ff;
    --training: #74b7f5; --community: #79d18c; --enablement: #d3a0ee; --custom: #f5b26b;
  }
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body {
  margin: 0 auto; max-width: 1040px; padding: 32px 24px 48px;
  font: 15px/1.5 "Noto Sans", system-ui, sans-serif;
}
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 24px; margin: 0 0 8px; display: flex; align-items: center; gap: 10px; }
h3 { font-size: 12px; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); margin: 16px 0 6px; }
p { margin: 0 0 8px; }
a { color: var(--good); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 6px; }
.eyebrow { font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--good); margin: 0; }
.meta, .facts, .muted, .note, .unit, .owner { color: var(--muted); }
.top { border-bottom: 1px solid var(--line); padding-bottom: 16px; margin-bottom: 24px; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 0; margin: 8px 0; }
.tools { display: flex; gap: 8px; margin-top: 8px; }
.tools[hidden] { display: none; }
button {
  font: inherit; font-size: 14px; padding: 6px 12px; border-radius: 6px; cursor: pointer;
  border: 1px solid var(--line); background: var(--card); color: var(--ink);
}
.persona { margin-bottom: 40px; }
.swatch { width: 14px; height: 14px; border-radius: 50%; background: var(--persona); flex: none; }
.definition { font-size: 16px; }
.steps { list-style: none; padding: 0; margin: 16px 0 0; }
.step > details { border: 1px solid var(--line); border-radius: 10px; background: var(--card); }
summary {
  display: grid; grid-template-columns: auto 1fr auto auto; gap: 12px; align-items: start;
  padding: 14px 16px; cursor: pointer; list-style: none;
}
summary::-webkit-details-marker { display: none; }
summary::after { content: "+"; grid-column: 4; grid-row: 1; font-size: 20px; line-height: 1; color: var(--muted); }
details[open] > summary::after { content: "\2212"; }
.num {
  width: 28px; height: 28px; border-radius: 50%; background: var(--persona); color: #fff;
  display: grid; place-items: center; font-weight: 700; font-size: 14px;
}
.head { display: grid; gap: 2px; }
.title { font-weight: 700; font-size: 17px; }
.outcome { color: var(--ink); }
.count { color: var(--muted); font-size: 13px; white-space: nowrap; }
.body { padding: 0 16px 16px 56px; }
.kpis { border-collapse: collapse; width: 100%; margin-top: 4px; }
.kpis th, .kpis td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.kpis thead th { font-size: 12px; color: var(--muted); font-weight: 600; }
.kpis td { font-weight: 700; white-space: nowrap; }
.kpis .good { color: var(--good); }
.kpis .best { color: var(--best); }
.kpis .note { display: block; font-weight: 400; font-size: 12px; }
.unit { font-weight: 400; }
.vehicles { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
.vehicles li { display: grid; gap: 1px; padding: 6px 10px; border-left: 3px solid var(--custom); background: var(--paper); border-radius: 4px; }
.vehicles .kind { font-size: 12px; font-weight: 700; color: var(--custom); }
.vehicles .kind-training { border-color: var(--training); } .kind-training .kind { color: var(--training); }
.vehicles .kind-community { border-color: var(--community); } .kind-community .kind { color: var(--community); }
.vehicles .kind-enablement { border-color: var(--enablement); } .kind-enablement .kind { color: var(--enablement); }
.description, .owner { font-size: 13px; }
.link { font-size: 13px; overflow-wrap: anywhere; }
.names { padding-left: 18px; margin: 0; }
.names li span + span { margin-left: 8px; }
.move { display: grid; grid-template-columns: 28px 1fr; gap: 12px; margin: 8px 0 8px 16px; padding: 10px 14px; border-radius: 10px; background: var(--move); }
.move .vehicles li { background: var(--card); }
.move-title { font-weight: 700; font-size: 14px; margin: 0 0 4px; }
.move.gap { background: var(--danger-soft); border: 1.5px dashed var(--danger); }
.gap-note { color: var(--danger); margin: 0; }
.arrow { width: 2px; height: 100%; min-height: 24px; background: var(--muted); justify-self: center; position: relative; }
.arrow::after { content: ""; position: absolute; bottom: 0; left: -4px; border: 5px solid transparent; border-top-color: var(--muted); transform: translateY(6px); }
.overview { margin-top: 24px; }
.overview table { border-collapse: collapse; width: 100%; }
.overview th, .overview td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); }
.overview thead th { font-size: 12px; color: var(--muted); font-weight: 600; }
.overview th[scope="row"] { font-weight: 600; }
.bar { display: inline-block; height: 10px; margin-right: 8px; border-radius: 3px; background: var(--persona); vertical-align: middle; }
.w0 { width: 2px; } .w1 { width: 12px; } .w2 { width: 24px; } .w3 { width: 36px; } .w4 { width: 48px; }
.w5 { width: 60px; } .w6 { width: 72px; } .w7 { width: 84px; } .w8 { width: 96px; } .w9 { width: 108px; } .w10 { width: 120px; }
.empty { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { border-top: 1px solid var(--line); padding-top: 12px; font-size: 12px; color: var(--muted); }
@media print {
  :root { --paper: #fff; --ink: #000; --card: #fff; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .tools, nav, summary::after { display: none; }
  .persona + .persona { break-before: page; }
  .step, .move, tr { break-inside: avoid; }
  a { color: inherit; }
}
"#;
