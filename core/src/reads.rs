//! Everything a client reads from a workspace: lists, maps, analytics, exports and the
//! import's checks. Each runs on a read-only snapshot from the pool, so a long one (a
//! million-row export, a progression over years of history) never holds up an edit.
//!
//! With [`crate::edits`], the one API of the app and the CLI; no client gets a
//! connection from here.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::db::{customers, personas, segments, steps, vehicles};
use crate::drawing::{self, DrawOptions, Drawing, MapPicture};
use crate::error::{CoreError, CoreResult};
use crate::files::{self, Replace};
use crate::handout::{self, CustomerPlan, MapHandout};
use crate::import::{self, Control, Mode, Table};
use crate::model::{
    CustomerDetail, CustomerId, CustomerKpiValue, CustomerPage, CustomerQuery, HandoutFormat,
    HandoutOptions, HistoryOptions, HistoryPreview, HistoryReport, ImportField, ImportOptions,
    ImportPreview, ImportReport, KpiColumn, KpiLevel, MapComparison, MapContent, MapCustomers,
    MapDetail, MapExportOptions, MapFormat, MapVersion, MapVersionId, Paper, Persona, PersonaId,
    PersonaMatrix, PersonaStats, PersonaSummary, ProgressBasis, ProgressionView, RestorePreview,
    SatisfactionMeasure, SatisfactionView, SegmentFilter, SegmentSummary, StepId, StepStats,
    SuggestionsView, Vehicle, VersionRef, WorkspaceInfo, WorkspaceStats,
};
use crate::presentation::{self, PresentationView};
use crate::versions::template::{GalleryTemplate, MapTemplate};
use crate::workspace::Workspace;
use crate::{export, ops, versions};

/// The open workspace: file, name, schema version and counts.
pub fn info(ws: &Workspace) -> CoreResult<WorkspaceInfo> {
    let path = ws.path().map(|p| p.display().to_string());
    ws.read(|c| ops::workspace::info(c, path))
}

/// Personas with their customer counts and ARR (the sidebar).
pub fn personas(ws: &Workspace) -> CoreResult<Vec<PersonaSummary>> {
    ws.read(ops::personas::list)
}

/// One persona (without its figures).
pub fn persona(ws: &Workspace, id: PersonaId) -> CoreResult<Persona> {
    ws.read(|c| personas::get(c, id))
}

/// The persona called `name` (any case), or an error that lists the personas there are.
pub fn persona_by_name(ws: &Workspace, name: &str) -> CoreResult<PersonaId> {
    let all = ws.read(personas::list)?;
    let wanted = name.trim().to_lowercase();
    all.iter()
        .find(|p| p.name.to_lowercase() == wanted)
        .map(|p| p.id)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
            CoreError::invalid(
                "persona",
                format!(
                    "there is no persona \"{name}\" (personas: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
            )
        })
}

