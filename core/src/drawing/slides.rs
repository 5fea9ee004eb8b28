//! A presentation as slides (16:9, 1280 × 720): one drawing per reveal of
//! [`crate::presentation::sequence`], laid out as the app presents it: the title, each
//! step large with its outcome and KPIs and then the move to the next step, the whole
//! map with its gaps, the customers per step, the current × target matrix, success
//! against satisfaction. For the PDF deck a facilitator sends before or after a
//! workshop.

use super::font::{self, Weight};
use super::map::{kpi_note, BEST, DANGER, DANGER_SOFT, GOOD, INK, LINE, MOVE_SOFT, MUTED, PAPER};
use super::{colour, kind_colours, kind_label, line, lines, Anchor, Canvas, Drawing, Text};
use crate::model::{
    AttachedVehicle, MapCustomers, MapDetail, Persona, PersonaMatrix, Quadrant, SatisfactionView,
    StepId,
};
use crate::presentation::{label, scored, sequence, Reveal};
use crate::words::{count, inline_unit, level, money, thousands};

pub const WIDTH: f32 = 1280.0;
pub const HEIGHT: f32 = 720.0;
const SIDE: f32 = 80.0;
const ROOM: f32 = WIDTH - 2.0 * SIDE;
/// Where the content must end: above the step strip.
const BOTTOM: f32 = HEIGHT - 90.0;

/// The data slides' figures (counts and ARR, never names).
#[derive(Default, Clone, Copy)]
pub struct Data<'a> {
    pub matrix: Option<&'a PersonaMatrix>,
    pub satisfaction: Option<&'a SatisfactionView>,
}

/// The slides of a persona's map, in the order it is presented; the customers slide
/// (counts and ARR, names with [`MapCustomers::Names`]), the matrix and the quadrants
/// unless `customers` is `None`.
pub fn deck(
    persona: &Persona,
    map: &MapDetail,
    data: Data,
    customers: MapCustomers,
) -> Vec<Drawing> {
    let accent = colour(&persona.color, "#3b5bdb");
    let show = Show {
        customers,
        data,
        accent,
    };
    sequence(
        map,
        customers != MapCustomers::None,
        scored(data.satisfaction),
    )
    .into_iter()
    .enumerate()
    .map(|(i, reveal)| slide(persona, map, reveal, &show, i))
    .collect()
}

/// What the data slides show, and in which colour.
struct Show<'a> {
    customers: MapCustomers,
    data: Data<'a>,
    accent: &'a str,
}

fn slide(persona: &Persona, map: &MapDetail, reveal: Reveal, show: &Show, index: usize) -> Drawing {
    let (customers, accent) = (show.customers, show.accent);
    // A slide with more than fits is drawn again smaller.
    let mut scale = 1.0;
    loop {
        let mut canvas = Canvas::default();
        canvas.rect(0.0, 0.0, WIDTH, 8.0, 0.0, accent, None);
        let end = match reveal {
            Reveal::Title => title(&mut canvas, persona, map, scale),
            Reveal::Step { step } | Reveal::Outcome { step } | Reveal::Move { step } => {
                step_slide(&mut canvas, map, reveal, step as usize, accent, scale)
            }
            Reveal::Overview => overview(&mut canvas, map, accent, scale),
            Reveal::Customers => customer_slide(&mut canvas, map, customers, accent, scale),
            Reveal::Matrix => matrix_slide(&mut canvas, map, show.data.matrix, accent, scale),
            Reveal::Quadrants => quadrant_slide(&mut canvas, show.data.satisfaction, accent, scale),
        };
        if end <= BOTTOM || scale < 0.45 {
            strip(&mut canvas, map, reveal, accent);
            let title = format!("Presentation of {}: slide {}", persona.name, index + 1);
            return canvas.finish(WIDTH, HEIGHT, &title, &label(map, reveal));
        }
        scale *= 0.85;
    }
}

