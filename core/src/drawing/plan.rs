//! A customer's success plan as one landscape drawing (for its PDF): on the left the
//! customer and its map with where it stands and aims; on the right its KPI values
//! against the levels of the steps ahead, the vehicles on the moves to its target and
//! its journey so far. The words and rules are the HTML plan's ([`crate::handout`]).

use super::font::{self, Weight};
use super::map::{BEST, DANGER, GOOD, INK, LINE, MUTED, PAPER};
use super::{colour, kind_label, line, lines, Anchor, Canvas, Drawing, Text};
use crate::handout::{
    history_words, internal_facts, kpi_cells, reached_words, CustomerPlan, StepState,
};

const WIDTH: f32 = 1123.0;
const MARGIN: f32 = 48.0;
const LEFT_W: f32 = 420.0;
const RIGHT_X: f32 = 520.0;
const RIGHT_W: f32 = WIDTH - RIGHT_X - MARGIN;
/// History entries drawn; older ones are counted.
const HISTORY: usize = 8;

const LABEL: Text = Text(11.5, 18.0, Weight::Bold);
const BODY: Text = Text(13.0, 19.0, Weight::Regular);
const BODY_BOLD: Text = Text(13.0, 19.0, Weight::Bold);
const SMALL: Text = Text(12.0, 17.0, Weight::Regular);

fn section(canvas: &mut Canvas, x: f32, y: f32, text: &str) -> f32 {
    line(canvas, x, y, LABEL, MUTED, &text.to_uppercase()) + 4.0
}