/// The step titled `title` (any case) on `persona`'s map, or on any map when no persona
/// is given and only one map has such a step; an error says which steps or personas
/// there are to choose from.
pub fn step_by_title(
    ws: &Workspace,
    persona: Option<PersonaId>,
    title: &str,
) -> CoreResult<StepId> {
    let wanted = title.trim().to_lowercase();
    ws.read(|c| {
        let all = personas::list(c)?;
        let mut found: Vec<(String, StepId)> = Vec::new();
        let mut titles: Vec<String> = Vec::new();
        for p in all
            .iter()
            .filter(|p| persona.is_none() || persona == Some(p.id))
        {
            for s in steps::list_for_map(c, p.map_id)? {
                if s.title.to_lowercase() == wanted {
                    found.push((p.name.clone(), s.id));
                }
                titles.push(s.title);
            }
        }
        match found.as_slice() {
            [(_, id)] => Ok(*id),
            [] => Err(CoreError::invalid(
                "step",
                format!(
                    "there is no step \"{title}\"{} (steps: {})",
                    if persona.is_some() {
                        " on this persona's map"
                    } else {
                        ""
                    },
                    if titles.is_empty() {
                        "none".to_string()
                    } else {
                        titles.join(", ")
                    }
                ),
            )),
            more => Err(CoreError::invalid(
                "step",
                format!(
                    "the maps of {} each have a step \"{title}\"; name the persona too",
                    more.iter()
                        .map(|(p, _)| p.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    })
}

/// A persona's success map with KPIs, vehicles, moves and customer figures.
pub fn map(ws: &Workspace, persona_id: PersonaId) -> CoreResult<MapDetail> {
    ws.read(|c| ops::maps::detail(c, persona_id))
}

/// A persona's map with the order a presentation reveals it in (customers per step
/// last, when the map has customers).
pub fn presentation(
    ws: &Workspace,
    persona_id: PersonaId,
    today: NaiveDate,
) -> CoreResult<PresentationView> {
    let map = map(ws, persona_id)?;
    let satisfaction = persona_satisfaction(ws, persona_id, today)?;
    let reveals = presentation::sequence(&map, true, presentation::scored(Some(&satisfaction)));
    Ok(PresentationView {
        labels: reveals
            .iter()
            .map(|&r| presentation::label(&map, r))
            .collect(),
        reveals,
        matrix: persona_matrix(ws, persona_id, today)?,
        satisfaction: Some(satisfaction),
        map,
    })
}

/// A persona's customers by progress along its map and NPS (the quadrants a
/// presentation shows).
fn persona_satisfaction(
    ws: &Workspace,
    persona_id: PersonaId,
    today: NaiveDate,
) -> CoreResult<SatisfactionView> {
    let filter = SegmentFilter {
        persona_id: Some(persona_id),
        ..SegmentFilter::default()
    };
    segment_satisfaction(
        ws,
        &filter,
        ProgressBasis::Map,
        SatisfactionMeasure::Nps,
        today,
    )
}

/// A persona's current × target matrix of all its customers.
fn persona_matrix(
    ws: &Workspace,
    persona_id: PersonaId,
    today: NaiveDate,
) -> CoreResult<Option<PersonaMatrix>> {
    let filter = SegmentFilter {
        persona_id: Some(persona_id),
        ..SegmentFilter::default()
    };
    Ok(segment_matrix(ws, &filter, today)?
        .into_iter()
        .find(|m| m.persona_id == persona_id))
}

/// The workspace's catalogue of success vehicles.
pub fn vehicles(ws: &Workspace) -> CoreResult<Vec<Vehicle>> {
    ws.read(ops::vehicles::list)
}

/// Counts of everything, and customers per persona and step (`successmap stats`).
pub fn stats(ws: &Workspace) -> CoreResult<WorkspaceStats> {
    ws.read(|c| {
        let mut list = Vec::new();
        for persona in personas::list(c)? {
            let figures = customers::step_figures(c, persona.map_id)?;
            let steps = steps::list_for_map(c, persona.map_id)?
                .into_iter()
                .map(|step| StepStats {
                    customers: figures.iter().find(|f| f.0 == step.id).map_or(0, |f| f.1),
                    title: step.title,
                })
                .collect();
            list.push(PersonaStats {
                customers: customers::count_for_persona(c, persona.id)?,
                unplaced: customers::count_unplaced(c, persona.id)?,
                name: persona.name,
                steps,
            });
        }
        Ok(WorkspaceStats {
            vehicles: vehicles::list(c)?.len() as u32,
            customers: customers::count(c)?,
            personas: list,
        })
    })
}

// Customers ---------------------------------------------------------------------------

/// A page of the customers a query matches, with the total.
pub fn customer_page(
    ws: &Workspace,
    query: &CustomerQuery,
    today: NaiveDate,
    offset: u32,
    limit: u32,
) -> CoreResult<CustomerPage> {
    ws.read(|c| ops::customers::page(c, query, today, offset, limit))
}

/// A customer with its names and placement history.
pub fn customer(ws: &Workspace, id: CustomerId) -> CoreResult<CustomerDetail> {
    ws.read(|c| ops::customers::detail(c, id))
}

/// The customer with this external id, or an error that says there is none.
pub fn customer_by_external_id(ws: &Workspace, external_id: &str) -> CoreResult<CustomerId> {
    let wanted = external_id.trim();
    ws.read(|c| customers::id_by_external_id(c, wanted))?
        .ok_or_else(|| {
            CoreError::invalid(
                "customer",
                format!("there is no customer with the external id \"{wanted}\""),
            )
        })
}

/// A customer's success plan: the customer, its persona and map, its KPI values.
pub fn customer_plan(ws: &Workspace, id: CustomerId) -> CoreResult<CustomerPlan> {
    ws.read(|c| {
        let customer = ops::customers::detail(c, id)?;
        let persona_id = customer.row.customer.persona_id;
        Ok(CustomerPlan {
            persona: personas::get(c, persona_id)?,
            map: ops::maps::detail(c, persona_id)?,
            values: ops::evidence::values_of(c, id)?,
            customer,
        })
    })
}

/// A customer's success plan as one file's bytes (HTML or PDF).
pub fn export_handout(
    ws: &Workspace,
    id: CustomerId,
    options: &HandoutOptions,
    today: NaiveDate,
) -> CoreResult<Vec<u8>> {
    let plan = customer_plan(ws, id)?;
    match options.format {
        HandoutFormat::Html => {
            Ok(handout::plan_html(&plan, options.internal, Some(today)).into_bytes())
        }
        HandoutFormat::Pdf => {
            let pages = drawing::plan::plan_pages(&plan, options.internal, Some(today));
            let title = format!("Success plan: {}", plan.customer.row.customer.name);
            drawing::pdf(&pages, options.paper, &title)
        }
    }
}

/// Writes [`export_handout`]'s file to `path` (same rules for the target as any export).
pub fn export_handout_to(
    ws: &Workspace,
    id: CustomerId,
    options: &HandoutOptions,
    today: NaiveDate,
    path: &Path,
    replace: Replace,
) -> CoreResult<()> {
    let bytes = export_handout(ws, id, options, today)?;
    files::write_replacing(path, ws.path(), replace, |out| {
        out.write_all(&bytes).map_err(|e| {
            CoreError::invalid("output", format!("cannot write {}: {e}", path.display()))
        })
    })
}

/// Owners named on customers, for the owner filter.
pub fn owners(ws: &Workspace) -> CoreResult<Vec<String>> {
    ws.read(customers::owners)
}

/// The KPIs of a customer's map with the customer's values.
pub fn customer_kpi_values(
    ws: &Workspace,
    customer_id: CustomerId,
) -> CoreResult<Vec<CustomerKpiValue>> {
    ws.read(|c| ops::evidence::values_of(c, customer_id))
}

/// Writes the customers `query` matches as CSV to `out`; returns how many.
pub fn export_customers(
    ws: &Workspace,
    query: &CustomerQuery,
    today: NaiveDate,
    out: impl Write,
) -> CoreResult<u32> {
    ws.read(|c| export::customers_csv(c, query, today, None, out))
}

/// Writes the first `limit` (all when `None`) customers `query` matches, in the list's
/// order, as CSV or JSON to `out`; returns how many.
pub fn list_customers(
    ws: &Workspace,
    query: &CustomerQuery,
    today: NaiveDate,
    limit: Option<u32>,
    format: export::TextFormat,
    out: impl Write,
) -> CoreResult<u32> {
    ws.read(|c| match format {
        export::TextFormat::Csv => export::customers_csv(c, query, today, limit, out),
        export::TextFormat::Json => export::customers_json(c, query, today, limit, out),
    })
}

/// Writes the customers `query` matches as CSV to the file at `path`; returns how many.
/// Never onto the workspace itself; an existing file only with [`Replace::Yes`]; the file
/// appears whole or not at all ([`crate::files`]).
pub fn export_customers_to(
    ws: &Workspace,
    query: &CustomerQuery,
    today: NaiveDate,
    path: &Path,
    replace: Replace,
) -> CoreResult<u32> {
    files::write_replacing(path, ws.path(), replace, |out| {
        export_customers(ws, query, today, out)
    })
}

/// Writes a consistent copy of the workspace to `path` (SQLite's `VACUUM INTO` on a
/// read snapshot: edits go on meanwhile and are not in the copy). The copy is a complete
/// workspace in one file, compacted. Same rules for the target as an export.
pub fn backup_to(ws: &Workspace, path: &Path, replace: Replace) -> CoreResult<()> {
    files::fill_replacing(path, ws.path(), replace, |temp| {
        let temp = temp.to_str().ok_or_else(|| {
            CoreError::invalid(
                "path",
                format!("{} is not a usable file name", path.display()),
            )
        })?;
        ws.read_outside_transaction(|c| {
            // The reader's guard against writes would refuse VACUUM INTO, which writes
            // only the new file; the connection itself stays read-only.
            c.pragma_update(None, "query_only", "OFF")?;
            let copied = c.execute("VACUUM INTO ?1", [temp]);
            c.pragma_update(None, "query_only", "ON")?;
            copied?;
            Ok(())
        })
    })
}

// Map drawings ------------------------------------------------------------------------

/// The personas with their maps, in the order given, from one snapshot.
fn map_details(ws: &Workspace, persona_ids: &[PersonaId]) -> CoreResult<Vec<(Persona, MapDetail)>> {
    ws.read(|c| {
        persona_ids
            .iter()
            .map(|&id| Ok((personas::get(c, id)?, ops::maps::detail(c, id)?)))
            .collect()
    })
}

/// The drawings of the personas' maps, in the order given; `today` is printed in the
/// footer.
pub fn map_drawings(
    ws: &Workspace,
    persona_ids: &[PersonaId],
    customers: MapCustomers,
    today: NaiveDate,
) -> CoreResult<Vec<Drawing>> {
    let maps = map_details(ws, persona_ids)?;
    let options = DrawOptions {
        customers,
        date: Some(today),
    };
    Ok(maps
        .iter()
        .map(|(persona, map)| drawing::map_svg(&MapPicture { persona, map }, &options))
        .collect())
}

/// The personas' maps as one file's bytes: an SVG or PNG of one map, a PDF with a page
/// per map, or an HTML handout of them all.
pub fn export_map(
    ws: &Workspace,
    persona_ids: &[PersonaId],
    options: &MapExportOptions,
    today: NaiveDate,
) -> CoreResult<Vec<u8>> {
    if persona_ids.is_empty() {
        return Err(CoreError::invalid(
            "persona",
            "choose a persona whose map to export",
        ));
    }
    if persona_ids.len() > 1 && matches!(options.format, MapFormat::Svg | MapFormat::Png) {
        return Err(CoreError::invalid(
            "persona",
            format!(
                "an {} file holds one map; choose one persona (a PDF or an HTML handout can \
                 hold several)",
                options.format.extension().to_uppercase()
            ),
        ));
    }
    if options.format == MapFormat::Html {
        let maps = map_details(ws, persona_ids)?;
        let handouts: Vec<MapHandout<'_>> = maps
            .iter()
            .map(|(persona, map)| MapHandout { persona, map })
            .collect();
        return Ok(handout::maps_html(&handouts, options.customers, Some(today)).into_bytes());
    }
    if options.format == MapFormat::Pdf && options.slides {
        let maps = map_details(ws, persona_ids)?;
        let mut slides: Vec<Drawing> = Vec::new();
        for (persona, map) in &maps {
            let matrix = persona_matrix(ws, persona.id, today)?;
            let satisfaction = persona_satisfaction(ws, persona.id, today)?;
            slides.extend(drawing::slides::deck(
                persona,
                map,
                drawing::slides::Data {
                    matrix: matrix.as_ref(),
                    satisfaction: Some(&satisfaction),
                },
                options.customers,
            ));
        }
        let names: Vec<&str> = maps.iter().map(|(p, _)| p.name.as_str()).collect();
        return drawing::pdf(
            &slides,
            Paper::Slide,
            &format!("Presentation: {}", names.join(", ")),
        );
    }
    let drawings = map_drawings(ws, persona_ids, options.customers, today)?;
    let first = drawings
        .first()
        .ok_or_else(|| CoreError::invalid("persona", "choose a persona"))?;
    match options.format {
        MapFormat::Png => {
            if !matches!(options.scale, 1 | 2) {
                return Err(CoreError::invalid(
                    "scale",
                    format!("a PNG is made at 1× or 2×, not {}×", options.scale),
                ));
            }
            drawing::png(first, f32::from(options.scale))
        }
        MapFormat::Pdf => {
            let titles: Vec<&str> = drawings.iter().map(|d| d.title.as_str()).collect();
            let title = titles.join(" · ");
            if !options.matrix || options.customers == MapCustomers::None {
                return drawing::pdf(&drawings, options.paper, &title);
            }
            // Each map followed by its customers by current and target step.
            let maps = map_details(ws, persona_ids)?;
            let mut pages = Vec::with_capacity(drawings.len() * 2);
            for (page, (persona, map)) in drawings.iter().zip(&maps) {
                pages.push(page.clone());
                if let Some(matrix) = persona_matrix(ws, persona.id, today)? {
                    if !matrix.cells.is_empty() {
                        pages.push(drawing::slides::matrix_page(persona, map, &matrix));
                    }
                }
            }
            drawing::pdf(&pages, options.paper, &title)
        }
        MapFormat::Svg | MapFormat::Html => Ok(first.svg.clone().into_bytes()),
    }
}

/// Writes [`export_map`]'s file to `path` (same rules for the target as any export).
pub fn export_map_to(
    ws: &Workspace,
    persona_ids: &[PersonaId],
    options: &MapExportOptions,
    today: NaiveDate,
    path: &Path,
    replace: Replace,
) -> CoreResult<()> {
    // Made before the target is touched: a failure leaves the file system as it was.
    let bytes = export_map(ws, persona_ids, options, today)?;
    files::write_replacing(path, ws.path(), replace, |out| {
        out.write_all(&bytes).map_err(|e| {
            CoreError::invalid("output", format!("cannot write {}: {e}", path.display()))
        })
    })
}

// Segments ----------------------------------------------------------------------------

/// The current × target matrix of one persona or all, with the filter applied.
pub fn segment_matrix(
    ws: &Workspace,
    filter: &SegmentFilter,
    today: NaiveDate,
) -> CoreResult<Vec<PersonaMatrix>> {
    ws.read(|c| ops::segments::matrix(c, filter, today))
}

/// The saved segments with their size now, by name.
pub fn saved_segments(ws: &Workspace, today: NaiveDate) -> CoreResult<Vec<SegmentSummary>> {
    ws.read(|c| ops::segments::list_saved(c, today))
}

/// The customers of the segment saved as `name` (any case), as a query to list or export;
/// an error names the saved segments when there is none of that name.
pub fn saved_segment_query(ws: &Workspace, name: &str) -> CoreResult<CustomerQuery> {
    ws.read(|c| {
        let Some(segment) = segments::by_name(c, name)? else {
            let names: Vec<String> = segments::list(c)?.into_iter().map(|s| s.name).collect();
            return Err(CoreError::invalid(
                "name",
                format!(
                    "there is no saved segment \"{name}\" (segments: {})",
                    if names.is_empty() {
                        "none; save one in the app's Segments view".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
            ));
        };
        ops::segments::query_of(c, &segment)?.map_err(|problem| {
            CoreError::Conflict(format!(
                "the segment \"{}\" cannot be exported: {problem}",
                segment.name
            ))
        })
    })
}

/// Success vs satisfaction of the customers the filter keeps, aggregated.
pub fn segment_satisfaction(
    ws: &Workspace,
    filter: &SegmentFilter,
    basis: ProgressBasis,
    measure: SatisfactionMeasure,
    today: NaiveDate,
) -> CoreResult<SatisfactionView> {
    ws.read(|c| ops::segments::satisfaction(c, filter, basis, measure, today))
}

/// Progression of a persona's customers along its map, from their placement history.
pub fn segment_progression(
    ws: &Workspace,
    filter: &SegmentFilter,
    persona_id: PersonaId,
    period: (NaiveDate, NaiveDate),
    stalled_days: u32,
    today: NaiveDate,
) -> CoreResult<ProgressionView> {
    ws.read(|c| {
        ops::segments::progression(
            c,
            filter,
            persona_id,
            period.0,
            period.1,
            stalled_days,
            today,
        )
    })
}

/// Customers of a persona placed elsewhere than their KPI values suggest (all counted,
/// the first `listed` by name listed).
pub fn placement_suggestions(
    ws: &Workspace,
    persona_id: PersonaId,
    level: KpiLevel,
    listed: usize,
) -> CoreResult<SuggestionsView> {
    ws.read(|c| ops::evidence::suggestions(c, persona_id, level, listed))
}

// Import ------------------------------------------------------------------------------

/// Detects a file's format, encoding (unless `encoding` names one) and delimiter, and
/// proposes a column mapping.
pub fn preview_import(
    ws: &Workspace,
    path: &Path,
    encoding: Option<&str>,
) -> CoreResult<ImportPreview> {
    let table = Table::open_as(path, encoding)?;
    preview_table(ws, path, &table)
}

/// [`preview_import`] of a table already open.
pub fn preview_table(ws: &Workspace, path: &Path, table: &Table) -> CoreResult<ImportPreview> {
    // The file is opened and its first rows read before a connection is taken: a slow
    // disk or a large file never holds a reader of the workspace.
    let sample = import::sample_rows(table)?;
    ws.read(|c| import::preview(c, path, table, sample))
}

/// The column mapping proposed for `headers` (saved choices first, then guesses), and
/// the unmapped columns named like a KPI.
pub fn propose_import_columns(
    ws: &Workspace,
    headers: &[String],
) -> CoreResult<(Vec<Option<ImportField>>, Vec<KpiColumn>)> {
    ws.read(|c| {
        let (mapping, _) = import::propose_mapping(c, headers)?;
        let kpis = import::propose_kpi_columns(c, headers, &mapping)?;
        Ok((mapping, kpis))
    })
}

/// Describes a stage history file and proposes its columns.
pub fn preview_history(
    ws: &Workspace,
    path: &Path,
    encoding: Option<&str>,
) -> CoreResult<HistoryPreview> {
    let table = Table::open_as(path, encoding)?;
    let sample = import::sample_rows(&table)?;
    ws.read(|c| import::history::preview(c, path, &table, sample))
}

/// Checks every row of a stage history file; writes nothing.
pub fn validate_history(
    ws: &Workspace,
    table: &Table,
    options: &HistoryOptions,
    control: Control<'_>,
) -> CoreResult<HistoryReport> {
    ws.read(|c| import::history::run(c, table, options, Mode::Validate, control))
}

/// Checks every row of `table` with `options`; writes nothing.
pub fn validate_import(
    ws: &Workspace,
    table: &Table,
    options: &ImportOptions,
    control: Control<'_>,
) -> CoreResult<ImportReport> {
    ws.read(|c| import::run(c, table, options, Mode::Validate, control))
}

// Map versions ------------------------------------------------------------------------

fn map_of(c: &rusqlite::Connection, persona: PersonaId) -> CoreResult<crate::model::MapId> {
    Ok(personas::get(c, persona)?.map_id)
}

/// The saved versions of the persona's map, newest first.
pub fn map_versions(ws: &Workspace, persona: PersonaId) -> CoreResult<Vec<MapVersion>> {
    ws.read(|c| crate::db::map_versions::list_for_map(c, map_of(c, persona)?))
}

/// The version of the persona's map named `name` (the CLI names versions).
pub fn map_version_named(ws: &Workspace, persona: PersonaId, name: &str) -> CoreResult<MapVersion> {
    ws.read(|c| versions::by_name(c, map_of(c, persona)?, name))
}

/// What a saved version of the persona's map holds (its read-only preview).
pub fn map_version_content(
    ws: &Workspace,
    persona: PersonaId,
    version: MapVersionId,
) -> CoreResult<MapContent> {
    ws.read(|c| {
        versions::of_map(c, map_of(c, persona)?, version)?;
        versions::content(c, version)
    })
}

/// Two states of the persona's map (saved versions, or the map now) and what changed
/// from the first to the second.
pub fn compare_map_versions(
    ws: &Workspace,
    persona: PersonaId,
    from: VersionRef,
    to: VersionRef,
) -> CoreResult<MapComparison> {
    ws.read(|c| {
        let map_id = map_of(c, persona)?;
        let side = |r: VersionRef| -> CoreResult<(String, MapContent)> {
            match r {
                VersionRef::Now => Ok(("Now".to_string(), versions::content_of(c, map_id)?)),
                VersionRef::Saved { id } => Ok((
                    versions::of_map(c, map_id, id)?.name,
                    versions::content(c, id)?,
                )),
            }
        };
        let (from_label, from) = side(from)?;
        let (to_label, to) = side(to)?;
        Ok(MapComparison {
            changes: versions::diff(&from, &to),
            from_label,
            to_label,
            from,
            to,
        })
    })
}

/// What restoring a version would do: the steps that go and the customers on them.
pub fn restore_preview(
    ws: &Workspace,
    persona: PersonaId,
    version: MapVersionId,
) -> CoreResult<RestorePreview> {
    ws.read(|c| versions::restore_preview(c, map_of(c, persona)?, version))
}

// Map templates -----------------------------------------------------------------------

/// The persona's map as a template.
pub fn map_template(ws: &Workspace, persona: PersonaId) -> CoreResult<MapTemplate> {
    ws.read(|c| versions::template::export(c, persona))
}

/// Writes the persona's map as a template file (JSON) to `path`.
pub fn export_map_template(
    ws: &Workspace,
    persona: PersonaId,
    path: &Path,
    replace: Replace,
) -> CoreResult<MapTemplate> {
    let template = map_template(ws, persona)?;
    let text = versions::template::to_json(&template)?;
    files::write_replacing(path, ws.path(), replace, |out| {
        out.write_all(text.as_bytes()).map_err(|e| {
            CoreError::invalid("path", format!("cannot write {}: {e}", path.display()))
        })
    })?;
    Ok(template)
}

/// Reads and checks a template file (refused with the reason when it is not one).
pub fn read_map_template(path: &Path) -> CoreResult<MapTemplate> {
    let meta = std::fs::metadata(path).map_err(|e| {
        CoreError::invalid("template", format!("cannot read {}: {e}", path.display()))
    })?;
    if meta.len() > versions::template::MAX_BYTES as u64 {
        return Err(CoreError::invalid(
            "template",
            format!(
                "{} is {} bytes; a map template is at most {} MB",
                path.display(),
                meta.len(),
                versions::template::MAX_BYTES >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        CoreError::invalid("template", format!("cannot read {}: {e}", path.display()))
    })?;
    versions::template::parse(&bytes)
}

/// The built-in templates offered when creating a persona.
pub fn template_gallery(now: chrono::DateTime<chrono::Utc>) -> CoreResult<Vec<GalleryTemplate>> {
    versions::template::gallery(now)
}
