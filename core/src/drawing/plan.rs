//! A customer's success plan as landscape pages (for its PDF): the customer and its map
//! with where it stands and aims, its KPI values against the levels of the steps ahead,
//! the vehicles on the moves to its target and its journey so far, flowing through two
//! columns a page, as many pages as the plan needs. The words and rules are the HTML
//! plan's ([`crate::handout`]).

use super::font::{self, Weight};
use super::map::{BEST, DANGER, GOOD, INK, LINE, MUTED, PAPER};
use super::{colour, kind_label, line, lines, Anchor, Canvas, Drawing, Text};
use crate::handout::{
    history_words, internal_facts, kpi_cells, reached_words, CustomerPlan, StepState,
};

/// A page: A4 landscape's proportions (US Letter is scaled to fit).
const WIDTH: f32 = 1123.0;
const HEIGHT: f32 = 794.0;
const MARGIN: f32 = 48.0;
const GAP: f32 = 47.0;
const COLUMN: f32 = (WIDTH - 2.0 * MARGIN - GAP) / 2.0;
/// Where a column's content ends: above the footer.
const BOTTOM: f32 = HEIGHT - MARGIN - 12.0;
/// History entries drawn; older ones are counted.
const HISTORY: usize = 8;
/// Where the KPI table's columns start: name, the customer's value, the three levels,
/// reached.
const KPI_COLUMNS: [f32; 6] = [0.0, 178.0, 232.0, 284.0, 336.0, 388.0];

const LABEL: Text = Text(11.5, 18.0, Weight::Bold);
const BODY: Text = Text(13.0, 19.0, Weight::Regular);
const BODY_BOLD: Text = Text(13.0, 19.0, Weight::Bold);
const SMALL: Text = Text(12.0, 17.0, Weight::Regular);

/// A piece of the plan drawn from its own top left, and its height.
struct Block {
    canvas: Canvas,
    height: f32,
}

impl Block {
    fn draw(paint: impl FnOnce(&mut Canvas) -> f32) -> Block {
        let mut canvas = Canvas::default();
        let height = paint(&mut canvas);
        Block { canvas, height }
    }

    /// This block with `next` under it, kept in one column.
    fn then(mut self, next: Block) -> Block {
        self.canvas.place(&next.canvas, 0.0, self.height);
        self.height += next.height;
        self
    }
}

/// Blocks flowing down the left column, then the right, then onto the next page.
struct Flow {
    pages: Vec<Canvas>,
    column: usize,
    y: f32,
    /// Drawn again at the top of a column the flow moves to (a table's head).
    repeat: Option<fn() -> Block>,
}

impl Flow {
    fn new() -> Flow {
        Flow {
            pages: vec![Canvas::default()],
            column: 0,
            y: MARGIN,
            repeat: None,
        }
    }

    fn x(&self) -> f32 {
        MARGIN + self.column as f32 * (COLUMN + GAP)
    }

    /// Adds `block` `space` below what is there, in the next column when it does not fit.
    fn add(&mut self, block: Block, space: f32) {
        let at_top = self.y <= MARGIN;
        if !at_top && self.y + space + block.height > BOTTOM {
            self.column += 1;
            if self.column == 2 {
                self.column = 0;
                self.pages.push(Canvas::default());
            }
            self.y = MARGIN;
            if let Some(head) = self.repeat {
                self.put(&head());
            }
        } else if !at_top {
            self.y += space;
        }
        self.put(&block);
    }

    fn put(&mut self, block: &Block) {
        let x = self.x();
        if let Some(page) = self.pages.last_mut() {
            page.place(&block.canvas, x, self.y);
        }
        self.y += block.height;
    }
}

fn section(text: &str) -> Block {
    Block::draw(|canvas| line(canvas, 0.0, 0.0, LABEL, MUTED, &text.to_uppercase()) + 4.0)
}

fn note(text: &str) -> Block {
    Block::draw(|canvas| line(canvas, 0.0, 0.0, SMALL, MUTED, text))
}

