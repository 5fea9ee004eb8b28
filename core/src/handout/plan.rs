//! A customer's success plan, for a business review with that customer: its map with
//! where it stands and where it aims, its KPI values against the levels of the steps
//! ahead, the vehicles on the moves to its target, and its journey so far. ARR and the
//! other internal fields appear only when asked for. The HTML here; the PDF is drawn by
//! [`crate::drawing::plan`] from the same [`CustomerPlan`].

use super::Page;
use crate::drawing::colour;
use crate::model::{
    AttachedVehicle, CustomerDetail, CustomerKpiValue, KpiLevel, MapDetail, Persona, PlacementEntry,
};
use crate::ops::evidence::reached;
use crate::words::{inline_unit, level, money};

/// Everything a success plan shows, read in one snapshot.
pub struct CustomerPlan {
    pub customer: CustomerDetail,
    pub persona: Persona,
    pub map: MapDetail,
    pub values: Vec<CustomerKpiValue>,
}

/// Where a step stands for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Current,
    /// Between the current step and the target.
    Ahead,
    Target,
    Later,
}

impl CustomerPlan {
    fn position_of(&self, id: Option<crate::model::StepId>) -> Option<usize> {
        id.and_then(|id| self.map.steps.iter().position(|s| s.step.id == id))
    }

    pub fn current(&self) -> Option<usize> {
        self.position_of(self.customer.row.customer.current_step_id)
    }

    pub fn target(&self) -> Option<usize> {
        self.position_of(self.customer.row.customer.target_step_id)
    }

    /// Each step's state for this customer.
    pub fn state(&self, i: usize) -> StepState {
        match (self.current(), self.target()) {
            (Some(c), _) if i == c => StepState::Current,
            (_, Some(t)) if i == t => StepState::Target,
            (Some(c), _) if i < c => StepState::Done,
            (Some(c), Some(t)) if c < i && i < t => StepState::Ahead,
            (None, Some(t)) if i < t => StepState::Ahead,
            _ => StepState::Later,
        }
    }

    /// The steps whose KPIs the plan shows: from the current step to the target (the
    /// current step alone without a target; up to the target when not placed yet).
    pub fn focus(&self) -> std::ops::RangeInclusive<usize> {
        let last = self.map.steps.len().saturating_sub(1);
        match (self.current(), self.target()) {
            (Some(c), Some(t)) if t >= c => c..=t,
            (Some(c), _) => c..=c,
            (None, Some(t)) => 0..=t,
            (None, None) => 0..=last,
        }
    }

    /// The KPI values of the steps in [`CustomerPlan::focus`], in map order.
    pub fn focus_values(&self) -> Vec<&CustomerKpiValue> {
        let focus = self.focus();
        self.values
            .iter()
            .filter(|v| focus.contains(&(v.step_position as usize)))
            .collect()
    }

    /// The moves from the current step to the target, with their vehicles.
    pub fn moves_ahead(&self) -> Vec<(usize, &[AttachedVehicle])> {
        let (Some(c), Some(t)) = (self.current(), self.target()) else {
            return Vec::new();
        };
        (c..t)
            .filter_map(|i| {
                let from = self.map.steps.get(i)?;
                let to = self.map.steps.get(i + 1)?;
                let vehicles = self
                    .map
                    .moves
                    .iter()
                    .find(|m| m.from_step_id == from.step.id && m.to_step_id == to.step.id)
                    .map(|m| m.vehicles.as_slice())
                    .unwrap_or_default();
                Some((i, vehicles))
            })
            .collect()
    }
}

/// The highest level a value reaches, in words: "Best in class", "Good", "Entry level",
/// "Not yet at entry level"; "No value yet" without one.
pub fn reached_words(value: &CustomerKpiValue) -> &'static str {
    let Some(v) = value.value else {
        return "No value yet";
    };
    if reached(&value.kpi, KpiLevel::Best, v) {
        "Best in class"
    } else if reached(&value.kpi, KpiLevel::Good, v) {
        "Good"
    } else if reached(&value.kpi, KpiLevel::Entry, v) {
        "Entry level"
    } else {
        "Not yet at entry level"
    }
}

/// A history entry in a customer's words: "Reached Team onboarded", "Target set to …".
pub fn history_words(entry: &PlacementEntry) -> String {
    let mut parts = Vec::new();
    if entry.current_changed {
        match &entry.to_current {
            Some(step) => parts.push(format!("Reached {step}")),
            None => parts.push("Taken off the map".to_string()),
        }
    }
    if entry.target_changed {
        match &entry.to_target {
            Some(step) => parts.push(format!("Target set to {step}")),
            None => parts.push("Target cleared".to_string()),
        }
    }
    parts.join("; ")
}

