// The CS leader's view: for each persona, customers by current step (rows) and target
// step (columns), shaded by count or ARR, with totals and regressions marked. A cell
// opens its segment: the customers in it, sortable, exportable to CSV.
import { useCallback, useEffect, useRef, useState } from "react";
import type {
  CellRef,
  CustomerId,
  CustomerRow,
  CustomerSort,
  PersonaId,
  PersonaMatrix,
  PersonaSummary,
  SegmentFilter,
} from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { HealthFilter, nextSort, OwnerFilter } from "../customers/filters";
import { formatArr, plural } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { CustomerList } from "../customers/CustomerList";
import { ExportDialog } from "../customers/ExportDialog";
import { grid, heat, type Measure } from "./matrix";
import { ArrRangeFilter, NpsFilter, RenewalFilter } from "./SegmentFilters";
import { filterChips, NO_FILTER, segmentQuery } from "./segmentFilter";

interface Props {
  personas: PersonaSummary[];
  revision: number;
  onOpenCustomer: (id: CustomerId) => void;
}

interface Selection {
  personaId: PersonaId;
  cell: CellRef;
  label: string;
}

export function SegmentsView({ personas, revision, onOpenCustomer }: Props) {
  const client = useClient();
  const [filter, setFilter] = useState<SegmentFilter>(NO_FILTER);
  const change = (patch: Partial<SegmentFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const [measure, setMeasure] = useState<Measure>("customers");
  const [selection, setSelection] = useState<Selection | null>(null);
  const [sort, setSort] = useState<{ sort: CustomerSort; descending: boolean }>({ sort: "arr", descending: true });
  const [exporting, setExporting] = useState(false);
  const owners = useLoad(() => client.customerOwners(), [client, revision]);
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
  const none = new Map<CustomerId, CustomerRow>();

  const chips = filterChips(
    filter,
    (id: PersonaId) => personas.find((p) => p.persona.id === id)?.persona.name ?? "Persona",
  );

  return (
    <section className="view view-segments" aria-labelledby="segments-title">
      <header className="view-header">
        <div>
          <h1 id="segments-title">Segments</h1>
          <p className="view-subtitle">
            Who stands where on each map, and where they aim: rows are the current step, columns the target step.
          </p>
        </div>
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

      {personas.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing to segment yet</h2>
          <p>
            Segments group customers by where they stand on a persona's map. Create a persona and bring in customers
            first.
          </p>
        </div>
      ) : (
        <div className="matrices">
          {(matrices.data ?? []).map((m) => (
            <Matrix
              key={m.personaId}
              matrix={m}
              measure={measure}
              selected={selection}
              onSelect={(cell, label) => setSelection({ personaId: m.personaId, cell, label })}
            />
          ))}
        </div>
      )}

      {selection && query && (
        <section ref={panel} className="segment-panel" aria-labelledby="segment-title" data-testid="segment-panel">
          <header className="segment-panel-head">
            <h2 id="segment-title">
              {selection.label} <span className="muted">· {plural(selectedCount, "customer")}</span>
            </h2>
            <div className="view-tools">
              <button type="button" className="button" onClick={() => setExporting(true)} data-testid="export-segment">
                Export segment…
              </button>
              <button type="button" className="button button-quiet" onClick={() => setSelection(null)}>
                Close
              </button>
            </div>
          </header>
          <CustomerList
            query={query}
            revision={revision}
            selected={none}
            onToggle={noop}
            open={null}
            onOpen={onOpenCustomer}
            onTotal={noop}
            onSort={(key) => setSort((s) => nextSort(s, key))}
          />
        </section>
      )}
      {exporting && query && selection && (
        <ExportDialog query={query} count={selectedCount} filtered onClose={() => setExporting(false)} />
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