fn sized(size: f32, leading: f32, weight: Weight, scale: f32) -> Text {
    Text(size * scale, leading * scale, weight)
}

fn eyebrow(canvas: &mut Canvas, y: f32, text: &str, accent: &str, scale: f32) -> f32 {
    line(
        canvas,
        SIDE,
        y,
        sized(20.0, 30.0, Weight::Bold, scale),
        accent,
        &text.to_uppercase(),
    )
}

fn title(canvas: &mut Canvas, persona: &Persona, map: &MapDetail, scale: f32) -> f32 {
    let mut y = 190.0;
    y += eyebrow(
        canvas,
        y,
        "Success map",
        colour(&persona.color, GOOD),
        scale,
    );
    let style = sized(64.0, 76.0, Weight::Bold, scale);
    let name = font::wrap(&persona.name, style.0, Weight::Bold, ROOM);
    y += lines(canvas, SIDE, y, style, INK, &name) + 16.0;
    let definition = persona.success_definition.trim();
    if !definition.is_empty() {
        let style = sized(30.0, 42.0, Weight::Regular, scale);
        let text = font::wrap(
            &format!("Success means: {definition}"),
            style.0,
            Weight::Regular,
            ROOM * 0.85,
        );
        y += lines(canvas, SIDE, y, style, INK, &text) + 16.0;
    }
    y + line(
        canvas,
        SIDE,
        y,
        sized(22.0, 32.0, Weight::Regular, scale),
        MUTED,
        &count(map.steps.len() as u64, "step"),
    )
}

fn step_slide(
    canvas: &mut Canvas,
    map: &MapDetail,
    reveal: Reveal,
    step: usize,
    accent: &str,
    scale: f32,
) -> f32 {
    let Some(view) = map.steps.get(step) else {
        return 0.0;
    };
    let mut y = 70.0;
    y += eyebrow(
        canvas,
        y,
        &format!("Step {} of {}", step + 1, map.steps.len()),
        accent,
        scale,
    );
    let style = sized(56.0, 66.0, Weight::Bold, scale);
    let title = font::wrap(&view.step.title, style.0, Weight::Bold, ROOM);
    y += lines(canvas, SIDE, y, style, INK, &title) + 14.0 * scale;
    if matches!(reveal, Reveal::Step { .. }) {
        return y;
    }
    let outcome = view.step.outcome.trim();
    if !outcome.is_empty() {
        let style = sized(28.0, 38.0, Weight::Regular, scale);
        let text = font::wrap(outcome, style.0, Weight::Regular, ROOM * 0.9);
        y += lines(canvas, SIDE, y, style, INK, &text) + 16.0 * scale;
    }
    if !view.kpis.is_empty() {
        // Name on the left, the three levels in columns on the right.
        let columns = [ROOM * 0.58, ROOM * 0.72, ROOM * 0.86];
        let label = sized(15.0, 24.0, Weight::Bold, scale);
        for (x, text) in columns.iter().zip(["ENTRY", "GOOD", "BEST IN CLASS"]) {
            line(canvas, SIDE + x, y, label, MUTED, text);
        }
        line(canvas, SIDE, y, label, MUTED, "KPI");
        y += 26.0 * scale;
        let row = sized(24.0, 32.0, Weight::Bold, scale);
        for kpi in &view.kpis {
            canvas.path(
                &format!("M{} {} L{} {}", SIDE, y, SIDE + ROOM, y),
                "none",
                Some((LINE, 1.5)),
            );
            let mut name = kpi.name.clone();
            if !inline_unit(&kpi.unit) {
                name.push_str(&format!(" ({})", kpi.unit));
            }
            let names = font::wrap(&name, row.0, Weight::Bold, columns[0] - 24.0);
            let unit = if inline_unit(&kpi.unit) {
                kpi.unit.as_str()
            } else {
                ""
            };
            for ((x, value), fill) in columns
                .iter()
                .zip([kpi.entry_level, kpi.good_level, kpi.best_level])
                .zip([MUTED, GOOD, BEST])
            {
                line(canvas, SIDE + x, y + 6.0, row, fill, &level(value, unit));
            }
            let mut h = lines(canvas, SIDE, y + 6.0, row, INK, &names);
            if let Some(note) = kpi_note(kpi) {
                h += line(
                    canvas,
                    SIDE,
                    y + 6.0 + h,
                    sized(16.0, 22.0, Weight::Regular, scale),
                    MUTED,
                    &note,
                );
            }
            y += h + 12.0 * scale;
        }
        y += 8.0 * scale;
    }
    if !view.vehicles.is_empty() {
        y += chips(canvas, y, "On this step:", &view.vehicles, scale) + 12.0 * scale;
    }
    if let Reveal::Move { .. } = reveal {
        y += move_box(canvas, map, step, y + 8.0, scale) + 8.0;
    }
    y
}

