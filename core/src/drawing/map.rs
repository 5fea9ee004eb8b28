//! A persona's success map as one drawing: a header with the persona and its definition
//! of success, then the steps as cards in reading order (left to right, row by row),
//! each with its outcome, KPIs at the three levels, the vehicles on the step and the
//! customer figures; under each card the move to the next step with its vehicles, or the
//! gap when no vehicle helps with it.
//!
//! The number of cards per row is chosen so that the drawing fills a landscape page
//! (A4's proportions) as fully as it can: the PDF and PNG of a long map stay readable.

use super::font::{self, Weight};
use super::{
    colour, kind_colours, kind_label, line, lines, Anchor, Canvas, DrawOptions, Drawing, Text,
};
use crate::model::{
    AttachedVehicle, Kpi, KpiDirection, KpiKind, MapCustomers, MapDetail, Persona, StepView,
};
use crate::words::{count, inline_unit, level, money, thousands};

pub(crate) const PAPER: &str = "#ffffff";
pub(crate) const INK: &str = "#1f2430";
pub(crate) const MUTED: &str = "#5f6673";
pub(crate) const LINE: &str = "#d5dae1";
pub(crate) const CARD: &str = "#f8f9fb";
pub(crate) const ACCENT: &str = "#3b5bdb";
pub(crate) const GOOD: &str = "#3b5bdb";
pub(crate) const BEST: &str = "#2b8a3e";
pub(crate) const DANGER: &str = "#c92a2a";
pub(crate) const DANGER_SOFT: &str = "#fff0f0";
pub(crate) const MOVE_SOFT: &str = "#eef2ff";

const MARGIN: f32 = 40.0;
const CARD_W: f32 = 264.0;
const COL_GAP: f32 = 48.0;
const ROW_GAP: f32 = 40.0;
const PAD: f32 = 16.0;
const INNER: f32 = CARD_W - 2.0 * PAD;
const MOVE_GAP: f32 = 12.0;
/// At most this many cards side by side.
const MAX_COLUMNS: usize = 6;
/// The page the layout aims to fill (A4 landscape, in points).
const PAGE: (f32, f32) = (842.0, 595.0);

/// What a map drawing is made of.
pub struct MapPicture<'a> {
    pub persona: &'a Persona,
    pub map: &'a MapDetail,
}

/// The map as a standalone SVG document.
pub fn map_svg(picture: &MapPicture<'_>, options: &DrawOptions) -> Drawing {
    let steps = &picture.map.steps;
    let columns = best_columns(picture, options);
    let width = 2.0 * MARGIN + columns as f32 * CARD_W + (columns as f32 - 1.0) * COL_GAP;
    let accent = colour(&picture.persona.color, ACCENT);

    let mut canvas = Canvas::default();
    canvas.rect(0.0, 0.0, width, 6.0, 0.0, accent, None);
    let mut y = header(&mut canvas, picture, options, width, accent);
    if steps.is_empty() {
        canvas.text(
            MARGIN,
            y + 20.0,
            14.0,
            Weight::Regular,
            MUTED,
            Anchor::Start,
            "This map has no steps yet.",
        );
        y += 40.0;
    }
    for (row, chunk) in steps.chunks(columns).enumerate() {
        let first = row * columns;
        let (card_h, move_h) = row_heights(picture, options, first, chunk.len());
        for (i, step) in chunk.iter().enumerate() {
            let index = first + i;
            let x = MARGIN + i as f32 * (CARD_W + COL_GAP);
            card(&mut canvas, x, y, card_h, index, step, options, accent);
            if index + 1 < steps.len() {
                move_box(
                    &mut canvas,
                    x,
                    y + card_h + MOVE_GAP,
                    move_h,
                    picture,
                    index,
                );
                if i + 1 < chunk.len() {
                    arrow(&mut canvas, x + CARD_W, y + PAD + 13.0);
                }
            }
        }
        y += card_h + if move_h > 0.0 { MOVE_GAP + move_h } else { 0.0 } + ROW_GAP;
    }
    if let Some(date) = options.date {
        canvas.text(
            MARGIN,
            y + 4.0,
            11.0,
            Weight::Regular,
            MUTED,
            Anchor::Start,
            &format!("Successmap · exported on {}", date.format("%Y-%m-%d")),
        );
        y += 16.0;
    }
    let height = y + MARGIN - ROW_GAP / 2.0;
    let title = format!("Success map: {}", picture.persona.name);
    canvas.finish(width, height, &title, &description(picture))
}

