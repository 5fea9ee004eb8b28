//! `successmap`: the workspace on the command line, without a window.
//!
//! Exit status: 0 when everything asked was done; 1 when an import rejected rows;
//! 2 when the input or the workspace cannot be used.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use chrono::Utc;
use clap::{Parser, Subcommand};
use successmap_core::db::{customers, personas, segments, steps, vehicles};
use successmap_core::import::{self, Control, Mode, Table};
use successmap_core::model::{
    CustomerQuery, ImportOptions, ImportReport, PersonaId, SegmentFilter,
};
use successmap_core::{demo, export, ops, CoreError, Db};

#[derive(Parser)]
#[command(
    name = "successmap",
    version,
    about = "Successmap workspaces on the command line"
)]
struct Cli {
    /// The workspace file (created empty when it does not exist).
    #[arg(long, value_name = "FILE")]
    workspace: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill an empty workspace with the demo personas, maps and customers.
    Demo,
    /// Import records from a CRM export.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export records as CSV.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Count personas, steps, vehicles and customers, and customers per persona and step.
    Stats,
    /// The current × target step matrix: customers and ARR per non-empty cell.
    Segment {
        /// Only this persona's map.
        #[arg(long, value_name = "NAME")]
        persona: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Json,
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Customers from a CSV or XLSX file.
    Customers {
        input: PathBuf,
        /// Check and report only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Create the personas and steps the file names that do not exist yet.
        #[arg(long)]
        create_missing: bool,
        /// Import nothing when any row is rejected.
        #[arg(long)]
        all_or_nothing: bool,
        /// The persona of rows that name none.
        #[arg(long, value_name = "NAME")]
        persona: Option<String>,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// Customers, with persona and steps by name.
    Customers {
        /// Only the customers of this persona.
        #[arg(long, value_name = "NAME")]
        persona: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The customers of a saved segment (as the app lists them now), in the same columns.
    Segment {
        /// The segment's name, as saved in the app (any case).
        name: String,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// A failure that ends the command with exit status 2.
struct Unusable(String);

impl From<CoreError> for Unusable {
    fn from(e: CoreError) -> Self {
        Unusable(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Unusable(message)) => {
            eprintln!("successmap: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Unusable> {
    let mut db = Db::open(&cli.workspace)?;
    if db.was_created() {
        let stem = cli
            .workspace
            .file_stem()
            .map_or("Workspace".to_string(), |s| {
                s.to_string_lossy().into_owned()
            });
        db.write(|tx| ops::workspace::initialise(tx, &stem, Utc::now()))?;
    }
    match cli.command {
        Command::Demo => demo_command(&mut db),
        Command::Stats => stats(&db),
        Command::Segment { persona, format } => segment(&db, persona.as_deref(), format),
        Command::Export {
            what: ExportWhat::Customers { persona, output },
        } => export_customers(&db, persona.as_deref(), output.as_deref()),
        Command::Export {
            what: ExportWhat::Segment { name, output },
        } => export_segment(&db, &name, output.as_deref()),
        Command::Import {
            what:
                ImportWhat::Customers {
                    input,
                    dry_run,
                    create_missing,
                    all_or_nothing,
                    persona,
                },
        } => import_customers(
            &mut db,
            &input,
            dry_run,
            create_missing,
            all_or_nothing,
            persona.as_deref(),
        ),
    }
}

fn demo_command(db: &mut Db) -> Result<ExitCode, Unusable> {
    if !db.read(ops::workspace::is_empty)? {
        return Err(Unusable(
            "the workspace already has personas; the demo only goes into an empty workspace".into(),
        ));
    }
    db.write(|tx| demo::build(tx, Utc::now()))?;
    println!(
        "Created the demo workspace: {} personas, {} customers.",
        db.read(personas::count)?,
        db.read(customers::count)?
    );
    Ok(ExitCode::SUCCESS)
}

fn persona_by_name(db: &Db, name: &str) -> Result<PersonaId, Unusable> {
    let all = db.read(personas::list)?;
    all.iter()
        .find(|p| p.name.to_lowercase() == name.trim().to_lowercase())
        .map(|p| p.id)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
            Unusable(format!(
                "there is no persona \"{name}\" (personas: {})",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ))
        })
}

fn stats(db: &Db) -> Result<ExitCode, Unusable> {
    let all = db.read(personas::list)?;
    let mut step_count = 0;
    let mut lines = Vec::new();
    for persona in &all {
        let map_steps = db.read(|c| steps::list_for_map(c, persona.map_id))?;
        step_count += map_steps.len();
        let figures = db.read(|c| customers::step_figures(c, persona.map_id))?;
        let total = db.read(|c| customers::count_for_persona(c, persona.id))?;
        lines.push(format!("{} ({total} customers)", persona.name));
        for step in &map_steps {
            let on = figures.iter().find(|f| f.0 == step.id).map_or(0, |f| f.1);
            lines.push(format!("  {}: {on}", step.title));
        }
        let unplaced = db.read(|c| customers::count_unplaced(c, persona.id))?;
        if unplaced > 0 {
            lines.push(format!("  (no current step): {unplaced}"));
        }
    }
    let mut out = std::io::stdout().lock();
    let write = |out: &mut dyn Write, line: String| {
        writeln!(out, "{line}").map_err(|e| Unusable(e.to_string()))
    };
    write(&mut out, format!("Personas: {}", all.len()))?;
    write(&mut out, format!("Steps: {step_count}"))?;
    write(
        &mut out,
        format!("Vehicles: {}", db.read(vehicles::list)?.len()),
    )?;
    write(
        &mut out,
        format!("Customers: {}", db.read(customers::count)?),
    )?;
    for line in lines {
        write(&mut out, line)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn segment(db: &Db, persona: Option<&str>, format: Format) -> Result<ExitCode, Unusable> {
    let filter = SegmentFilter {
        persona_id: persona.map(|name| persona_by_name(db, name)).transpose()?,
        ..SegmentFilter::default()
    };
    let today = chrono::Local::now().date_naive();
    let matrices = db.read(|c| ops::segments::matrix(c, &filter, today))?;
    let lines = export::matrix_lines(&matrices);
    let out = std::io::stdout().lock();
    match format {
        Format::Csv => export::matrix_csv(&lines, out)?,
        Format::Json => export::matrix_json(&lines, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn export_customers(
    db: &Db,
    persona: Option<&str>,
    output: Option<&Path>,
) -> Result<ExitCode, Unusable> {
    let query = CustomerQuery {
        persona_id: persona.map(|name| persona_by_name(db, name)).transpose()?,
        ..CustomerQuery::default()
    };
    write_customers(db, &query, output)
}

fn export_segment(db: &Db, name: &str, output: Option<&Path>) -> Result<ExitCode, Unusable> {
    let Some(segment) = db.read(|c| segments::by_name(c, name))? else {
        let names: Vec<String> = db
            .read(segments::list)?
            .into_iter()
            .map(|s| s.name)
            .collect();
        return Err(Unusable(format!(
            "there is no saved segment \"{name}\" (segments: {})",
            if names.is_empty() {
                "none; save one in the app's Segments view".to_string()
            } else {
                names.join(", ")
            }
        )));
    };
    let query = db
        .read(|c| ops::segments::query_of(c, &segment))?
        .map_err(|problem| {
            Unusable(format!(
                "the segment \"{}\" cannot be exported: {problem}",
                segment.name
            ))
        })?;
    write_customers(db, &query, output)
}

/// Writes the customers `query` matches as CSV to `output` (standard output when none).
fn write_customers(
    db: &Db,
    query: &CustomerQuery,
    output: Option<&Path>,
) -> Result<ExitCode, Unusable> {
    let today = chrono::Local::now().date_naive();
    match output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| Unusable(format!("cannot write {}: {e}", path.display())))?;
            let count =
                db.read(|c| export::customers_csv(c, query, today, std::io::BufWriter::new(file)))?;
            eprintln!("Exported {count} customers to {}.", path.display());
        }
        None => {
            db.read(|c| export::customers_csv(c, query, today, std::io::stdout().lock()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn import_customers(
    db: &mut Db,
    input: &Path,
    dry_run: bool,
    create_missing: bool,
    all_or_nothing: bool,
    persona: Option<&str>,
) -> Result<ExitCode, Unusable> {
    let table = Table::open(input)?;
    let (mapping, _) = db.read(|c| import::propose_mapping(c, &table.headers))?;
    let default_persona_id = persona.map(|name| persona_by_name(db, name)).transpose()?;
    let mut description = format!(
        "Read {}: {}",
        input.display(),
        table.format().to_uppercase()
    );
    if let (Some(encoding), Some(delimiter)) = (table.encoding(), table.delimiter()) {
        description.push_str(&format!(
            ", {}, {}-separated",
            encoding.label(),
            import::source::delimiter_label(delimiter)
        ));
    }
    println!("{description}, {} columns.", table.headers.len());
    for (header, field) in table.headers.iter().zip(&mapping) {
        match field {
            Some(f) => println!("  \"{header}\" → {}", f.label()),
            None => println!("  \"{header}\" (not imported)"),
        }
    }
    let kpi_columns = db.read(|c| import::propose_kpi_columns(c, &table.headers, &mapping))?;
    for k in &kpi_columns {
        eprintln!(
            "  column \"{}\" → values of the KPI \"{}\"",
            table.headers[k.column as usize], k.kpi
        );
    }
    let options = ImportOptions {
        mapping,
        kpi_columns,
        create_missing,
        default_persona_id,
    };
    let cancel = AtomicBool::new(false);
    let mut progress = |_| {};
    let control = Control {
        progress: &mut progress,
        cancel: &cancel,
    };
    let report = if dry_run {
        db.read(|c| import::run(c, &table, &options, Mode::Validate, control))?
    } else {
        let now = Utc::now();
        db.write_if(|tx| {
            let mut report = import::run(tx, &table, &options, Mode::Write { now }, control)?;
            let commit = !(all_or_nothing && report.rejected_rows > 0);
            report.written = commit;
            Ok((report, commit))
        })?
    };
    print_report(&report, dry_run, all_or_nothing);
    Ok(if report.rejected_rows > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_report(report: &ImportReport, dry_run: bool, all_or_nothing: bool) {
    for p in &report.problems {
        match &p.column {
            Some(column) => println!("line {}, column \"{column}\": {}", p.line, p.reason),
            None => println!("line {}: {}", p.line, p.reason),
        }
    }
    let unlisted = report.problem_count as usize - report.problems.len();
    if unlisted > 0 {
        println!("… and {unlisted} more problems.");
    }
    if !report.missing_personas.is_empty() {
        println!(
            "Personas not in the workspace: {}",
            report.missing_personas.join(", ")
        );
    }
    if !report.missing_steps.is_empty() {
        println!(
            "Steps not on their maps: {}",
            report.missing_steps.join(", ")
        );
    }
    println!(
        "{} rows: {} valid, {} rejected.",
        report.rows, report.valid_rows, report.rejected_rows
    );
    if dry_run {
        println!(
            "Dry run, nothing written: would add {} customers and update up to {}.",
            report.new_customers, report.matched_customers
        );
    } else if !report.written {
        let why = if all_or_nothing {
            " (--all-or-nothing)"
        } else {
            ""
        };
        println!("Nothing imported: rows were rejected{why}.");
    } else {
        println!(
            "Imported: {} new customers, {} updated, {} unchanged.",
            report.new_customers, report.updated_customers, report.unchanged_customers
        );
    }
}