/// Vehicles as tinted chips in a row after `label`, wrapping; returns the height.
fn chips(
    canvas: &mut Canvas,
    y: f32,
    label: &str,
    vehicles: &[AttachedVehicle],
    scale: f32,
) -> f32 {
    let style = sized(20.0, 36.0, Weight::Bold, scale);
    let mut x = SIDE;
    let mut row = 0.0;
    let label_w = font::width(label, style.0, Weight::Regular);
    line(
        canvas,
        x,
        y,
        Text(style.0, style.1, Weight::Regular),
        MUTED,
        label,
    );
    x += label_w + 12.0;
    for vehicle in vehicles {
        let text = format!("{}: {}", kind_label(vehicle), vehicle.vehicle.name);
        let text = font::fit(&text, style.0, Weight::Bold, ROOM - 40.0);
        let w = font::width(&text, style.0, Weight::Bold) + 28.0;
        if x + w > SIDE + ROOM && x > SIDE {
            x = SIDE;
            row += style.1 + 8.0;
        }
        let (ink, soft) = kind_colours(vehicle.vehicle.kind);
        canvas.rect(x, y + row, w, style.1, 6.0, soft, None);
        canvas.rect(x, y + row, 5.0, style.1, 0.0, ink, None);
        line(canvas, x + 16.0, y + row, style, INK, &text);
        x += w + 10.0;
    }
    row + style.1
}

fn move_box(canvas: &mut Canvas, map: &MapDetail, step: usize, y: f32, scale: f32) -> f32 {
    let (Some(from), Some(to)) = (map.steps.get(step), map.steps.get(step + 1)) else {
        return 0.0;
    };
    let vehicles = map
        .moves
        .iter()
        .find(|m| m.from_step_id == from.step.id && m.to_step_id == to.step.id)
        .map(|m| m.vehicles.as_slice())
        .unwrap_or_default();
    let gap = vehicles.is_empty();
    let heading = sized(28.0, 38.0, Weight::Bold, scale);
    let text = font::wrap(
        &format!("To step {}: {}", step + 2, to.step.title),
        heading.0,
        Weight::Bold,
        ROOM - 100.0,
    );
    let body_h = if gap { 36.0 * scale } else { 44.0 * scale };
    let height = 24.0 + text.len() as f32 * heading.1 + 8.0 + body_h + 16.0;
    if gap {
        canvas.rect(
            SIDE - 20.0,
            y,
            ROOM + 40.0,
            height,
            14.0,
            DANGER_SOFT,
            Some((DANGER, 3.0, true)),
        );
    } else {
        canvas.rect(SIDE - 20.0, y, ROOM + 40.0, height, 14.0, MOVE_SOFT, None);
    }
    let ay = y + 24.0 + heading.1 / 2.0;
    canvas.path(
        &format!(
            "M{} {ay} L{} {ay} M{} {} L{} {ay} L{} {}",
            SIDE,
            SIDE + 30.0,
            SIDE + 20.0,
            ay - 10.0,
            SIDE + 30.0,
            SIDE + 20.0,
            ay + 10.0
        ),
        "none",
        Some((INK, 3.0)),
    );
    let mut cy = y + 24.0;
    cy += lines(canvas, SIDE + 50.0, cy, heading, INK, &text) + 8.0;
    if gap {
        line(
            canvas,
            SIDE + 50.0,
            cy,
            sized(24.0, 36.0, Weight::Bold, scale),
            DANGER,
            "Gap: no vehicle helps customers make this move.",
        );
    } else {
        chips(canvas, cy, "Helped by:", vehicles, scale);
    }
    height
}

