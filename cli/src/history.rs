//! `successmap import history`: a CRM's stage history as placement history.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use chrono::Utc;
use successmap_core::edits::{self, ImportWrite};
use successmap_core::import::{history, Control, Table};
use successmap_core::model::{HistoryOptions, HistoryReport, StageChoice, StageMatch};
use successmap_core::{reads, CoreError, Workspace};

use crate::out::say;
use crate::{print_problems, Unusable};
use successmap_core::words::count;

/// The choices of `import history`.
pub struct Args {
    pub dry_run: bool,
    pub encoding: Option<String>,
    pub columns: Vec<String>,
    pub stages: Vec<String>,
    pub field: Option<String>,
}

/// "STAGE=STEP" (or "STAGE=ignore") choices.
fn stage_choices(specs: &[String]) -> Result<Vec<StageChoice>, Unusable> {
    specs
        .iter()
        .map(|spec| {
            let Some((stage, step)) = spec.rsplit_once('=') else {
                return Err(Unusable(format!(
                    "\"{spec}\" is not a stage choice; write it as \"STAGE=STEP\" or \"STAGE=ignore\""
                )));
            };
            let step = step.trim();
            Ok(StageChoice {
                stage: stage.trim().to_string(),
                step: (!step.eq_ignore_ascii_case("ignore")).then(|| step.to_string()),
            })
        })
        .collect()
}

pub fn import(ws: &Workspace, input: &Path, args: &Args) -> Result<ExitCode, Unusable> {
    let table = Table::open_as(input, args.encoding.as_deref())?;
    let preview = reads::preview_history(ws, input, args.encoding.as_deref())?;
    let mut mapping = preview.mapping.clone();
    let chosen = history::apply_column_choices(&table.headers, &args.columns, &mut mapping)?;
    let mut description = format!(
        "Read {}: {}",
        input.display(),
        table.format().to_uppercase()
    );
    if table.format() == "csv" {
        description.push_str(&format!(
            ", {}, {}-separated",
            preview.file.encoding, preview.file.delimiter
        ));
    }
    say!(
        "{description}, {}.",
        count(table.headers.len() as u64, "column")
    );
    for (i, (header, field)) in table.headers.iter().zip(&mapping).enumerate() {
        let why = if chosen.contains(&i) {
            " (--column)"
        } else {
            ""
        };
        match field {
            Some(f) => say!("  \"{header}\" → {}{why}", f.label()),
            None => say!("  \"{header}\" (not used){why}"),
        }
    }
    let options = HistoryOptions {
        mapping,
        stages: stage_choices(&args.stages)?,
        field: args.field.clone(),
        encoding: args.encoding.clone(),
    };
    let cancel = AtomicBool::new(false);
    let mut progress = |_| {};
    let control = Control {
        progress: &mut progress,
        cancel: &cancel,
    };
    let report = if args.dry_run {
        reads::validate_history(ws, &table, &options, control)
    } else {
        let how = ImportWrite {
            remember_mapping: false,
            all_or_nothing: false,
            undoable: false,
        };
        edits::import_history(ws, input, &table, &options, how, control, Utc::now())
    }
    .map_err(|e| match e {
        CoreError::Invalid {
            field: Some("mapping"),
            message,
        } => Unusable(format!(
            "{message}: add --column \"HEADER=FIELD\" (for example --column \"Edit Date=date\")"
        )),
        e => Unusable::from(e),
    })?;
    print_report(&report, args.dry_run);
    Ok(if report.rejected_rows > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_report(report: &HistoryReport, dry_run: bool) {
    say!("Stages:");
    for s in &report.stages {
        let how = match s.matched {
            StageMatch::Chosen => " (--stage)",
            StageMatch::Saved => " (saved choice)",
            StageMatch::SameName => " (same name)",
            StageMatch::None => "",
        };
        match &s.step {
            Some(step) => say!(
                "  \"{}\" → {step}{how}: {}",
                s.stage,
                count(s.rows.into(), "row")
            ),
            None => say!(
                "  \"{}\" → no step, left out{how}: {}",
                s.stage,
                count(s.rows.into(), "row")
            ),
        }
    }
    print_problems(&report.problems, report.problem_count);
    for note in &report.notes {
        say!("{note}");
    }
    say!(
        "{}: {} valid, {} rejected, {} left out.",
        count(report.rows.into(), "row"),
        report.valid_rows,
        report.rejected_rows,
        report.skipped_rows
    );
    let changes = count(report.new_entries.into(), "new step change");
    let customers = count(report.customers.into(), "customer");
    if dry_run {
        say!(
            "Dry run, nothing written: would add {changes} to the history of {customers} \
             ({} already there).",
            report.known_entries
        );
    } else {
        say!(
            "Imported: {changes} in the history of {customers} ({} already there).",
            report.known_entries
        );
    }
}
