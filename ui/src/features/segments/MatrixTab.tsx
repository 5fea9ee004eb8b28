// The CS leader's view: for each persona, customers by current step (rows) and target
// step (columns), shaded by count or ARR, with totals and regressions marked. A cell
// opens its segment.
import type { CSSProperties } from "react";
import type { PersonaMatrix, SegmentFilter } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { formatArr, plural } from "../../lib/format";
import { inFlight, useLoad } from "../../lib/useLoad";
import { grid, heat, type Measure } from "./matrix";
import { TabPanel } from "./TabPanel";
import type { Selection } from "./useSegmentSelection";

interface Props {
  filter: SegmentFilter;
  revision: number;
  measure: Measure;
  selected: Selection | null;
  onSelect: (selection: Selection) => void;
}

export function MatrixTab({ filter, revision, measure, selected, onSelect }: Props) {
  const client = useClient();
  const matrices = useLoad(() => client.segmentMatrix(filter), [client, revision, filter]);
  return (
    <TabPanel tab="matrix" busy={inFlight(matrices)}>
      {(matrices.data ?? []).map((m) => (
        <Matrix key={m.personaId} matrix={m} measure={measure} selected={selected} onSelect={onSelect} />
      ))}
    </TabPanel>
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
  onSelect: (selection: Selection) => void;
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
                          style={{ "--heat": shade.toFixed(3) } as CSSProperties}
                          aria-pressed={isSelected}
                          aria-label={`${label}: ${plural(cell.customers, "customer")}, ${formatArr(cell.arrCents)} ARR${cell.regression ? ", regression" : ""}`}
                          onClick={() =>
                            onSelect({
                              personaId: matrix.personaId,
                              cell: { currentStepId: r.stepId, targetStepId: c.stepId },
                              quadrant: null,
                              label,
                              count: cell.customers,
                            })
                          }
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