fn overview(canvas: &mut Canvas, map: &MapDetail, accent: &str, scale: f32) -> f32 {
    let mut y = 70.0;
    y += eyebrow(canvas, y, "The whole map", accent, scale) + 16.0;
    let n = map.steps.len().max(1);
    let columns = match n {
        0..=6 => n,
        7..=8 => 4,
        _ => 6,
    };
    let gap = 20.0;
    let w = (ROOM - gap * (columns as f32 - 1.0)) / columns as f32;
    let style = sized(22.0, 30.0, Weight::Bold, scale);
    let mut row_top = y;
    let mut row_h: f32 = 0.0;
    for (i, view) in map.steps.iter().enumerate() {
        let col = i % columns;
        if col == 0 && i > 0 {
            row_top += row_h + gap;
            row_h = 0.0;
        }
        let x = SIDE + col as f32 * (w + gap);
        let title = font::wrap(&view.step.title, style.0, Weight::Bold, w - 32.0);
        let has_gap = map.moves.get(i).is_some_and(|m| m.vehicles.is_empty());
        let h = 20.0
            + 30.0 * scale
            + title.len() as f32 * style.1
            + if has_gap { 30.0 * scale } else { 0.0 }
            + 16.0;
        row_h = row_h.max(h);
        canvas.rect(x, row_top, w, h, 12.0, PAPER, Some((LINE, 2.0, false)));
        line(
            canvas,
            x + 16.0,
            row_top + 14.0,
            sized(20.0, 30.0, Weight::Bold, scale),
            accent,
            &(i + 1).to_string(),
        );
        lines(
            canvas,
            x + 16.0,
            row_top + 14.0 + 30.0 * scale,
            style,
            INK,
            &title,
        );
        if has_gap {
            line(
                canvas,
                x + 16.0,
                row_top + 14.0 + 30.0 * scale + title.len() as f32 * style.1,
                sized(17.0, 30.0, Weight::Bold, scale),
                DANGER,
                &format!("Gap to step {}", i + 2),
            );
            canvas.path(
                &format!(
                    "M{} {} L{} {}",
                    x + w,
                    row_top + 8.0,
                    x + w,
                    row_top + h - 8.0
                ),
                "none",
                Some((DANGER, 4.0)),
            );
        }
    }
    row_top + row_h
}