/// The plan as a drawing; `internal` adds ARR, health, owner and renewal.
pub fn plan_svg(plan: &CustomerPlan, internal: bool, date: Option<chrono::NaiveDate>) -> Drawing {
    let accent = colour(&plan.persona.color, GOOD);
    let customer = &plan.customer.row.customer;
    let mut canvas = Canvas::default();
    canvas.rect(0.0, 0.0, WIDTH, 8.0, 0.0, accent, None);

    // Left: who, and where on the map.
    let mut y = MARGIN - 8.0;
    y += line(
        &mut canvas,
        MARGIN,
        y,
        Text(13.0, 20.0, Weight::Bold),
        accent,
        "SUCCESS PLAN",
    );
    let name = font::wrap(&customer.name, 30.0, Weight::Bold, LEFT_W);
    y += lines(
        &mut canvas,
        MARGIN,
        y,
        Text(30.0, 38.0, Weight::Bold),
        INK,
        &name,
    );
    let mut meta = vec![format!("Success map: {}", plan.persona.name)];
    if let Some(date) = date {
        meta.push(format!("prepared on {}", date.format("%Y-%m-%d")));
    }
    let meta = font::wrap(&meta.join(" · "), SMALL.0, Weight::Regular, LEFT_W);
    y += lines(&mut canvas, MARGIN, y, SMALL, MUTED, &meta);
    if internal {
        let facts = internal_facts(plan);
        if !facts.is_empty() {
            let text = font::wrap(
                &format!("Internal: {}", facts.join(" · ")),
                SMALL.0,
                Weight::Bold,
                LEFT_W,
            );
            y += lines(
                &mut canvas,
                MARGIN,
                y,
                Text(12.0, 17.0, Weight::Bold),
                DANGER,
                &text,
            );
        }
    }
    let definition = plan.persona.success_definition.trim();
    if !definition.is_empty() {
        let text = font::wrap(
            &format!("Success means: {definition}"),
            BODY.0,
            Weight::Regular,
            LEFT_W,
        );
        y += 8.0 + lines(&mut canvas, MARGIN, y + 8.0, BODY, INK, &text);
    }
    y += 18.0;
    y += section(&mut canvas, MARGIN, y, "Where you are on the map");
    for (i, view) in plan.map.steps.iter().enumerate() {
        let state = plan.state(i);
        let title = font::wrap(&view.step.title, 14.0, Weight::Bold, LEFT_W - 150.0);
        let h = (title.len() as f32 * 19.0).max(28.0) + 8.0;
        let cy = y + 14.0;
        let filled = matches!(state, StepState::Current | StepState::Target);
        let marked = !matches!(state, StepState::Later);
        canvas.circle(MARGIN + 14.0, cy, 14.0, if marked { accent } else { LINE });
        if !filled {
            canvas.circle(MARGIN + 14.0, cy, 11.5, PAPER);
        }
        canvas.text(
            MARGIN + 14.0,
            cy + 4.7,
            13.0,
            Weight::Bold,
            if filled {
                PAPER
            } else if marked {
                accent
            } else {
                MUTED
            },
            Anchor::Middle,
            &(i + 1).to_string(),
        );
        let fill = if matches!(state, StepState::Later) {
            MUTED
        } else {
            INK
        };
        lines(
            &mut canvas,
            MARGIN + 40.0,
            y + 4.0,
            Text(14.0, 19.0, Weight::Bold),
            fill,
            &title,
        );
        let badge = match state {
            StepState::Done => "Done",
            StepState::Current => "You are here",
            StepState::Ahead => "Next",
            StepState::Target => "Target",
            StepState::Later => "",
        };
        if !badge.is_empty() {
            canvas.text(
                MARGIN + LEFT_W,
                y + 4.0 + 9.5 + 4.0,
                11.5,
                Weight::Bold,
                accent,
                Anchor::End,
                badge,
            );
        }
        y += h;
    }
    let left_end = y;

    // Right: KPIs, the way to the target, the journey.
    let mut y = MARGIN;
    y += section(&mut canvas, RIGHT_X, y, "Your KPIs on the way");
    let values = plan.focus_values();
    if values.is_empty() {
        y += line(
            &mut canvas,
            RIGHT_X,
            y,
            SMALL,
            MUTED,
            "No KPIs on these steps yet.",
        );
    } else {
        let columns = [0.0, 205.0, 265.0, 320.0, 375.0, 430.0];
        for (x, head) in columns
            .iter()
            .zip(["KPI", "YOU", "ENTRY", "GOOD", "BEST", "REACHED"])
        {
            line(
                &mut canvas,
                RIGHT_X + x,
                y,
                Text(10.5, 16.0, Weight::Bold),
                MUTED,
                head,
            );
        }
        y += 18.0;
        for value in values {
            canvas.path(
                &format!("M{} {} L{} {}", RIGHT_X, y, RIGHT_X + RIGHT_W, y),
                "none",
                Some((LINE, 1.0)),
            );
            let mut name = value.kpi.name.clone();
            if !crate::words::inline_unit(&value.kpi.unit) {
                name.push_str(&format!(" ({})", value.kpi.unit));
            }
            let names = font::wrap(&name, 12.5, Weight::Bold, columns[1] - 10.0);
            let mut h = lines(
                &mut canvas,
                RIGHT_X,
                y + 4.0,
                Text(12.5, 17.0, Weight::Bold),
                INK,
                &names,
            );
            let step = font::fit(
                &format!("Step {}: {}", value.step_position + 1, value.step_title),
                11.0,
                Weight::Regular,
                columns[1] - 10.0,
            );
            h += line(
                &mut canvas,
                RIGHT_X,
                y + 4.0 + h,
                Text(11.0, 15.0, Weight::Regular),
                MUTED,
                &step,
            );
            let cells = kpi_cells(value);
            let fills = [INK, MUTED, GOOD, BEST];
            for ((x, cell), fill) in columns[1..5].iter().zip(cells.iter()).zip(fills) {
                let text = font::fit(cell, 12.5, Weight::Bold, 52.0);
                line(
                    &mut canvas,
                    RIGHT_X + x,
                    y + 4.0,
                    Text(12.5, 17.0, Weight::Bold),
                    fill,
                    &text,
                );
            }
            let reached = font::wrap(
                reached_words(value),
                12.0,
                Weight::Regular,
                RIGHT_W - columns[5],
            );
            lines(
                &mut canvas,
                RIGHT_X + columns[5],
                y + 4.0,
                SMALL,
                INK,
                &reached,
            );
            y += h + 10.0;
        }
    }

    let moves = plan.moves_ahead();
    if !moves.is_empty() {
        y += 16.0;
        y += section(&mut canvas, RIGHT_X, y, "How we get you there");
        for (i, vehicles) in moves {
            let to = &plan.map.steps[i + 1].step;
            let heading = font::wrap(
                &format!("To step {}: {}", i + 2, to.title),
                BODY_BOLD.0,
                Weight::Bold,
                RIGHT_W,
            );
            y += lines(&mut canvas, RIGHT_X, y, BODY_BOLD, INK, &heading);
            if vehicles.is_empty() {
                y += line(
                    &mut canvas,
                    RIGHT_X + 12.0,
                    y,
                    SMALL,
                    MUTED,
                    "We will agree together how to make this move.",
                );
            }
            for vehicle in vehicles {
                let text = font::wrap(
                    &format!("{}: {}", kind_label(vehicle), vehicle.vehicle.name),
                    SMALL.0,
                    Weight::Regular,
                    RIGHT_W - 12.0,
                );
                y += lines(&mut canvas, RIGHT_X + 12.0, y, SMALL, INK, &text);
            }
            y += 6.0;
        }
    }

    y += 16.0;
    y += section(&mut canvas, RIGHT_X, y, "Your journey so far");
    let entries: Vec<_> = plan
        .customer
        .placements
        .iter()
        .map(|e| (e, history_words(e)))
        .filter(|(_, words)| !words.is_empty())
        .collect();
    if entries.is_empty() {
        y += line(
            &mut canvas,
            RIGHT_X,
            y,
            SMALL,
            MUTED,
            "Nothing recorded yet.",
        );
    }
    for (entry, words) in entries.iter().take(HISTORY) {
        line(
            &mut canvas,
            RIGHT_X,
            y,
            SMALL,
            MUTED,
            &entry.at.format("%Y-%m-%d").to_string(),
        );
        let text = font::wrap(words, SMALL.0, Weight::Regular, RIGHT_W - 90.0);
        y += lines(&mut canvas, RIGHT_X + 90.0, y, SMALL, INK, &text);
    }
    if entries.len() > HISTORY {
        y += line(
            &mut canvas,
            RIGHT_X,
            y,
            SMALL,
            MUTED,
            &format!("and {} earlier", entries.len() - HISTORY),
        );
    }

    let height = left_end.max(y).max(560.0) + MARGIN;
    canvas.finish(
        WIDTH,
        height,
        &format!("Success plan: {}", customer.name),
        &format!(
            "Success plan of {} on the success map of {}",
            customer.name, plan.persona.name
        ),
    )
}