/// "Success map of P, 3 steps: 1. A, 2. B, 3. C." for screen readers and search.
fn description(picture: &MapPicture<'_>) -> String {
    let steps: Vec<String> = picture
        .map
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}", i + 1, s.step.title))
        .collect();
    format!(
        "Success map of {}, {}: {}",
        picture.persona.name,
        count(steps.len() as u64, "step"),
        steps.join(", ")
    )
}

/// The number of cards per row that lets the drawing fill the page the most.
fn best_columns(picture: &MapPicture<'_>, options: &DrawOptions) -> usize {
    let n = picture.map.steps.len();
    if n <= 1 {
        return 1;
    }
    let mut best = (0.0f32, 1usize);
    for columns in 1..=n.min(MAX_COLUMNS) {
        let width = 2.0 * MARGIN + columns as f32 * CARD_W + (columns as f32 - 1.0) * COL_GAP;
        let mut scratch = Canvas::default();
        let mut height = header(&mut scratch, picture, options, width, ACCENT);
        for first in (0..n).step_by(columns) {
            let (card_h, move_h) = row_heights(picture, options, first, columns.min(n - first));
            height += card_h + MOVE_GAP + move_h + ROW_GAP;
        }
        height += MARGIN;
        let scale = (PAGE.0 / width).min(PAGE.1 / height);
        if scale >= best.0 {
            best = (scale, columns);
        }
    }
    best.1
}

/// The tallest card and the tallest move box of a row (all of its cards get those).
fn row_heights(
    picture: &MapPicture<'_>,
    options: &DrawOptions,
    first: usize,
    len: usize,
) -> (f32, f32) {
    let steps = &picture.map.steps;
    let mut card_h: f32 = 0.0;
    let mut move_h: f32 = 0.0;
    for index in first..first + len {
        let mut scratch = Canvas::default();
        card_h = card_h.max(card(
            &mut scratch,
            0.0,
            0.0,
            0.0,
            index,
            &steps[index],
            options,
            ACCENT,
        ));
        if index + 1 < steps.len() {
            move_h = move_h.max(move_box(&mut scratch, 0.0, 0.0, 0.0, picture, index));
        }
    }
    (card_h, move_h)
}

const KIND: Text = Text(10.5, 15.0, Weight::Bold);
const NOTE: Text = Text(10.5, 15.0, Weight::Regular);
const LABEL: Text = Text(10.5, 16.0, Weight::Bold);
const SMALL_BOLD: Text = Text(12.0, 17.0, Weight::Bold);
const SMALL: Text = Text(12.0, 17.0, Weight::Regular);
const EYEBROW: Text = Text(12.0, 18.0, Weight::Bold);
const KPI: Text = Text(12.5, 17.0, Weight::Bold);
const VEHICLE: Text = Text(12.5, 17.0, Weight::Regular);
const FIGURES: Text = Text(12.5, 18.0, Weight::Bold);
const BODY_MUTED: Text = Text(12.5, 18.0, Weight::Regular);
const BODY: Text = Text(13.0, 18.0, Weight::Regular);
const FACTS: Text = Text(13.0, 19.0, Weight::Regular);
const DEFINITION: Text = Text(15.0, 21.0, Weight::Regular);
const TITLE: Text = Text(16.0, 22.0, Weight::Bold);
const NAME: Text = Text(28.0, 36.0, Weight::Bold);