fn customer_slide(
    canvas: &mut Canvas,
    map: &MapDetail,
    customers: MapCustomers,
    accent: &str,
    scale: f32,
) -> f32 {
    let mut y = 70.0;
    y += eyebrow(canvas, y, "Customers per step", accent, scale) + 12.0;
    let header = sized(15.0, 24.0, Weight::Bold, scale);
    let row = sized(22.0, 30.0, Weight::Regular, scale);
    let columns = [ROOM * 0.62, ROOM * 0.76, ROOM * 0.9];
    line(canvas, SIDE, y, header, MUTED, "STEP");
    for (x, text) in columns.iter().zip(["CUSTOMERS", "ARR", "AIMING HERE"]) {
        line(canvas, SIDE + x, y, header, MUTED, text);
    }
    y += 28.0 * scale;
    for (i, view) in map.steps.iter().enumerate() {
        canvas.path(
            &format!("M{} {} L{} {}", SIDE, y, SIDE + ROOM, y),
            "none",
            Some((LINE, 1.5)),
        );
        let name = font::fit(
            &format!("{}. {}", i + 1, view.step.title),
            row.0,
            Weight::Bold,
            columns[0] - 20.0,
        );
        let mut h = line(
            canvas,
            SIDE,
            y + 6.0,
            Text(row.0, row.1, Weight::Bold),
            INK,
            &name,
        );
        for (x, value) in columns.iter().zip([
            thousands(view.customer_count.into()),
            money(view.arr_cents),
            thousands(view.target_count.into()),
        ]) {
            line(canvas, SIDE + x, y + 6.0, row, INK, &value);
        }
        if customers == MapCustomers::Names && !view.customers.is_empty() {
            let names: Vec<&str> = view.customers.iter().map(|c| c.name.as_str()).collect();
            let text = font::fit(
                &names.join(", "),
                16.0 * scale,
                Weight::Regular,
                columns[0] - 20.0,
            );
            h += line(
                canvas,
                SIDE,
                y + 6.0 + h,
                sized(16.0, 22.0, Weight::Regular, scale),
                MUTED,
                &text,
            );
        }
        y += h + 12.0 * scale;
    }
    if map.unplaced_count > 0 {
        y += line(
            canvas,
            SIDE,
            y + 8.0,
            sized(18.0, 26.0, Weight::Regular, scale),
            MUTED,
            &format!(
                "{} not placed on a step yet.",
                count(map.unplaced_count.into(), "customer")
            ),
        );
    }
    y
}

/// A persona's matrix as a page of its own, to follow its map in a PDF: the persona's
/// name over the matrix slide's drawing, without the presentation's step strip.
pub fn matrix_page(persona: &Persona, map: &MapDetail, matrix: &PersonaMatrix) -> Drawing {
    let accent = colour(&persona.color, "#3b5bdb");
    let mut scale = 1.0;
    loop {
        let mut canvas = Canvas::default();
        canvas.rect(0.0, 0.0, WIDTH, 8.0, 0.0, accent, None);
        line(
            &mut canvas,
            SIDE,
            24.0,
            sized(18.0, 26.0, Weight::Bold, 1.0),
            INK,
            &font::fit(&persona.name, 18.0, Weight::Bold, ROOM),
        );
        let end = matrix_slide(&mut canvas, map, Some(matrix), accent, scale);
        if end <= HEIGHT - 40.0 || scale < 0.45 {
            return canvas.finish(
                WIDTH,
                HEIGHT,
                &format!("{}: customers by current and target step", persona.name),
                "Customers by the step they are on and the step they aim at",
            );
        }
        scale *= 0.85;
    }
}

