//! `successmap customers` and `successmap segment progression`: the app's customer list
//! and its Progression view, headless, as CSV or JSON on standard output.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use successmap_core::export::{self, TextFormat};
use successmap_core::model::{CustomerQuery, SegmentFilter, PROGRESSION_PERIOD_DAYS, STALLED_DAYS};
use successmap_core::{reads, Workspace};

use crate::{out, persona_id, Format, Unusable};

impl From<Format> for TextFormat {
    fn from(format: Format) -> TextFormat {
        match format {
            Format::Csv => TextFormat::Csv,
            Format::Json => TextFormat::Json,
        }
    }
}

/// What `successmap customers` lists: the same matching and order as the app's list.
#[derive(Args)]
pub(crate) struct CustomersArgs {
    /// Part of the name or external id (any case).
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Only the customers of this persona.
    #[arg(long, value_name = "NAME")]
    persona: Option<String>,
    /// Only the customers standing on this step (of the persona's map; without
    /// --persona, the one map with a step of that title).
    #[arg(long, value_name = "TITLE")]
    step: Option<String>,
    /// At most this many customers (the first ones by name).
    #[arg(long, value_name = "N")]
    limit: Option<u32>,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

/// `successmap customers …`
pub(crate) fn customers(ws: &Workspace, args: CustomersArgs) -> Result<ExitCode, Unusable> {
    let persona = persona_id(ws, args.persona.as_deref())?;
    let step = args
        .step
        .as_deref()
        .map(|title| reads::step_by_title(ws, persona, title))
        .transpose()?;
    let query = CustomerQuery {
        search: args.search.unwrap_or_default(),
        persona_id: persona,
        current_step_id: step,
        ..CustomerQuery::default()
    };
    let today = chrono::Local::now().date_naive();
    reads::list_customers(
        ws,
        &query,
        today,
        args.limit,
        args.format.into(),
        out::Stdout,
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub(crate) enum SegmentWhat {
    /// Progression of a persona's customers along its map, as the app's Progression
    /// view shows it: per step, the median days spent there before moving on, the moves
    /// forward and backward within the period, those who stayed, and those stalled now.
    Progression {
        #[arg(long, value_name = "NAME")]
        persona: String,
        /// First day of the period (YYYY-MM-DD; default: the 90 days up to --to, as in the
        /// app).
        #[arg(long, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Last day of the period (YYYY-MM-DD; default: today).
        #[arg(long, value_name = "DATE")]
        to: Option<NaiveDate>,
        /// Days on the current step after which a customer counts as stalled.
        #[arg(long, value_name = "N", default_value_t = STALLED_DAYS)]
        stalled_days: u32,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
}

/// `successmap segment progression …`
pub(crate) fn segment(ws: &Workspace, what: SegmentWhat) -> Result<ExitCode, Unusable> {
    let SegmentWhat::Progression {
        persona,
        from,
        to,
        stalled_days,
        format,
    } = what;
    let persona_id = reads::persona_by_name(ws, &persona)?;
    let today = chrono::Local::now().date_naive();
    let to = to.unwrap_or(today);
    let from =
        from.unwrap_or_else(|| to - chrono::Days::new(u64::from(PROGRESSION_PERIOD_DAYS - 1)));
    let filter = SegmentFilter::default();
    let view =
        reads::segment_progression(ws, &filter, persona_id, (from, to), stalled_days, today)?;
    let name = reads::persona(ws, persona_id)?.name;
    let lines = export::progression_lines(&name, &view);
    match format {
        Format::Csv => export::progression_csv(&lines, out::Stdout)?,
        Format::Json => export::progression_json(&lines, &view, out::Stdout)?,
    }
    Ok(ExitCode::SUCCESS)
}