/// The internal figures shown when asked: ARR, health, owner, renewal.
pub fn internal_facts(plan: &CustomerPlan) -> Vec<String> {
    let c = &plan.customer.row.customer;
    let mut facts = Vec::new();
    if let Some(arr) = c.arr_cents {
        facts.push(format!("ARR {}", money(arr)));
    }
    if let Some(health) = c.health {
        facts.push(format!("health {health}"));
    }
    if !c.owner.trim().is_empty() {
        facts.push(format!("owner {}", c.owner.trim()));
    }
    if let Some(date) = c.renewal_date {
        facts.push(format!("renewal {}", date.format("%Y-%m-%d")));
    }
    facts
}

/// The value and the levels of a KPI as text, with the unit where it belongs.
pub fn kpi_cells(value: &CustomerKpiValue) -> [String; 4] {
    let unit = if inline_unit(&value.kpi.unit) {
        value.kpi.unit.as_str()
    } else {
        ""
    };
    [
        value
            .value
            .map(|v| level(v, unit))
            .unwrap_or_else(|| "—".into()),
        level(value.kpi.entry_level, unit),
        level(value.kpi.good_level, unit),
        level(value.kpi.best_level, unit),
    ]
}

/// The success plan as a complete HTML document.
pub fn plan_html(plan: &CustomerPlan, internal: bool, date: Option<chrono::NaiveDate>) -> String {
    let mut page = Page::default();
    let customer = &plan.customer.row.customer;
    page.raw("<header class=\"top\">\n");
    page.element("p", "eyebrow", "Success plan");
    page.element("h1", "", &customer.name);
    let mut meta = vec![format!("Success map: {}", plan.persona.name)];
    if let Some(date) = date {
        meta.push(format!("prepared on {}", date.format("%Y-%m-%d")));
    }
    page.element("p", "meta", &meta.join(" · "));
    if internal {
        let facts = internal_facts(plan);
        if !facts.is_empty() {
            page.element("p", "internal", &format!("Internal: {}", facts.join(" · ")));
        }
    }
    page.raw("</header>\n<main>\n<section class=\"persona\" id=\"persona-1\">\n");
    let definition = plan.persona.success_definition.trim();
    if !definition.is_empty() {
        page.raw("<p class=\"definition\"><strong>Success means:</strong> ");
        page.text(definition);
        page.raw("</p>\n");
    }

    // Where the customer stands.
    page.element("h2", "", "Where you are on the map");
    let summary = match (plan.current(), plan.target()) {
        (Some(c), Some(t)) if t > c => format!(
            "On step {} of {}, aiming for step {}.",
            c + 1,
            plan.map.steps.len(),
            t + 1
        ),
        (Some(c), Some(t)) if t == c => format!(
            "On step {} of {}, which is the target.",
            c + 1,
            plan.map.steps.len()
        ),
        (Some(c), _) => format!(
            "On step {} of {}; no target step chosen yet.",
            c + 1,
            plan.map.steps.len()
        ),
        (None, Some(t)) => format!("Not placed on the map yet; aiming for step {}.", t + 1),
        (None, None) => "Not placed on the map yet.".to_string(),
    };
    page.element("p", "facts", &summary);
    page.raw("<ol class=\"plan-steps\">\n");
    for (i, view) in plan.map.steps.iter().enumerate() {
        let (class, badge) = match plan.state(i) {
            StepState::Done => ("done", "Done"),
            StepState::Current => ("current", "You are here"),
            StepState::Ahead => ("ahead", "Next"),
            StepState::Target => ("target", "Target"),
            StepState::Later => ("later", ""),
        };
        page.raw(&format!(
            "<li class=\"{class}\"><span class=\"num\">{}</span><div>",
            i + 1
        ));
        page.element("span", "title", &view.step.title);
        if !badge.is_empty() {
            page.element("span", "badge", badge);
        }
        if !view.step.outcome.trim().is_empty() {
            page.element("span", "outcome", view.step.outcome.trim());
        }
        page.raw("</div></li>\n");
    }
    page.raw("</ol>\n");

    // KPI values against the levels of the steps ahead.
    let values = plan.focus_values();
    page.element("h2", "", "Your KPIs on the way");
    if values.is_empty() {
        page.element("p", "muted", "No KPIs on these steps yet.");
    } else {
        page.raw(
            "<table class=\"kpis\"><thead><tr><th scope=\"col\">KPI</th>\
             <th scope=\"col\">You</th><th scope=\"col\">Entry</th><th scope=\"col\">Good</th>\
             <th scope=\"col\">Best in class</th><th scope=\"col\">Reached</th></tr></thead><tbody>\n",
        );
        for value in values {
            page.raw("<tr><th scope=\"row\">");
            page.text(&value.kpi.name);
            if !inline_unit(&value.kpi.unit) {
                page.element("span", "unit", &format!(" ({})", value.kpi.unit));
            }
            page.element(
                "span",
                "note",
                &format!("Step {}: {}", value.step_position + 1, value.step_title),
            );
            page.raw("</th>");
            let [you, entry, good, best] = kpi_cells(value);
            page.element("td", "you", &you);
            page.element("td", "entry", &entry);
            page.element("td", "good", &good);
            page.element("td", "best", &best);
            page.element("td", "reached", reached_words(value));
            page.raw("</tr>\n");
        }
        page.raw("</tbody></table>\n");
    }

    // How the customer gets to the target.
    let moves = plan.moves_ahead();
    if !moves.is_empty() {
        page.element("h2", "", "How we get you there");
        page.raw("<ol class=\"steps\">\n");
        for (i, vehicles) in moves {
            let to = &plan.map.steps[i + 1].step;
            page.raw(if vehicles.is_empty() {
                "<li><div class=\"move gap\">"
            } else {
                "<li><div class=\"move\">"
            });
            page.raw("<span class=\"arrow\" aria-hidden=\"true\"></span><div>");
            page.element(
                "p",
                "move-title",
                &format!("To step {}: {}", i + 2, to.title),
            );
            if vehicles.is_empty() {
                page.element(
                    "p",
                    "gap-note",
                    "We will agree together how to make this move.",
                );
            } else {
                super::maps::vehicle_list(&mut page, vehicles);
            }
            page.raw("</div></div></li>\n");
        }
        page.raw("</ol>\n");
    }

    // The journey so far.
    page.element("h2", "", "Your journey so far");
    let entries: Vec<_> = plan
        .customer
        .placements
        .iter()
        .map(|e| (e, history_words(e)))
        .filter(|(_, words)| !words.is_empty())
        .collect();
    if entries.is_empty() {
        page.element("p", "muted", "Nothing recorded yet.");
    } else {
        page.raw("<ul class=\"history\">");
        for (entry, words) in entries {
            page.raw("<li>");
            page.element("span", "when", &entry.at.format("%Y-%m-%d").to_string());
            page.element("span", "", &words);
            page.raw("</li>");
        }
        page.raw("</ul>\n");
    }
    page.raw("</section>\n</main>\n<footer>");
    page.text("Made with Successmap. Typeface: Noto Sans, under the SIL Open Font License 1.1.");
    page.raw("</footer>\n");
    let css = format!(
        "{}{PLAN_CSS}#persona-1 {{ --persona: {}; }}\n",
        super::maps::CSS,
        colour(&plan.persona.color, "#3b5bdb")
    );
    page.finish(
        &format!("Success plan: {}", customer.name),
        &css,
        super::maps::SCRIPT,
    )
}