/// Customers by the step they are on (rows) and the step they aim at (columns): count
/// and ARR in each cell, regressions (a target before the current step) in red.
fn matrix_slide(
    canvas: &mut Canvas,
    map: &MapDetail,
    matrix: Option<&PersonaMatrix>,
    accent: &str,
    scale: f32,
) -> f32 {
    let mut y = 56.0;
    y += eyebrow(canvas, y, "Where customers stand and aim", accent, scale);
    y += line(
        canvas,
        SIDE,
        y,
        sized(17.0, 26.0, Weight::Regular, scale),
        MUTED,
        "Rows: the step a customer is on. Columns: the step it aims at. Customers and ARR.",
    ) + 10.0 * scale;
    let cells = matrix.map(|m| m.cells.as_slice()).unwrap_or_default();
    let steps: Vec<(Option<StepId>, String)> = map
        .steps
        .iter()
        .enumerate()
        .map(|(i, v)| (Some(v.step.id), format!("{}. {}", i + 1, v.step.title)))
        .collect();
    let mut rows = steps.clone();
    if cells.iter().any(|c| c.current_step_id.is_none()) {
        rows.push((None, "Not placed".to_string()));
    }
    let mut columns: Vec<(Option<StepId>, String)> = (1..=steps.len())
        .zip(&steps)
        .map(|(n, (id, _))| (*id, n.to_string()))
        .collect();
    if cells.iter().any(|c| c.target_step_id.is_none()) {
        columns.push((None, "No target".to_string()));
    }
    let label_w = (ROOM * 0.3).min(340.0);
    let cell_w = (ROOM - label_w) / columns.len().max(1) as f32;
    let head = sized(14.0, 22.0, Weight::Bold, scale);
    line(canvas, SIDE, y, head, MUTED, "ON STEP");
    canvas.text(
        SIDE + label_w + (ROOM - label_w) / 2.0,
        y + head.0,
        head.0,
        Weight::Bold,
        MUTED,
        Anchor::Middle,
        "AIMING AT STEP",
    );
    y += head.1;
    for (i, (_, text)) in columns.iter().enumerate() {
        let x = SIDE + label_w + cell_w * (i as f32 + 0.5);
        let text = font::fit(text, head.0, Weight::Bold, cell_w - 6.0);
        canvas.text(
            x,
            y + head.0,
            head.0,
            Weight::Bold,
            MUTED,
            Anchor::Middle,
            &text,
        );
    }
    y += head.1 + 4.0;
    let row_h = ((BOTTOM - y) / rows.len().max(1) as f32).clamp(30.0, 84.0 * scale);
    let big = (row_h * 0.36).clamp(12.0, 24.0 * scale);
    let small = (row_h * 0.24).clamp(9.0, 15.0 * scale);
    for (r, (current, label)) in rows.iter().enumerate() {
        let top = y + r as f32 * row_h;
        let text = font::fit(label, big * 0.8, Weight::Bold, label_w - 16.0);
        canvas.text(
            SIDE,
            top + row_h / 2.0 + big * 0.3,
            big * 0.8,
            Weight::Bold,
            if current.is_some() { INK } else { MUTED },
            Anchor::Start,
            &text,
        );
        for (c, (target, _)) in columns.iter().enumerate() {
            let x = SIDE + label_w + c as f32 * cell_w;
            let cell = cells
                .iter()
                .find(|m| m.current_step_id == *current && m.target_step_id == *target);
            let fill = match cell {
                Some(m) if m.regression => DANGER_SOFT,
                Some(_) => MOVE_SOFT,
                None => PAPER,
            };
            canvas.rect(
                x + 2.0,
                top + 2.0,
                cell_w - 4.0,
                row_h - 4.0,
                6.0,
                fill,
                Some((LINE, 1.0, false)),
            );
            if let Some(m) = cell {
                let middle = x + cell_w / 2.0;
                let ink = if m.regression { DANGER } else { INK };
                canvas.text(
                    middle,
                    top + row_h / 2.0 - 1.0,
                    big,
                    Weight::Bold,
                    ink,
                    Anchor::Middle,
                    &font::fit(
                        &thousands(m.customers.into()),
                        big,
                        Weight::Bold,
                        cell_w - 8.0,
                    ),
                );
                canvas.text(
                    middle,
                    top + row_h / 2.0 + small + 2.0,
                    small,
                    Weight::Regular,
                    MUTED,
                    Anchor::Middle,
                    &font::fit(&money(m.arr_cents), small, Weight::Regular, cell_w - 8.0),
                );
            }
        }
    }
    y + rows.len() as f32 * row_h
}