/// The title block; returns where the steps start.
fn header(
    canvas: &mut Canvas,
    picture: &MapPicture<'_>,
    options: &DrawOptions,
    width: f32,
    accent: &str,
) -> f32 {
    let room = width - 2.0 * MARGIN;
    let mut y = MARGIN - 8.0;
    y += line(canvas, MARGIN, y, EYEBROW, accent, "SUCCESS MAP");
    let name = font::wrap(&picture.persona.name, 28.0, Weight::Bold, room);
    y += lines(canvas, MARGIN, y, NAME, INK, &name);
    let definition = picture.persona.success_definition.trim();
    if !definition.is_empty() {
        let text = font::wrap(
            &format!("Success means: {definition}"),
            15.0,
            Weight::Regular,
            room.min(1100.0),
        );
        y += 4.0 + lines(canvas, MARGIN, y + 4.0, DEFINITION, INK, &text);
    }
    let map = picture.map;
    let mut facts = vec![count(map.steps.len() as u64, "step")];
    if options.customers != MapCustomers::None {
        let placed: u64 = map.steps.iter().map(|s| u64::from(s.customer_count)).sum();
        let arr: i64 = map.steps.iter().map(|s| s.arr_cents).sum();
        facts.push(format!("{} on the map", count(placed, "customer")));
        if arr > 0 {
            facts.push(format!("{} ARR", money(arr)));
        }
        if map.unplaced_count > 0 {
            facts.push(format!(
                "{} not placed yet",
                thousands(map.unplaced_count.into())
            ));
        }
    }
    let facts = font::wrap(&facts.join(" · "), 13.0, Weight::Regular, room);
    y += 4.0 + lines(canvas, MARGIN, y + 4.0, FACTS, MUTED, &facts);
    y + 24.0
}

/// A step's card at (x, y), drawn `height` tall (0 when only measuring); returns the
/// height its content needs.
#[allow(clippy::too_many_arguments)]
fn card(
    canvas: &mut Canvas,
    x: f32,
    y: f32,
    height: f32,
    index: usize,
    view: &StepView,
    options: &DrawOptions,
    accent: &str,
) -> f32 {
    let step = &view.step;
    canvas.group(
        &format!("step-{}", index + 1),
        &format!("Step {}: {}", index + 1, step.title),
    );
    if height > 0.0 {
        canvas.rect(x, y, CARD_W, height, 10.0, CARD, Some((LINE, 1.0, false)));
    }
    let x0 = x + PAD;
    // Number and title.
    let badge_y = y + PAD + 13.0;
    canvas.circle(x0 + 13.0, badge_y, 13.0, accent);
    canvas.text(
        x0 + 13.0,
        badge_y + 4.7,
        13.0,
        Weight::Bold,
        PAPER,
        Anchor::Middle,
        &(index + 1).to_string(),
    );
    let title = font::wrap(&step.title, 16.0, Weight::Bold, INNER - 36.0);
    let title_h = lines(canvas, x0 + 36.0, y + PAD + 2.0, TITLE, INK, &title);
    let mut cy = y + PAD + (title_h + 2.0).max(26.0) + 10.0;

    // Outcome.
    let outcome = step.outcome.trim();
    if outcome.is_empty() {
        cy += line(canvas, x0, cy, BODY_MUTED, MUTED, "No outcome written yet.");
    } else {
        let text = font::wrap(outcome, 13.0, Weight::Regular, INNER);
        cy += lines(canvas, x0, cy, BODY, INK, &text);
    }
    cy += 12.0;

    // KPIs at three levels.
    if view.kpis.is_empty() {
        cy += line(canvas, x0, cy, SMALL, MUTED, "No KPIs yet.");
    } else {
        cy += section(canvas, x0, cy, "KPIs");
        for kpi in &view.kpis {
            cy += kpi_block(canvas, x0, cy, kpi) + 8.0;
        }
    }
    cy += 4.0;

    // Vehicles on the step.
    if !view.vehicles.is_empty() {
        cy += section(canvas, x0, cy, "On this step");
        for vehicle in &view.vehicles {
            cy += vehicle_pill(canvas, x0, cy, INNER, vehicle) + 6.0;
        }
        cy += 4.0;
    }

    // Customers.
    if options.customers != MapCustomers::None {
        if height > 0.0 {
            canvas.path(
                &format!("M{} {} L{} {}", x0, cy, x0 + INNER, cy),
                "none",
                Some((LINE, 1.0)),
            );
        }
        cy += 8.0;
        let mut figures = count(view.customer_count.into(), "customer");
        if view.arr_cents > 0 {
            figures.push_str(&format!(" · {} ARR", money(view.arr_cents)));
        }
        cy += line(canvas, x0, cy, FIGURES, INK, &figures);
        if view.target_count > 0 {
            let aiming = format!("{} aiming here", thousands(view.target_count.into()));
            cy += line(canvas, x0, cy, SMALL, MUTED, &aiming);
        }
        if options.customers == MapCustomers::Names && !view.customers.is_empty() {
            cy += 2.0;
            for chip in &view.customers {
                let arr = chip.arr_cents.map(money).unwrap_or_default();
                let room = INNER - font::width(&arr, 12.0, Weight::Regular) - 8.0;
                let name = font::fit(&chip.name, 12.0, Weight::Regular, room);
                let baseline = cy + 8.5 + 12.0 * 0.36;
                canvas.text(
                    x0,
                    baseline,
                    12.0,
                    Weight::Regular,
                    INK,
                    Anchor::Start,
                    &name,
                );
                canvas.text(
                    x0 + INNER,
                    baseline,
                    12.0,
                    Weight::Regular,
                    MUTED,
                    Anchor::End,
                    &arr,
                );
                cy += 17.0;
            }
            let more = view.customer_count as usize
                - view.customers.len().min(view.customer_count as usize);
            if more > 0 {
                let text = format!("and {} more", thousands(more as u64));
                cy += line(canvas, x0, cy, SMALL, MUTED, &text);
            }
        }
    }
    canvas.end();
    cy + PAD - 4.0 - y
}

