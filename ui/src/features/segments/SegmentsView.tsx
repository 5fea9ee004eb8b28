// The CS leader's view: for each persona, customers by current step (rows) and target
// step (columns), shaded by count or ARR, with totals and regressions marked. A cell
// opens its segment: the customers in it, sortable, exportable to CSV.
import { useCallback, useEffect, useRef, useState } from "react";
import type {
  CellRef,
  CustomerId,
  CustomerQuery,
  CustomerRow,
  CustomerSort,
  SavedSegmentInput,
  SegmentId,
  SegmentSummary,
  PersonaId,
  PersonaMatrix,
  PersonaSummary,
  SegmentFilter,
} from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { HealthFilter, nextSort, OwnerFilter } from "../customers/filters";
import { formatArr, plural } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { BulkBar } from "../customers/BulkBar";
import { CustomerList } from "../customers/CustomerList";
import { ExportDialog } from "../customers/ExportDialog";
import { grid, heat, type Measure } from "./matrix";
import { FlowsChart } from "./FlowsChart";
import { SaveSegmentDialog } from "./SaveSegmentDialog";
import { describeSegment, SavedSegments } from "./SavedSegments";
import { ArrRangeFilter, NpsFilter, RenewalFilter } from "./SegmentFilters";
import { filterChips, NO_FILTER, segmentQuery } from "./segmentFilter";

interface Props {
  personas: PersonaSummary[];
  revision: number;
  onOpenCustomer: (id: CustomerId) => void;
  /** Called after an edit (a segment saved, renamed or deleted). */
  onChanged: () => void;
  onError: (error: unknown) => void;
}

type Tab = "matrix" | "flows";

const TABS: { id: Tab; label: string }[] = [
  { id: "matrix", label: "Matrix" },
  { id: "flows", label: "Flows" },
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

interface Selection {
  personaId: PersonaId;
  cell: CellRef;
  label: string;
}

export function SegmentsView({ personas, revision, onOpenCustomer, onChanged, onError }: Props) {
  const client = useClient();
  const [filter, setFilter] = useState<SegmentFilter>(NO_FILTER);
  const change = (patch: Partial<SegmentFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const [measure, setMeasure] = useState<Measure>("customers");
  const [tab, setTab] = useState<Tab>("matrix");
  const [selection, setSelection] = useState<Selection | null>(null);
  const [sort, setSort] = useState<{ sort: CustomerSort; descending: boolean }>({ sort: "arr", descending: true });
  const [exporting, setExporting] = useState<Exporting | null>(null);
  const [saving, setSaving] = useState<Saving | null>(null);
  const owners = useLoad(() => client.customerOwners(), [client, revision]);
  const saved = useLoad(() => client.listSegments(), [client, revision]);
  const panel = useRef<HTMLElement>(null);
  const selectionKey = selection ? JSON.stringify(selection.cell) + selection.personaId : "";
  // A chosen segment is shown below the matrices: bring it into view.
  useEffect(() => {
    if (selectionKey) panel.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  }, [selectionKey]);
  const matrices = useLoad(() => client.segmentMatrix(filter), [client, revision, filter]);

  // The selected cell's size now (after a filter change or an edit), not when clicked.
  const selectedCount =
    selection === null
      ? 0
      : ((matrices.data ?? [])
          .find((m) => m.personaId === selection.personaId)
          ?.cells.find(
            (c) =>
              c.currentStepId === (selection.cell.currentStepId ?? null) &&
              c.targetStepId === (selection.cell.targetStepId ?? null),
          )?.customers ?? 0);
  const query = selection && segmentQuery({ ...filter, personaId: selection.personaId }, selection.cell, sort);
  const noop = useCallback(() => {}, []);
  // Customers picked in the segment list for a bulk move; a new segment starts empty.
  const [picked, setPicked] = useState(() => ({ key: selectionKey, rows: new Map<CustomerId, CustomerRow>() }));
  const pickedRows = picked.key === selectionKey ? picked.rows : new Map<CustomerId, CustomerRow>();
  const toggle = useCallback(
    (row: CustomerRow, on: boolean) =>
      setPicked((p) => {
        const rows = new Map(p.key === selectionKey ? p.rows : []);
        if (on) rows.set(row.customer.id, row);
        else rows.delete(row.customer.id);
        return { key: selectionKey, rows };
      }),
    [selectionKey],
  );
  const clearPicked = () => setPicked({ key: selectionKey, rows: new Map() });

  const personaName = (id: PersonaId) => personas.find((p) => p.persona.id === id)?.persona.name ?? "Persona";
  const chips = filterChips(filter, personaName);

  function startSaving() {
    const segmentFilter = selection ? { ...filter, personaId: selection.personaId } : filter;
    const what = filterChips(segmentFilter, personaName)
      .filter((c) => !(selection && c.key === "persona"))
      .map((c) => c.label);
    if (selection) what.unshift(selection.label);
    setSaving({
      input: { name: "", filter: segmentFilter, cell: selection?.cell ?? null },
      description:
        what.length === 0
          ? "Every customer of every persona. Its size is counted again each time you look."
          : `${what.join(" · ")}. Its size is counted again each time you look.`,
    });
  }

  function open(s: SegmentSummary) {
    setFilter({ ...NO_FILTER, ...s.segment.filter });
    const persona = s.segment.filter.personaId;
    setSelection(
      s.segment.cell !== null && persona !== null
        ? { personaId: persona, cell: s.segment.cell, label: `${s.personaName}: ${s.cellLabel ?? ""}` }
        : null,
    );
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
        <label className="inline-field">
          <span>Persona</span>
          <select
            value={filter.personaId ?? ""}
            onChange={(e) => {
              change({ personaId: e.target.value === "" ? null : Number(e.target.value) });
              setSelection(null);
            }}
            data-testid="segment-persona"
          >
            <option value="">All</option>
            {personas.map(({ persona }) => (
              <option key={persona.id} value={persona.id}>
                {persona.name}
              </option>
            ))}
          </select>
        </label>
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
                if (f.key === "persona") setSelection(null);
              }}
              aria-label={`Remove filter ${f.label}`}
            >
              {f.label} ×
            </button>
          ))}
          {chips.length > 1 && (
            <button type="button" className="button button-quiet" onClick={() => setFilter(NO_FILTER)}>
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
              query: segmentQuery(s.segment.filter, s.segment.cell, sort),
              count: s.customers,
              subject: s.segment.name,
            })
          }
          onRename={(s) =>
            setSaving({
              input: { name: s.segment.name, filter: s.segment.filter, cell: s.segment.cell },
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
          <div className="matrices" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {(matrices.data ?? []).map((m) =>
              tab === "flows" ? (
                <FlowsChart
                  key={m.personaId}
                  matrix={m}
                  measure={measure}
                  onSelect={(cell, label) => setSelection({ personaId: m.personaId, cell, label })}
                />
              ) : (
                <Matrix
                  key={m.personaId}
                  matrix={m}
                  measure={measure}
                  selected={selection}
                  onSelect={(cell, label) => setSelection({ personaId: m.personaId, cell, label })}
                />
              ),
            )}
          </div>
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
                      selected.cell.currentStepId === r.stepId &&
                      selected.cell.targetStepId === c.stepId;
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
