//! `successmap`: the workspace on the command line, without a window.
//!
//! Exit status: 0 when everything asked was done; 1 when an import rejected rows;
//! 2 when the input or the workspace cannot be used.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use chrono::Utc;
use clap::{Parser, Subcommand};
use successmap_core::edits::{self, ImportWrite};
use successmap_core::files::Replace;
use successmap_core::import::{self, Control, Table};
use successmap_core::model::{
    CustomerQuery, HandoutFormat, HandoutOptions, ImportField, ImportOptions, ImportProblem,
    ImportReport, MapCustomers, MapExportOptions, MapFormat, Paper, PersonaId, SegmentFilter,
};
use successmap_core::words::count;
use successmap_core::{export, reads, CoreError, NewFile, Workspace};

mod history;
mod lists;
mod maps;
mod out;
use out::{say, tell};

#[derive(Parser)]
#[command(
    name = "successmap",
    version,
    about = "Successmap workspaces on the command line"
)]
struct Cli {
    /// The workspace file. Commands that change it (`demo`, `import`) create it empty
    /// when it does not exist; the others only read an existing one.
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
    /// Write a consistent copy of the workspace to a new file (safe while the app or
    /// another command is writing to it).
    Backup {
        /// The copy to write.
        output: PathBuf,
        /// Replace the file when it exists.
        #[arg(long)]
        force: bool,
    },
    /// A persona's success map: its versions, and what changed between them.
    Map {
        #[command(subcommand)]
        what: maps::MapWhat,
    },
    /// Customers as the app lists them (same matching and order), as CSV or JSON.
    Customers(lists::CustomersArgs),
    /// The current × target step matrix: customers and ARR per non-empty cell; or, with
    /// `progression`, how a persona's customers move along its map.
    #[command(args_conflicts_with_subcommands = true)]
    Segment {
        #[command(subcommand)]
        what: Option<lists::SegmentWhat>,
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
        /// Read a CSV file in this encoding instead of the detected one (for example
        /// Shift_JIS, windows-1250, windows-1251, GBK, Big5, EUC-KR, UTF-16LE).
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
        /// Which field a column fills, as "HEADER=FIELD" (repeat for more columns).
        /// FIELD is a column name of the customer export (external_id, name, persona,
        /// current_step, target_step, arr, health, nps, csat, owner, renewal_date,
        /// notes), the name of a KPI for its values, or "ignore" to leave the column out.
        #[arg(long = "column", value_name = "HEADER=FIELD")]
        columns: Vec<String>,
    },
    /// A CRM's stage history (customer, previous stage, new stage, date per row) as the
    /// placement history of the workspace's customers, with the original dates.
    History {
        input: PathBuf,
        /// Check and report only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Read a CSV file in this encoding instead of the detected one.
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
        /// Which field a column holds, as "HEADER=FIELD": external_id, name, stage,
        /// previous_stage, date, field (which field changed, in a report of all fields),
        /// or ignore.
        #[arg(long = "column", value_name = "HEADER=FIELD")]
        columns: Vec<String>,
        /// The step a CRM stage stands for, as "STAGE=STEP TITLE", or "STAGE=ignore" to
        /// leave its rows out (repeat for more stages). Without it, a stage goes to the
        /// step chosen for it in the app, else to a step of the same name.
        #[arg(long = "stage", value_name = "STAGE=STEP")]
        stages: Vec<String>,
        /// With a "field changed" column: import the rows of this field (default: those
        /// whose field's name contains "stage").
        #[arg(long, value_name = "NAME")]
        field: Option<String>,
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
        /// Replace the output file when it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// A persona's success map as a drawing (SVG, PNG, PDF) or as a handout (one HTML
    /// file that opens offline in any browser). A PDF or a handout can hold several
    /// maps.
    Map {
        /// The persona whose map to export (any case); repeat for more maps in a PDF or
        /// a handout.
        #[arg(long = "persona", value_name = "NAME", required = true)]
        personas: Vec<String>,
        #[arg(long, value_enum)]
        format: MapFormatArg,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file when it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Customer counts and ARR per step, but no customer names.
        #[arg(long, conflicts_with = "no_customers")]
        anonymise: bool,
        /// No customer figures at all: the map alone.
        #[arg(long)]
        no_customers: bool,
        /// PDF page size (landscape).
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// PNG only: 2 for twice the pixels (sharp in print and on high-density screens).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
        scale: u8,
        /// PDF only: the presentation as 16:9 slides, a page per reveal (title, each step,
        /// its outcome and KPIs, its move, the whole map, the customers per step, the
        /// current × target matrix, success and satisfaction).
        #[arg(long)]
        slides: bool,
        /// PDF of maps only: after each map, a page with its customers by current and
        /// target step (counts and ARR).
        #[arg(long)]
        matrix: bool,
    },
    /// A customer's success plan, for a business review with the customer: its map with
    /// where it stands and aims, its KPI values against the levels ahead, the vehicles
    /// on the way to its target and its journey so far.
    Handout {
        /// The customer, by the external id its CRM gave it.
        #[arg(long, value_name = "EXTERNAL_ID")]
        customer: String,
        #[arg(long, value_enum)]
        format: HandoutFormatArg,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file when it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Add ARR, health, owner and renewal date (left out otherwise: the plan is for
        /// the customer).
        #[arg(long)]
        internal: bool,
        /// PDF page size (landscape).
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
    },
    /// The customers of a saved segment (as the app lists them now), in the same columns.
    Segment {
        /// The segment's name, as saved in the app (any case).
        name: String,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file when it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MapFormatArg {
    Svg,
    Png,
    Pdf,
    Html,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum HandoutFormatArg {
    Html,
    Pdf,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

/// A failure that ends the command with exit status 2.
pub(crate) struct Unusable(pub(crate) String);

impl From<CoreError> for Unusable {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::FileExists { path } => Unusable(format!(
                "{} already exists; add --force to replace it",
                path.display()
            )),
            // The wizard's remedy ("choose the column…"), in this tool's words.
            CoreError::Invalid {
                field: Some("mapping"),
                message,
            } => {
                let persona = if message.contains("persona") {
                    ", or --persona NAME for all rows"
                } else {
                    ""
                };
                Unusable(format!(
                    "{message}: add --column \"HEADER=FIELD\" (for example --column \
                     \"Account Name=name\"){persona}"
                ))
            }
            e => Unusable(e.to_string()),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader of the output went away (`| head`): that is no failure.
        Err(_) if out::closed() => ExitCode::SUCCESS,
        Err(Unusable(message)) => {
            tell!("successmap: {message}");
            ExitCode::from(2)
        }
    }
}

impl Command {
    /// Whether the command changes the workspace: only those create a missing file or
    /// bring an old one up to date.
    fn writes(&self) -> bool {
        match self {
            Command::Demo => true,
            Command::Import {
                what: ImportWhat::Customers { dry_run, .. } | ImportWhat::History { dry_run, .. },
            } => !dry_run,
            Command::Map { what } => what.writes(),
            Command::Export { .. }
            | Command::Stats
            | Command::Customers(_)
            | Command::Backup { .. }
            | Command::Segment { .. } => false,
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Unusable> {
    let ws = if cli.command.writes() {
        Workspace::open(&cli.workspace, NewFile::Empty, Utc::now())?
    } else {
        Workspace::open_read_only(&cli.workspace)?
    };
    let code = command(&ws, cli.command)?;
    // The file alone is the whole workspace again (the log moved into it).
    ws.close()?;
    Ok(code)
}

fn command(ws: &Workspace, command: Command) -> Result<ExitCode, Unusable> {
    match command {
        Command::Demo => demo_command(ws),
        Command::Stats => stats(ws),
        Command::Customers(args) => lists::customers(ws, args),
        Command::Segment {
            what: Some(what), ..
        } => lists::segment(ws, what),
        Command::Segment {
            what: None,
            persona,
            format,
        } => segment(ws, persona.as_deref(), format),
        Command::Map { what } => maps::run(ws, what),
        Command::Export {
            what:
                ExportWhat::Customers {
                    persona,
                    output,
                    force,
                },
        } => {
            let query = CustomerQuery {
                persona_id: persona_id(ws, persona.as_deref())?,
                ..CustomerQuery::default()
            };
            write_customers(ws, &query, output.as_deref(), force)
        }
        Command::Export {
            what:
                ExportWhat::Segment {
                    name,
                    output,
                    force,
                },
        } => write_customers(
            ws,
            &reads::saved_segment_query(ws, &name)?,
            output.as_deref(),
            force,
        ),
        Command::Export {
            what:
                ExportWhat::Map {
                    personas,
                    format,
                    output,
                    force,
                    anonymise,
                    no_customers,
                    paper,
                    scale,
                    slides,
                    matrix,
                },
        } => {
            let ids = personas
                .iter()
                .map(|name| reads::persona_by_name(ws, name))
                .collect::<Result<Vec<_>, _>>()?;
            let options = MapExportOptions {
                format: match format {
                    MapFormatArg::Svg => MapFormat::Svg,
                    MapFormatArg::Png => MapFormat::Png,
                    MapFormatArg::Pdf => MapFormat::Pdf,
                    MapFormatArg::Html => MapFormat::Html,
                },
                customers: if no_customers {
                    MapCustomers::None
                } else if anonymise {
                    MapCustomers::Counts
                } else {
                    MapCustomers::Names
                },
                paper: paper.into(),
                scale,
                slides,
                matrix,
            };
            if slides && !matches!(format, MapFormatArg::Pdf) {
                return Err(Unusable(
                    "--slides makes a PDF slide deck: add --format pdf".to_string(),
                ));
            }
            if matrix && (slides || !matches!(format, MapFormatArg::Pdf) || no_customers) {
                return Err(Unusable(
                    "--matrix adds a page to a PDF of maps: use it with --format pdf, without \
                     --slides (the slides have the matrix already) or --no-customers"
                        .to_string(),
                ));
            }
            write_map(ws, &ids, &options, output.as_deref(), force)
        }
        Command::Export {
            what:
                ExportWhat::Handout {
                    customer,
                    format,
                    output,
                    force,
                    internal,
                    paper,
                },
        } => {
            let id = reads::customer_by_external_id(ws, &customer)?;
            let options = HandoutOptions {
                format: match format {
                    HandoutFormatArg::Html => HandoutFormat::Html,
                    HandoutFormatArg::Pdf => HandoutFormat::Pdf,
                },
                internal,
                paper: paper.into(),
            };
            let today = chrono::Local::now().date_naive();
            let kind = options.format.extension().to_uppercase();
            match output {
                Some(path) => {
                    reads::export_handout_to(
                        ws,
                        id,
                        &options,
                        today,
                        &path,
                        Replace::from_force(force),
                    )?;
                    tell!("Wrote the success plan ({kind}) to {}.", path.display());
                }
                None => {
                    if options.format == HandoutFormat::Pdf && std::io::stdout().is_terminal() {
                        return Err(Unusable(
                            "a PDF file is binary; add --output FILE (or redirect the output to a file)"
                                .to_string(),
                        ));
                    }
                    write_stdout(&reads::export_handout(ws, id, &options, today)?)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { output, force } => {
            reads::backup_to(ws, &output, Replace::from_force(force))?;
            tell!("Wrote a copy of the workspace to {}.", output.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            what:
                ImportWhat::History {
                    input,
                    dry_run,
                    encoding,
                    columns,
                    stages,
                    field,
                },
        } => history::import(
            ws,
            &input,
            &history::Args {
                dry_run,
                encoding,
                columns,
                stages,
                field,
            },
        ),
        Command::Import {
            what:
                ImportWhat::Customers {
                    input,
                    dry_run,
                    create_missing,
                    all_or_nothing,
                    persona,
                    encoding,
                    columns,
                },
        } => import_customers(
            ws,
            &input,
            &ImportArgs {
                dry_run,
                create_missing,
                all_or_nothing,
                persona,
                encoding,
                columns,
            },
        ),
    }
}

fn demo_command(ws: &Workspace) -> Result<ExitCode, Unusable> {
    let info = edits::load_demo(ws, Utc::now())?;
    say!(
        "Created the demo workspace: {}, {}.",
        count(info.persona_count as u64, "persona"),
        count(info.customer_count as u64, "customer")
    );
    Ok(ExitCode::SUCCESS)
}

fn persona_id(ws: &Workspace, name: Option<&str>) -> Result<Option<PersonaId>, Unusable> {
    Ok(name
        .map(|name| reads::persona_by_name(ws, name))
        .transpose()?)
}

fn stats(ws: &Workspace) -> Result<ExitCode, Unusable> {
    let stats = reads::stats(ws)?;
    let mut lines = vec![
        format!("Personas: {}", stats.personas.len()),
        format!(
            "Steps: {}",
            stats.personas.iter().map(|p| p.steps.len()).sum::<usize>()
        ),
        format!("Vehicles: {}", stats.vehicles),
        format!("Customers: {}", stats.customers),
    ];
    for persona in &stats.personas {
        lines.push(format!(
            "{} ({})",
            persona.name,
            count(persona.customers as u64, "customer")
        ));
        for step in &persona.steps {
            lines.push(format!("  {}: {}", step.title, step.customers));
        }
        if persona.unplaced > 0 {
            lines.push(format!("  (no current step): {}", persona.unplaced));
        }
    }
    for line in lines {
        say!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

fn segment(ws: &Workspace, persona: Option<&str>, format: Format) -> Result<ExitCode, Unusable> {
    let filter = SegmentFilter {
        persona_id: persona_id(ws, persona)?,
        ..SegmentFilter::default()
    };
    let today = chrono::Local::now().date_naive();
    let matrices = reads::segment_matrix(ws, &filter, today)?;
    let lines = export::matrix_lines(&matrices);
    let out = out::Stdout;
    match format {
        Format::Csv => export::matrix_csv(&lines, out)?,
        Format::Json => export::matrix_json(&lines, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the customers `query` matches as CSV to `output` (standard output when none).
fn write_customers(
    ws: &Workspace,
    query: &CustomerQuery,
    output: Option<&Path>,
    force: bool,
) -> Result<ExitCode, Unusable> {
    let today = chrono::Local::now().date_naive();
    match output {
        Some(path) => {
            let count_of =
                reads::export_customers_to(ws, query, today, path, Replace::from_force(force))?;
            tell!(
                "Exported {} to {}.",
                count(count_of.into(), "customer"),
                path.display()
            );
        }
        None => {
            reads::export_customers(ws, query, today, out::Stdout)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a map export to `output`, or to standard output (binary formats only when
/// that is not a terminal).
fn write_map(
    ws: &Workspace,
    ids: &[PersonaId],
    options: &MapExportOptions,
    output: Option<&Path>,
    force: bool,
) -> Result<ExitCode, Unusable> {
    let today = chrono::Local::now().date_naive();
    let kind = options.format.extension().to_uppercase();
    match output {
        Some(path) => {
            reads::export_map_to(ws, ids, options, today, path, Replace::from_force(force))?;
            tell!("Wrote the {kind} to {}.", path.display());
        }
        None => {
            let binary = matches!(options.format, MapFormat::Png | MapFormat::Pdf);
            if binary && std::io::stdout().is_terminal() {
                return Err(Unusable(format!(
                    "a {kind} file is binary; add --output FILE (or redirect the output to a file)"
                )));
            }
            write_stdout(&reads::export_map(ws, ids, options, today)?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes an export's bytes to standard output (a reader that went away is no failure).
fn write_stdout(bytes: &[u8]) -> Result<(), Unusable> {
    let mut stdout = out::Stdout;
    if stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .is_err()
        && !out::closed()
    {
        return Err(Unusable("cannot write to standard output".to_string()));
    }
    Ok(())
}

impl From<PaperArg> for Paper {
    fn from(paper: PaperArg) -> Paper {
        match paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        }
    }
}

/// The choices of `import customers`.
struct ImportArgs {
    dry_run: bool,
    create_missing: bool,
    all_or_nothing: bool,
    persona: Option<String>,
    encoding: Option<String>,
    columns: Vec<String>,
}

fn import_customers(ws: &Workspace, input: &Path, args: &ImportArgs) -> Result<ExitCode, Unusable> {
    let table = Table::open_as(input, args.encoding.as_deref())?;
    let preview = reads::preview_table(ws, input, &table)?;
    let (mut mapping, mut kpi_columns) = (preview.mapping.clone(), preview.kpi_columns.clone());
    let chosen = import::apply_column_choices(
        &table.headers,
        &preview.kpi_names,
        &args.columns,
        &mut mapping,
        &mut kpi_columns,
    )?;
    let default_persona_id = persona_id(ws, args.persona.as_deref())?;
    let mut description = format!(
        "Read {}: {}",
        input.display(),
        table.format().to_uppercase()
    );
    if table.format() == "csv" {
        description.push_str(&format!(
            ", {}, {}-separated",
            preview.encoding, preview.delimiter
        ));
        if preview.sep_line {
            description.push_str(", after Excel's \"sep=\" line");
        }
    }
    say!(
        "{description}, {}.",
        count(table.headers.len() as u64, "column")
    );
    if !preview.encoding_sure && !preview.encoding_chosen {
        // The names as read, for the user to judge the guess.
        let shown: Vec<String> = mapping
            .iter()
            .position(|f| *f == Some(ImportField::Name))
            .map(|i| {
                let names = preview.sample.iter().filter_map(|row| row.get(i));
                names.take(3).map(|n| format!("\"{n}\"")).collect()
            })
            .unwrap_or_default();
        let read = if shown.is_empty() {
            String::new()
        } else {
            format!(" The first names read: {}.", shown.join(", "))
        };
        let doubt = preview.encoding_doubt.as_deref().unwrap_or_default();
        let doubt = doubt.replace("the names below", "the names").replace(
            "choose the encoding the file was saved in",
            "choose the encoding with --encoding NAME",
        );
        say!("  {doubt}{read}");
    }
    for (i, (header, field)) in table.headers.iter().zip(&mapping).enumerate() {
        let why = if chosen.contains(&i) {
            " (--column)"
        } else if preview.mapping_from_saved.get(i) == Some(&true) {
            " (saved choice)"
        } else {
            ""
        };
        match (field, kpi_columns.iter().find(|k| k.column as usize == i)) {
            (Some(f), _) => say!("  \"{header}\" → {}{why}", f.label()),
            (None, Some(k)) => say!("  \"{header}\" → values of the KPI \"{}\"{why}", k.kpi),
            (None, None) => say!("  \"{header}\" (not imported){why}"),
        }
    }
    let saved_used = preview
        .mapping_from_saved
        .iter()
        .enumerate()
        .any(|(i, saved)| *saved && !chosen.contains(&i));
    if saved_used {
        say!(
            "Column choices saved in the app for these headers were used; --column overrides them."
        );
    }
    for ambiguity in import::ambiguities(&table.headers, &mapping) {
        if !chosen.contains(&(ambiguity.chosen as usize)) {
            say!(
                "Note: {} To take another, add --column \"HEADER=FIELD\".",
                ambiguity.describe(&table.headers)
            );
        }
    }
    let options = ImportOptions {
        mapping,
        kpi_columns,
        create_missing: args.create_missing,
        default_persona_id,
        encoding: args.encoding.clone(),
    };
    let cancel = AtomicBool::new(false);
    let mut progress = |_| {};
    let control = Control {
        progress: &mut progress,
        cancel: &cancel,
    };
    let report = if args.dry_run {
        reads::validate_import(ws, &table, &options, control)?
    } else {
        let how = ImportWrite {
            remember_mapping: false,
            all_or_nothing: args.all_or_nothing,
            undoable: false,
        };
        edits::import_customers(ws, input, &table, &options, how, control, Utc::now())?
    };
    print_report(&report, args.dry_run, args.all_or_nothing);
    Ok(if report.rejected_rows > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Each problem listed by line, and how many more there are.
pub(crate) fn print_problems(problems: &[ImportProblem], all: u32) {
    for p in problems {
        match &p.column {
            Some(column) => say!("line {}, column \"{column}\": {}", p.line, p.reason),
            None => say!("line {}: {}", p.line, p.reason),
        }
    }
    let unlisted = (all as usize).saturating_sub(problems.len());
    if unlisted > 0 {
        say!("… and {}.", count(unlisted as u64, "more problem"));
    }
}

fn print_report(report: &ImportReport, dry_run: bool, all_or_nothing: bool) {
    print_problems(&report.problems, report.problem_count);
    for note in &report.notes {
        say!("{note}");
    }
    for c in &report.changes {
        let moved = if c.moved > 0 {
            format!(" ({} moved to another step)", c.moved)
        } else {
            String::new()
        };
        say!(
            "{}: {}, {} updated{moved}, {} unchanged.",
            c.persona,
            count(c.new_customers.into(), "new customer"),
            c.updated,
            c.unchanged
        );
    }
    for m in &report.moves {
        let step = |s: &Option<String>| s.clone().unwrap_or_else(|| "(no step)".to_string());
        say!(
            "  line {}: {} ({}) {} → {}",
            m.line,
            m.customer,
            m.persona,
            step(&m.from),
            step(&m.to)
        );
    }
    let moved: u32 = report.changes.iter().map(|c| c.moved).sum();
    if moved as usize > report.moves.len() {
        say!(
            "  … and {} more.",
            count((moved as usize - report.moves.len()) as u64, "move")
        );
    }
    if !report.missing_personas.is_empty() {
        say!(
            "Personas not in the workspace: {}",
            report.missing_personas.join(", ")
        );
    }
    if !report.missing_steps.is_empty() {
        say!(
            "Steps not on their maps: {}",
            report.missing_steps.join(", ")
        );
    }
    say!(
        "{}: {} valid, {} rejected.",
        count(report.rows.into(), "row"),
        report.valid_rows,
        report.rejected_rows
    );
    if dry_run {
        say!(
            "Dry run, nothing written: would add {}, update {} and leave {} as they are.",
            count(report.new_customers.into(), "customer"),
            report.updated_customers,
            report.unchanged_customers
        );
    } else if !report.written {
        let why = if all_or_nothing {
            " (--all-or-nothing)"
        } else {
            ""
        };
        say!("Nothing imported: rows were rejected{why}.");
    } else {
        say!(
            "Imported: {}, {} updated, {} unchanged.",
            count(report.new_customers.into(), "new customer"),
            report.updated_customers,
            report.unchanged_customers
        );
    }
}