/// A small section label; returns its height.
fn section(canvas: &mut Canvas, x: f32, y: f32, label: &str) -> f32 {
    line(canvas, x, y, LABEL, MUTED, &label.to_uppercase())
}

/// A KPI: its name (and unit, when not written in the numbers), what kind it is, and
/// the three levels side by side; returns its height.
fn kpi_block(canvas: &mut Canvas, x: f32, y: f32, kpi: &Kpi) -> f32 {
    let mut name = kpi.name.clone();
    if !inline_unit(&kpi.unit) {
        name.push_str(&format!(" ({})", kpi.unit));
    }
    let name = font::wrap(&name, 12.5, Weight::Bold, INNER);
    let mut cy = y + lines(canvas, x, y, KPI, INK, &name);
    if let Some(note) = kpi_note(kpi) {
        cy += line(canvas, x, cy, NOTE, MUTED, &note);
    }
    let column = INNER / 3.0;
    let levels = [
        ("Entry", kpi.entry_level, MUTED),
        ("Good", kpi.good_level, GOOD),
        ("Best in class", kpi.best_level, BEST),
    ];
    for (i, (label, value, fill)) in levels.into_iter().enumerate() {
        let lx = x + i as f32 * column;
        canvas.text(
            lx,
            cy + 11.0,
            10.0,
            Weight::Regular,
            MUTED,
            Anchor::Start,
            label,
        );
        let value = font::fit(
            &level(
                value,
                if inline_unit(&kpi.unit) {
                    &kpi.unit
                } else {
                    ""
                },
            ),
            13.0,
            Weight::Bold,
            column - 6.0,
        );
        canvas.text(
            lx,
            cy + 27.0,
            13.0,
            Weight::Bold,
            fill,
            Anchor::Start,
            &value,
        );
    }
    cy + 32.0 - y
}