const PLAN_CSS: &str = r#"
.internal { color: var(--danger); font-weight: 600; }
h2 { margin-top: 28px; }
.plan-steps { list-style: none; padding: 0; margin: 12px 0; display: grid; gap: 6px; }
.plan-steps li { display: grid; grid-template-columns: 28px 1fr; gap: 12px; padding: 10px 14px; border: 1px solid var(--line); border-radius: 10px; background: var(--card); }
.plan-steps li > div { display: grid; gap: 2px; }
.plan-steps .num { width: 28px; height: 28px; border-radius: 50%; display: grid; place-items: center; font-weight: 700; border: 2px solid var(--line); background: transparent; color: var(--muted); }
.plan-steps .done .num { border-color: var(--persona); color: var(--persona); }
.plan-steps .current { border: 2px solid var(--persona); }
.plan-steps .current .num, .plan-steps .target .num { background: var(--persona); border-color: var(--persona); color: #fff; }
.plan-steps .target { border: 2px dashed var(--persona); }
.plan-steps .ahead { border-color: var(--persona); }
.plan-steps .later { opacity: .7; }
.badge { justify-self: start; font-size: 12px; font-weight: 700; padding: 1px 8px; border-radius: 999px; background: var(--persona); color: #fff; }
.kpis td.you { color: var(--ink); }
.kpis td.reached { font-weight: 600; }
.history { list-style: none; padding: 0; display: grid; gap: 4px; }
.history .when { display: inline-block; min-width: 7.5em; color: var(--muted); font-variant-numeric: tabular-nums; }
.steps > li { list-style: none; }
"#;