fn header(plan: &CustomerPlan, internal: bool, date: Option<chrono::NaiveDate>) -> Block {
    let accent = colour(&plan.persona.color, GOOD);
    let customer = &plan.customer.row.customer;
    Block::draw(|canvas| {
        let mut y = line(
            canvas,
            0.0,
            0.0,
            Text(13.0, 20.0, Weight::Bold),
            accent,
            "SUCCESS PLAN",
        );
        let name = font::wrap(&customer.name, 30.0, Weight::Bold, COLUMN);
        y += lines(canvas, 0.0, y, Text(30.0, 38.0, Weight::Bold), INK, &name);
        let mut meta = vec![format!("Success map: {}", plan.persona.name)];
        if let Some(date) = date {
            meta.push(format!("prepared on {}", date.format("%Y-%m-%d")));
        }
        let meta = font::wrap(&meta.join(" · "), SMALL.0, Weight::Regular, COLUMN);
        y += lines(canvas, 0.0, y, SMALL, MUTED, &meta);
        if internal {
            let facts = internal_facts(plan);
            if !facts.is_empty() {
                let text = font::wrap(
                    &format!("Internal: {}", facts.join(" · ")),
                    SMALL.0,
                    Weight::Bold,
                    COLUMN,
                );
                y += lines(
                    canvas,
                    0.0,
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
                COLUMN,
            );
            y += 8.0 + lines(canvas, 0.0, y + 8.0, BODY, INK, &text);
        }
        y
    })
}

fn step_row(plan: &CustomerPlan, i: usize) -> Block {
    let accent = colour(&plan.persona.color, GOOD);
    let view = &plan.map.steps[i];
    let state = plan.state(i);
    Block::draw(|canvas| {
        let title = font::wrap(&view.step.title, 14.0, Weight::Bold, COLUMN - 150.0);
        let h = (title.len() as f32 * 19.0).max(28.0) + 8.0;
        let cy = 14.0;
        let filled = matches!(state, StepState::Current | StepState::Target);
        let marked = !matches!(state, StepState::Later);
        canvas.circle(14.0, cy, 14.0, if marked { accent } else { LINE });
        if !filled {
            canvas.circle(14.0, cy, 11.5, PAPER);
        }
        canvas.text(
            14.0,
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
            canvas,
            40.0,
            4.0,
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
                COLUMN,
                4.0 + 9.5 + 4.0,
                11.5,
                Weight::Bold,
                accent,
                Anchor::End,
                badge,
            );
        }
        h
    })
}

fn kpi_head() -> Block {
    Block::draw(|canvas| {
        for (x, head) in KPI_COLUMNS
            .iter()
            .zip(["KPI", "YOU", "ENTRY", "GOOD", "BEST", "REACHED"])
        {
            line(canvas, *x, 0.0, Text(10.5, 16.0, Weight::Bold), MUTED, head);
        }
        18.0
    })
}

fn kpi_row(value: &crate::model::CustomerKpiValue) -> Block {
    Block::draw(|canvas| {
        canvas.path(&format!("M0 0 L{COLUMN} 0"), "none", Some((LINE, 1.0)));
        let mut name = value.kpi.name.clone();
        if !crate::words::inline_unit(&value.kpi.unit) {
            name.push_str(&format!(" ({})", value.kpi.unit));
        }
        let names = font::wrap(&name, 12.5, Weight::Bold, KPI_COLUMNS[1] - 10.0);
        let mut h = lines(
            canvas,
            0.0,
            4.0,
            Text(12.5, 17.0, Weight::Bold),
            INK,
            &names,
        );
        let step = font::fit(
            &format!("Step {}: {}", value.step_position + 1, value.step_title),
            11.0,
            Weight::Regular,
            KPI_COLUMNS[1] - 10.0,
        );
        h += line(
            canvas,
            0.0,
            4.0 + h,
            Text(11.0, 15.0, Weight::Regular),
            MUTED,
            &step,
        );
        let cells = kpi_cells(value);
        let fills = [INK, MUTED, GOOD, BEST];
        for ((x, cell), fill) in KPI_COLUMNS[1..5].iter().zip(cells.iter()).zip(fills) {
            let text = font::fit(cell, 12.5, Weight::Bold, 48.0);
            line(canvas, *x, 4.0, Text(12.5, 17.0, Weight::Bold), fill, &text);
        }
        let reached = font::wrap(
            reached_words(value),
            12.0,
            Weight::Regular,
            COLUMN - KPI_COLUMNS[5],
        );
        let said = lines(canvas, KPI_COLUMNS[5], 4.0, SMALL, INK, &reached);
        h.max(said) + 10.0
    })
}