/// A vehicle as a tinted box: its kind above its name; returns its height.
fn vehicle_pill(canvas: &mut Canvas, x: f32, y: f32, width: f32, vehicle: &AttachedVehicle) -> f32 {
    let (ink, soft) = kind_colours(vehicle.vehicle.kind);
    let name = font::wrap(&vehicle.vehicle.name, 12.5, Weight::Regular, width - 16.0);
    let height = 6.0 + 15.0 + name.len() as f32 * 17.0 + 6.0;
    canvas.rect(x, y, width, height, 6.0, soft, None);
    line(canvas, x + 8.0, y + 6.0, KIND, ink, &kind_label(vehicle));
    lines(canvas, x + 8.0, y + 21.0, VEHICLE, INK, &name);
    height
}

/// The move from step `index` to the next one, at (x, y), drawn `height` tall (0 when
/// only measuring); returns the height its content needs.
fn move_box(
    canvas: &mut Canvas,
    x: f32,
    y: f32,
    height: f32,
    picture: &MapPicture<'_>,
    index: usize,
) -> f32 {
    let steps = &picture.map.steps;
    let next = &steps[index + 1].step;
    let vehicles = picture
        .map
        .moves
        .iter()
        .find(|m| m.from_step_id == steps[index].step.id && m.to_step_id == next.id)
        .map(|m| m.vehicles.as_slice())
        .unwrap_or_default();
    let gap = vehicles.is_empty();
    canvas.group(
        &format!("move-{}-{}", index + 1, index + 2),
        &if gap {
            format!("Move to step {}: gap, no vehicle", index + 2)
        } else {
            format!("Move to step {}", index + 2)
        },
    );
    if height > 0.0 {
        let (fill, stroke) = if gap {
            (DANGER_SOFT, Some((DANGER, 1.5, true)))
        } else {
            (MOVE_SOFT, None)
        };
        canvas.rect(x, y, CARD_W, height, 10.0, fill, stroke);
    }
    let x0 = x + 12.0;
    let room = CARD_W - 24.0;
    let heading = font::wrap(
        &format!("To step {}: {}", index + 2, next.title),
        12.0,
        Weight::Bold,
        room - 18.0,
    );
    let mut cy = y + 10.0;
    let (ax, ay) = (x0, cy + 8.5);
    canvas.path(
        &format!(
            "M{ax} {ay} L{} {ay} M{} {} L{} {ay} L{} {}",
            ax + 11.0,
            ax + 7.0,
            ay - 4.0,
            ax + 11.0,
            ax + 7.0,
            ay + 4.0
        ),
        "none",
        Some((INK, 1.6)),
    );
    cy += lines(canvas, x0 + 18.0, cy, SMALL_BOLD, INK, &heading) + 4.0;
    if gap {
        let text = font::wrap(
            "Gap: no vehicle helps customers make this move.",
            12.0,
            Weight::Regular,
            room,
        );
        cy += lines(canvas, x0, cy, SMALL, DANGER, &text);
    } else {
        for vehicle in vehicles {
            cy += vehicle_pill(canvas, x0 - 4.0, cy, room + 8.0, vehicle) + 6.0;
        }
        cy -= 6.0;
    }
    canvas.end();
    cy + 10.0 - y
}

/// The arrow in the gap between two cards of a row, at the height `y`.
fn arrow(canvas: &mut Canvas, x: f32, y: f32) {
    let (from, to) = (x + 12.0, x + COL_GAP - 12.0);
    canvas.path(
        &format!(
            "M{from} {y} L{to} {y} M{} {} L{to} {y} L{} {}",
            to - 6.0,
            y - 6.0,
            to - 6.0,
            y + 6.0
        ),
        "none",
        Some((MUTED, 2.0)),
    );
}

pub(crate) fn kpi_note(kpi: &Kpi) -> Option<String> {
    let mut notes = Vec::new();
    if kpi.kind == KpiKind::Satisfaction {
        notes.push("satisfaction");
    }
    if kpi.direction == KpiDirection::LowerIsBetter {
        notes.push("lower is better");
    }
    (!notes.is_empty()).then(|| notes.join(" · "))
}