/// Customers by success (columns: not yet, successful) and satisfaction (rows:
/// satisfied, not satisfied): each quadrant's name, count and ARR, and the rules.
fn quadrant_slide(
    canvas: &mut Canvas,
    view: Option<&SatisfactionView>,
    accent: &str,
    scale: f32,
) -> f32 {
    let mut y = 56.0;
    y += eyebrow(canvas, y, "Success and satisfaction", accent, scale);
    let Some(view) = view else {
        return y;
    };
    let mut rules = format!("{}; {}.", view.successful_rule, view.satisfied_rule);
    if let Some(first) = rules.get(..1) {
        rules = first.to_uppercase() + &rules[1..];
    }
    y += lines(
        canvas,
        SIDE,
        y,
        sized(17.0, 26.0, Weight::Regular, scale),
        MUTED,
        &font::wrap(&rules, 17.0 * scale, Weight::Regular, ROOM),
    ) + 12.0 * scale;
    let cell_w = (ROOM - 16.0) / 2.0;
    let cell_h = ((BOTTOM - 40.0 * scale - y - 16.0) / 2.0).min(190.0 * scale);
    // Satisfied on top, successful on the right, as on the Segments chart.
    let places = [
        (Quadrant::SatisfiedNotSuccessful, 0, 0),
        (Quadrant::SuccessfulSatisfied, 1, 0),
        (Quadrant::Neither, 0, 1),
        (Quadrant::SuccessfulNotSatisfied, 1, 1),
    ];
    for (quadrant, column, row) in places {
        let figure = view.quadrants.iter().find(|f| f.quadrant == quadrant);
        let x = SIDE + column as f32 * (cell_w + 16.0);
        let top = y + row as f32 * (cell_h + 16.0);
        let good = quadrant == Quadrant::SuccessfulSatisfied;
        canvas.rect(
            x,
            top,
            cell_w,
            cell_h,
            12.0,
            if good { MOVE_SOFT } else { PAPER },
            Some((LINE, 1.5, false)),
        );
        let pad = 24.0 * scale;
        let mut at = top + pad;
        at += line(
            canvas,
            x + pad,
            at,
            sized(20.0, 30.0, Weight::Bold, scale),
            INK,
            quadrant.name(),
        );
        let (customers, arr) = figure.map_or((0, 0), |f| (f.customers, f.arr_cents));
        at += line(
            canvas,
            x + pad,
            at + 4.0,
            sized(48.0, 60.0, Weight::Bold, scale),
            if good { accent } else { INK },
            &thousands(customers.into()),
        );
        line(
            canvas,
            x + pad,
            at + 4.0,
            sized(18.0, 26.0, Weight::Regular, scale),
            MUTED,
            &format!(
                "{} · ARR {}",
                if customers == 1 {
                    "customer"
                } else {
                    "customers"
                },
                money(arr)
            ),
        );
    }
    y += 2.0 * cell_h + 16.0;
    if view.without_score > 0 {
        y += line(
            canvas,
            SIDE,
            y + 10.0,
            sized(16.0, 24.0, Weight::Regular, scale),
            MUTED,
            &format!(
                "{} without an NPS score left out.",
                count(view.without_score.into(), "customer")
            ),
        ) + 10.0;
    }
    y
}

/// The steps along the bottom, as in the app: where the presentation is.
fn strip(canvas: &mut Canvas, map: &MapDetail, reveal: Reveal, accent: &str) {
    let n = map.steps.len();
    if n == 0 {
        return;
    }
    let r = 16.0;
    let gap = 10.0;
    let total = n as f32 * 2.0 * r + (n as f32 - 1.0) * gap;
    let mut x = (WIDTH - total) / 2.0 + r;
    let y = HEIGHT - 44.0;
    let current = reveal.step();
    let all_done = matches!(
        reveal,
        Reveal::Overview | Reveal::Customers | Reveal::Matrix | Reveal::Quadrants
    );
    for i in 0..n {
        let done = all_done || current.is_some_and(|c| i < c);
        if current == Some(i) {
            canvas.circle(x, y, r, accent);
            canvas.text(
                x,
                y + 5.0,
                14.0,
                Weight::Bold,
                PAPER,
                Anchor::Middle,
                &(i + 1).to_string(),
            );
        } else {
            canvas.circle(x, y, r, if done { accent } else { LINE });
            canvas.circle(x, y, r - 2.5, PAPER);
            canvas.text(
                x,
                y + 5.0,
                14.0,
                Weight::Bold,
                if done { accent } else { MUTED },
                Anchor::Middle,
                &(i + 1).to_string(),
            );
        }
        x += 2.0 * r + gap;
    }
}