fn move_block(plan: &CustomerPlan, i: usize, vehicles: &[crate::model::AttachedVehicle]) -> Block {
    let to = &plan.map.steps[i + 1].step;
    Block::draw(|canvas| {
        let heading = font::wrap(
            &format!("To step {}: {}", i + 2, to.title),
            BODY_BOLD.0,
            Weight::Bold,
            COLUMN,
        );
        let mut y = lines(canvas, 0.0, 0.0, BODY_BOLD, INK, &heading);
        if vehicles.is_empty() {
            y += line(
                canvas,
                12.0,
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
                COLUMN - 12.0,
            );
            y += lines(canvas, 12.0, y, SMALL, INK, &text);
        }
        y + 6.0
    })
}

fn history_row(at: &str, words: &str) -> Block {
    Block::draw(|canvas| {
        line(canvas, 0.0, 0.0, SMALL, MUTED, at);
        let text = font::wrap(words, SMALL.0, Weight::Regular, COLUMN - 90.0);
        lines(canvas, 90.0, 0.0, SMALL, INK, &text)
    })
}

/// The plan as pages; `internal` adds ARR, health, owner and renewal.
pub fn plan_pages(
    plan: &CustomerPlan,
    internal: bool,
    date: Option<chrono::NaiveDate>,
) -> Vec<Drawing> {
    let accent = colour(&plan.persona.color, GOOD);
    let customer = &plan.customer.row.customer;
    let mut flow = Flow::new();
    flow.add(header(plan, internal, date), 0.0);

    // Where on the map: the heading stays with the first step.
    for i in 0..plan.map.steps.len() {
        let row = step_row(plan, i);
        if i == 0 {
            flow.add(section("Where you are on the map").then(row), 22.0);
        } else {
            flow.add(row, 0.0);
        }
    }
    if plan.map.steps.is_empty() {
        flow.add(
            section("Where you are on the map").then(note("This map has no steps yet.")),
            22.0,
        );
    }

    let values = plan.focus_values();
    if values.is_empty() {
        flow.add(
            section("Your KPIs on the way").then(note("No KPIs on these steps yet.")),
            22.0,
        );
    } else {
        for (n, value) in values.iter().enumerate() {
            let row = kpi_row(value);
            if n == 0 {
                flow.add(
                    section("Your KPIs on the way").then(kpi_head()).then(row),
                    22.0,
                );
                flow.repeat = Some(kpi_head);
            } else {
                flow.add(row, 0.0);
            }
        }
        flow.repeat = None;
    }

    for (n, (i, vehicles)) in plan.moves_ahead().into_iter().enumerate() {
        let block = move_block(plan, i, vehicles);
        if n == 0 {
            flow.add(section("How we get you there").then(block), 22.0);
        } else {
            flow.add(block, 0.0);
        }
    }

    let entries: Vec<_> = plan
        .customer
        .placements
        .iter()
        .map(|e| (e.at.format("%Y-%m-%d").to_string(), history_words(e)))
        .filter(|(_, words)| !words.is_empty())
        .collect();
    let mut rows: Vec<Block> = entries
        .iter()
        .take(HISTORY)
        .map(|(at, words)| history_row(at, words))
        .collect();
    if entries.len() > HISTORY {
        rows.push(note(&format!("and {} earlier", entries.len() - HISTORY)));
    }
    if rows.is_empty() {
        rows.push(note("Nothing recorded yet."));
    }
    for (n, row) in rows.into_iter().enumerate() {
        if n == 0 {
            flow.add(section("Your journey so far").then(row), 22.0);
        } else {
            flow.add(row, 0.0);
        }
    }

    let count = flow.pages.len();
    flow.pages
        .into_iter()
        .enumerate()
        .map(|(n, body)| {
            let mut page = Canvas::default();
            page.rect(0.0, 0.0, WIDTH, 8.0, 0.0, accent, None);
            page.place(&body, 0.0, 0.0);
            let mut footer = format!("Success plan: {} · {}", customer.name, plan.persona.name);
            if count > 1 {
                footer.push_str(&format!(" · page {} of {count}", n + 1));
            }
            let footer = font::fit(&footer, 11.0, Weight::Regular, WIDTH - 2.0 * MARGIN);
            page.text(
                MARGIN,
                HEIGHT - MARGIN + 16.0,
                11.0,
                Weight::Regular,
                MUTED,
                Anchor::Start,
                &footer,
            );
            page.finish(
                WIDTH,
                HEIGHT,
                &format!("Success plan: {}", customer.name),
                &format!(
                    "Success plan of {} on the success map of {}{}",
                    customer.name,
                    plan.persona.name,
                    if count > 1 {
                        format!(", page {} of {count}", n + 1)
                    } else {
                        String::new()
                    }
                ),
            )
        })
        .collect()
}
