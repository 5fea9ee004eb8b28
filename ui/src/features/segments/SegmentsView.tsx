// The CS leader's view: for each persona, customers by current step (rows) and target
// step (columns), shaded by count or ARR, with totals and regressions marked. A cell
// opens its segment: the customers in it, sortable, exportable to CSV.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type {
  CellRef,
  CustomerId,
  CustomerQuery,
  CustomerRow,
  CustomerSort,
  KpiLevel,
  ProgressBasis,
  Quadrant,
  QuadrantRef,
  SatisfactionMeasure,
  SavedSegmentInput,
  SegmentId,
  SegmentSummary,
  PersonaId,
  PersonaMatrix,
  PersonaSummary,
  SegmentFilter,
} from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { HealthFilter, OwnerFilter } from "../../components/filters";
import { nextSort, personaOptions } from "../../lib/customerFilters";
import { formatArr, plural } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { BulkBar } from "../../components/BulkBar";
import { CustomerList } from "../../components/CustomerList";
import { ExportDialog } from "../../components/ExportDialog";
import { grid, heat, type Measure } from "./matrix";
import { BASES, describeQuadrant, MEASURES } from "./satisfaction";
import { SaveSegmentDialog } from "./SaveSegmentDialog";
import { describeSegment, SavedSegments } from "./SavedSegments";
import { ArrRangeFilter, NpsFilter, RenewalFilter, StalledFilter } from "./SegmentFilters";
import { ProgressionTable } from "./ProgressionTable";
import { EvidencePanel, LEVELS } from "./EvidencePanel";
import { filterChips, NO_FILTER, segmentQuery } from "./segmentFilter";

interface Props {
  personas: PersonaSummary[];
  revision: number;
  onOpenCustomer: (id: CustomerId) => void;
  /** Called after an edit (a segment saved, renamed or deleted). */
  onChanged: () => void;
  onError: (error: unknown) => void;
}

// The charts (and ECharts with them) load when first shown: the app starts without them.
const FlowsChart = lazy(() => import("./FlowsChart").then((m) => ({ default: m.FlowsChart })));
const SatisfactionChart = lazy(() => import("./SatisfactionChart").then((m) => ({ default: m.SatisfactionChart })));

/** The last `days` days up to today, as ISO dates. */
function lastDays(days: number): { from: string; to: string } {
  const iso = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { from: iso(from), to: iso(to) };
}

const STALLED_AFTER = [14, 30, 60, 90, 180, 365].map((d) => ({ value: d, label: `${d} days` }));

type Tab = "matrix" | "flows" | "satisfaction" | "progression" | "evidence";

const TABS: { id: Tab; label: string }[] = [
  { id: "matrix", label: "Matrix" },
  { id: "flows", label: "Flows" },
  { id: "satisfaction", label: "Success vs satisfaction" },
  { id: "progression", label: "Progression" },
  { id: "evidence", label: "Suggested steps" },
];

interface Exporting {
  query: CustomerQuery;
  count: number;
  subject: string;
}

interface Saving {
  input: SavedSegmentInput;
  description: string;
  renaming?: SegmentId;
}

/** The segment shown below the charts: a matrix cell of one persona, or a quadrant of
 * success vs satisfaction (over the filters in force). */
interface Selection {
  personaId: PersonaId | null;
  cell: CellRef | null;
  quadrant: QuadrantRef | null;
  label: string;
}

const sameCell = (a: CellRef, b: { currentStepId: number | null; targetStepId: number | null }) =>
  (a.currentStepId ?? null) === b.currentStepId && (a.targetStepId ?? null) === b.targetStepId;

export function SegmentsView({ personas, revision, onOpenCustomer, onChanged, onError }: Props) {
  const client = useClient();
  const [filter, setFilter] = useState<SegmentFilter>(NO_FILTER);
  const change = (patch: Partial<SegmentFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const [measure, setMeasure] = useState<Measure>("customers");
  const [tab, setTab] = useState<Tab>("matrix");
  const [basis, setBasis] = useState<ProgressBasis>("map");
  const [scoreMeasure, setScoreMeasure] = useState<SatisfactionMeasure>("nps");
  const [period, setPeriod] = useState(() => lastDays(90));
  const [stalledDays, setStalledDays] = useState(60);
  const [level, setLevel] = useState<KpiLevel>("good");
  const [progressionPersona, setProgressionPersona] = useState<PersonaId | null>(null);
  const shownPersona = filter.personaId ?? progressionPersona ?? personas[0]?.persona.id ?? null;
  const [selection, setSelection] = useState<Selection | null>(null);
  const [sort, setSort] = useState<{ sort: CustomerSort; descending: boolean }>({ sort: "arr", descending: true });
  const [exporting, setExporting] = useState<Exporting | null>(null);
  const [saving, setSaving] = useState<Saving | null>(null);
  const owners = useLoad(() => client.customerOwners(), [client, revision]);
  const saved = useLoad(() => client.listSegments(), [client, revision]);
  const panel = useRef<HTMLElement>(null);
  const selectionKey = selection ? JSON.stringify([selection.personaId, selection.cell, selection.quadrant]) : "";
  // A chosen segment is shown below the matrices: bring it into view.
  useEffect(() => {
    if (selectionKey) panel.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  }, [selectionKey]);
  const matrices = useLoad(() => client.segmentMatrix(filter), [client, revision, filter]);
  const wantsSatisfaction = tab === "satisfaction" || selection?.quadrant != null;
  const satisfaction = useLoad(
    () => (wantsSatisfaction ? client.segmentSatisfaction(filter, basis, scoreMeasure) : Promise.resolve(null)),
    [client, revision, filter, basis, scoreMeasure, wantsSatisfaction],
  );

  const progression = useLoad(
    () =>
      tab === "progression" && shownPersona !== null && period.from <= period.to
        ? client.segmentProgression(filter, shownPersona, period.from, period.to, stalledDays)
        : Promise.resolve(null),
    [client, revision, filter, shownPersona, period, stalledDays, tab],
  );

  const evidence = useLoad(
    () =>
      tab === "evidence" && shownPersona !== null
        ? client.placementSuggestions(shownPersona, level)
        : Promise.resolve(null),
    [client, revision, shownPersona, level, tab],
  );

  // The selected segment's size now (after a filter change or an edit), not when clicked.
  const selectedCount = (() => {
    if (selection?.cell) {
      const cell = selection.cell;
      return (
        (matrices.data ?? []).find((m) => m.personaId === selection.personaId)?.cells.find((c) => sameCell(cell, c))
          ?.customers ?? 0
      );
    }
    if (selection?.quadrant) {
      const q = selection.quadrant.quadrant;
      return satisfaction.data?.quadrants.find((f) => f.quadrant === q)?.customers ?? 0;
    }
    if (selection) {
      return (matrices.data ?? [])
        .filter((m) => selection.personaId === null || m.personaId === selection.personaId)
        .reduce((n, m) => n + m.customers, 0);
    }
    return 0;
  })();
  const query =
    selection &&
    segmentQuery(
      { ...filter, personaId: selection.personaId ?? filter.personaId },
      selection.cell,
      sort,
      selection.quadrant,
    );
  const noop = useCallback(() => {}, []);
  // Customers picked in the segment list for a bulk move; another segment, or other
  // filters, start with none picked (a picked customer must be one the list shows).
  const pickKey = selectionKey + JSON.stringify(filter);
  const [picked, setPicked] = useState(() => ({ key: pickKey, rows: new Map<CustomerId, CustomerRow>() }));
  const pickedRows = picked.key === pickKey ? picked.rows : new Map<CustomerId, CustomerRow>();
  const toggle = useCallback(
    (row: CustomerRow, on: boolean) =>
      setPicked((p) => {
        const rows = new Map(p.key === pickKey ? p.rows : []);
        if (on) rows.set(row.customer.id, row);
        else rows.delete(row.customer.id);
        return { key: pickKey, rows };
      }),
    [pickKey],
  );
  const clearPicked = () => setPicked({ key: pickKey, rows: new Map() });

  const personaName = (id: PersonaId) => personas.find((p) => p.persona.id === id)?.persona.name ?? "Persona";
  const chips = filterChips(filter, personaName);

  function startSaving() {
    const segmentFilter = selection ? { ...filter, personaId: selection.personaId ?? filter.personaId } : filter;
    const what = filterChips(segmentFilter, personaName)
      .filter((c) => !(selection && c.key === "persona"))
      .map((c) => c.label);
    if (selection) what.unshift(selection.label);
    setSaving({
      input: {
        name: "",
        filter: segmentFilter,
        cell: selection?.cell ?? null,
        quadrant: selection?.quadrant ?? null,
      },
      description:
        what.length === 0
          ? "Every customer of every persona. Its size is counted again each time you look."
          : `${what.join(" · ")}. Its size is counted again each time you look.`,
    });
  }

  function open(s: SegmentSummary) {
    setFilter({ ...NO_FILTER, ...s.segment.filter });
    const persona = s.segment.filter.personaId;
    const { cell, quadrant } = s.segment;
    if (quadrant !== null) {
      setBasis(quadrant.basis);
      setScoreMeasure(quadrant.measure);
      setTab("satisfaction");
      setSelection({ personaId: null, cell: null, quadrant, label: describeQuadrant(quadrant) });
    } else if (cell !== null && persona !== null) {
      if (tab === "satisfaction") setTab("matrix");
      setSelection({ personaId: persona, cell, quadrant: null, label: `${s.personaName}: ${s.cellLabel ?? ""}` });
    } else {
      setSelection(null);
    }
  }

  const selectCell = (personaId: PersonaId) => (cell: CellRef, label: string) =>
    setSelection({ personaId, cell, quadrant: null, label });

  function selectQuadrant(q: Quadrant) {
    const ref = { basis, measure: scoreMeasure, quadrant: q };
    setSelection({ personaId: null, cell: null, quadrant: ref, label: describeQuadrant(ref) });
  }

  function showStalled() {
    if (shownPersona === null) return;
    setFilter((f) => ({ ...f, personaId: shownPersona, stalledDays }));
    setSelection({
      personaId: shownPersona,
      cell: null,
      quadrant: null,
      label: `${personaName(shownPersona)}: on their step over ${stalledDays} days`,
    });
  }

  /** The persona a one-persona view shows, when the filters name none. */
  const personaPicker = (testId: string) => (
    <ChoiceSelect
      label="Persona"
      value={shownPersona}
      options={personaOptions(personas)}
      onChange={(p) => p !== null && setProgressionPersona(p)}
      testId={testId}
    />
  );

  /** A quadrant chosen under other axes would no longer match the chart: let it go. */
  function changeAxes(next: { basis?: ProgressBasis; measure?: SatisfactionMeasure }) {
    if (next.basis) setBasis(next.basis);
    if (next.measure) setScoreMeasure(next.measure);
    if (selection?.quadrant) setSelection(null);
  }

  function remove(s: SegmentSummary) {
    client.deleteSegment(s.segment.id).then(onChanged, onError);
  }

  return (
    <section className="view view-segments" aria-labelledby="segments-title">
      <header className="view-header">
        <div>
          <h1 id="segments-title">Segments</h1>
          <p className="view-subtitle">
            Who stands where on each map, and where they aim: rows are the current step, columns the target step.
          </p>
        </div>
        <div className="view-tools">
          <button type="button" className="button" onClick={startSaving} data-testid="save-segment">
            Save segment…
          </button>
          <div className="segmented" role="group" aria-label="Shade cells by">
            {(["customers", "arr"] as const).map((m) => (
              <button
                key={m}
                type="button"
                className="segmented-button"
                aria-pressed={measure === m}
                onClick={() => setMeasure(m)}
                data-testid={`shade-${m}`}
              >
                {m === "customers" ? "Customers" : "ARR"}
              </button>
            ))}
          </div>
        </div>
      </header>

      <div className="filter-bar" role="search" aria-label="Segment filters">
        <ChoiceSelect
          label="Persona"
          value={filter.personaId}
          options={personaOptions(personas)}
          all="All"
          onChange={(personaId) => {
            change({ personaId });
            setSelection(null);
          }}
          testId="segment-persona"
        />
        <OwnerFilter owners={owners.data ?? []} value={filter.owner} onChange={(owner) => change({ owner })} />
        <ArrRangeFilter
          min={filter.minArrCents}
          max={filter.maxArrCents}
          onChange={(minArrCents, maxArrCents) => change({ minArrCents, maxArrCents })}
        />
        <HealthFilter value={filter.healthBand} onChange={(healthBand) => change({ healthBand })} />
        <NpsFilter value={filter.npsBand} onChange={(npsBand) => change({ npsBand })} />
        <RenewalFilter
          value={filter.renewalWithinDays}
          onChange={(renewalWithinDays) => change({ renewalWithinDays })}
        />
        <StalledFilter value={filter.stalledDays} onChange={(stalledDays) => change({ stalledDays })} />
      </div>
      {chips.length > 0 && (
        <div className="active-filters" aria-label="Active filters">
          {chips.map((f) => (
            <button
              key={f.key}
              type="button"
              className="filter-chip"
              onClick={() => {
                setFilter(f.without);
                // A segment of the filters alone (no cell, no quadrant) is named after them.
                if (f.key === "persona" || (selection && !selection.cell && !selection.quadrant)) setSelection(null);
              }}
              aria-label={`Remove filter ${f.label}`}
            >
              {f.label} ×
            </button>
          ))}
          {chips.length > 1 && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setFilter(NO_FILTER);
                if (selection && !selection.cell && !selection.quadrant) setSelection(null);
              }}
            >
              Clear all
            </button>
          )}
        </div>
      )}

      <section className="saved-section" aria-labelledby="saved-title">
        <h2 id="saved-title" className="section-title">
          Saved segments
        </h2>
        <SavedSegments
          segments={saved.data ?? []}
          personaName={personaName}
          onOpen={open}
          onExport={(s) =>
            setExporting({
              query: segmentQuery(s.segment.filter, s.segment.cell, sort, s.segment.quadrant),
              count: s.customers,
              subject: s.segment.name,
            })
          }
          onRename={(s) =>
            setSaving({
              input: {
                name: s.segment.name,
                filter: s.segment.filter,
                cell: s.segment.cell,
                quadrant: s.segment.quadrant,
              },
              description: describeSegment(s, personaName),
              renaming: s.segment.id,
            })
          }
          onDelete={remove}
        />
      </section>

      {personas.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing to segment yet</h2>
          <p>
            Segments group customers by where they stand on a persona's map. Create a persona and bring in customers
            first.
          </p>
        </div>
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label="Segment views">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                className="tab"
                onClick={() => setTab(t.id)}
                data-testid={`tab-${t.id}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          <Suspense fallback={<p className="muted">Loading the chart…</p>}>
            <div className="matrices" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
              {tab === "satisfaction" && (
                <>
                  <div className="filter-bar" role="group" aria-label="Axes">
                    <ChoiceSelect
                      label="Progress"
                      value={basis}
                      options={BASES}
                      onChange={(b) => b && changeAxes({ basis: b })}
                      testId="satisfaction-basis"
                    />
                    <ChoiceSelect
                      label="Satisfaction"
                      value={scoreMeasure}
                      options={MEASURES}
                      onChange={(m) => m && changeAxes({ measure: m })}
                      testId="satisfaction-measure"
                    />
                  </div>
                  {satisfaction.data && (
                    <SatisfactionChart
                      view={satisfaction.data}
                      selected={selection?.quadrant?.quadrant ?? null}
                      onSelect={selectQuadrant}
                    />
                  )}
                </>
              )}
              {tab === "evidence" && (
                <>
                  <div className="filter-bar" role="group" aria-label="Suggested steps settings">
                    {filter.personaId === null && personaPicker("evidence-persona")}
                    <ChoiceSelect
                      label="Reached at"
                      value={level}
                      options={LEVELS}
                      onChange={(l) => l && setLevel(l)}
                      testId="evidence-level"
                    />
                  </div>
                  {evidence.data && (
                    <EvidencePanel
                      view={evidence.data}
                      onAccept={() =>
                        shownPersona === null
                          ? Promise.resolve()
                          : client.acceptSuggestions(shownPersona, level).then(onChanged, onError)
                      }
                    />
                  )}
                </>
              )}
              {tab === "progression" && (
                <>
                  <div className="filter-bar" role="group" aria-label="Progression settings">
                    {filter.personaId === null && personaPicker("progression-persona")}
                    <label className="inline-field">
                      <span>Moves from</span>
                      <input
                        type="date"
                        className="date-input"
                        value={period.from}
                        max={period.to}
                        onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, from: e.target.value }))}
                        data-testid="period-from"
                      />
                    </label>
                    <label className="inline-field">
                      <span>to</span>
                      <input
                        type="date"
                        className="date-input"
                        value={period.to}
                        min={period.from}
                        onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, to: e.target.value }))}
                        data-testid="period-to"
                      />
                    </label>
                    <ChoiceSelect
                      label="Stalled after"
                      value={stalledDays}
                      options={STALLED_AFTER}
                      onChange={(d) => d && setStalledDays(d)}
                      testId="stalled-days"
                    />
                  </div>
                  {period.from > period.to && (
                    <p className="field-error" role="alert">
                      The period ends before it begins.
                    </p>
                  )}
                  {progression.data && <ProgressionTable view={progression.data} onShowStalled={showStalled} />}
                </>
              )}
              {(tab === "matrix" || tab === "flows") &&
                (matrices.data ?? []).map((m) =>
                  tab === "flows" ? (
                    <FlowsChart key={m.personaId} matrix={m} measure={measure} onSelect={selectCell(m.personaId)} />
                  ) : (
                    <Matrix
                      key={m.personaId}
                      matrix={m}
                      measure={measure}
                      selected={selection}
                      onSelect={selectCell(m.personaId)}
                    />
                  ),
                )}
            </div>
          </Suspense>
        </>
      )}

      {selection && query && (
        <section ref={panel} className="segment-panel" aria-labelledby="segment-title" data-testid="segment-panel">
          <header className="segment-panel-head">
            <h2 id="segment-title">
              {selection.label} <span className="muted">· {plural(selectedCount, "customer")}</span>
            </h2>
            <div className="view-tools">
              <button
                type="button"
                className="button"
                onClick={() => query && setExporting({ query, count: selectedCount, subject: selection.label })}
                data-testid="export-segment"
              >
                Export segment…
              </button>
              <button type="button" className="button button-quiet" onClick={() => setSelection(null)}>
                Close
              </button>
            </div>
          </header>
          <BulkBar
            selected={pickedRows}
            revision={revision}
            onPlace={(ids, placement) =>
              client.placeCustomers(ids, placement, "bulk").then(() => {
                clearPicked();
                onChanged();
              }, onError)
            }
            onClear={clearPicked}
          />
          <CustomerList
            query={query}
            revision={revision}
            selected={pickedRows}
            onToggle={toggle}
            open={null}
            onOpen={onOpenCustomer}
            onTotal={noop}
            onSort={(key) => setSort((s) => nextSort(s, key))}
          />
        </section>
      )}
      {exporting && (
        <ExportDialog
          query={exporting.query}
          count={exporting.count}
          filtered
          subject={exporting.subject}
          onClose={() => setExporting(null)}
        />
      )}
      {saving && (
        <SaveSegmentDialog
          input={saving.input}
          description={saving.description}
          renaming={saving.renaming}
          onClose={() => setSaving(null)}
          onSaved={() => {
            setSaving(null);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function Matrix({
  matrix,
  measure,
  selected,
  onSelect,
}: {
  matrix: PersonaMatrix;
  measure: Measure;
  selected: Selection | null;
  onSelect: (cell: CellRef, label: string) => void;
}) {
  const g = grid(matrix);
  const max = g.max(measure);
  const value = (x: { customers: number; arrCents: number }) =>
    measure === "customers" ? x.customers.toLocaleString("en-US") : formatArr(x.arrCents);
  const other = (x: { customers: number; arrCents: number }) =>
    measure === "customers" ? formatArr(x.arrCents) : plural(x.customers, "customer");
  return (
    <figure className="matrix" data-testid="matrix">
      <figcaption>
        <strong>{matrix.personaName}</strong>{" "}
        <span className="muted">
          {plural(matrix.customers, "customer")} · {formatArr(matrix.arrCents)} ARR
        </span>
      </figcaption>
      {matrix.steps.length === 0 ? (
        <p className="muted">This map has no steps yet.</p>
      ) : (
        <div className="matrix-wrap">
          <table className="matrix-table">
            <thead>
              <tr>
                <th scope="col" className="matrix-corner">
                  Current ↓ · Target →
                </th>
                {g.columns.map((c) => (
                  <th key={c.stepId ?? "none"} scope="col">
                    {c.label}
                  </th>
                ))}
                <th scope="col" className="matrix-total">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.stepId ?? "none"}>
                  <th scope="row">{r.label}</th>
                  {g.columns.map((c) => {
                    const cell = g.cell(r.stepId, c.stepId);
                    if (!cell) return <td key={c.stepId ?? "none"} className="matrix-empty" />;
                    const shade = heat(measure === "customers" ? cell.customers : cell.arrCents, max);
                    const isSelected =
                      selected?.personaId === matrix.personaId &&
                      selected.cell?.currentStepId === r.stepId &&
                      selected.cell?.targetStepId === c.stepId;
                    const label = `${matrix.personaName}: ${r.label} → ${c.label}`;
                    return (
                      <td key={c.stepId ?? "none"} className={cell.regression ? "is-regression" : undefined}>
                        <button
                          type="button"
                          className="matrix-cell"
                          style={{ "--heat": shade.toFixed(3) } as React.CSSProperties}
                          aria-pressed={isSelected}
                          aria-label={`${label}: ${plural(cell.customers, "customer")}, ${formatArr(cell.arrCents)} ARR${cell.regression ? ", regression" : ""}`}
                          onClick={() => onSelect({ currentStepId: r.stepId, targetStepId: c.stepId }, label)}
                          data-testid="matrix-cell"
                        >
                          <span className="matrix-value">{value(cell)}</span>
                          <span className="matrix-other">{other(cell)}</span>
                          {cell.regression && <span className="matrix-flag">regression</span>}
                        </button>
                      </td>
                    );
                  })}
                  <td className="matrix-total">{value(g.rowTotal(r.stepId))}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {g.columns.map((c) => (
                  <td key={c.stepId ?? "none"} className="matrix-total">
                    {value(g.columnTotal(c.stepId))}
                  </td>
                ))}
                <td className="matrix-total">{value({ customers: matrix.customers, arrCents: matrix.arrCents })}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </figure>
  );
}
