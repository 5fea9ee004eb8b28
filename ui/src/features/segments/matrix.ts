// The current × target grid of a persona's matrix: rows are current steps (then "not
// placed"), columns target steps (then "no target"); totals; heat shading.
import type { MatrixCell, PersonaMatrix, StepId } from "../../ipc/client";

export type Measure = "customers" | "arr";

export interface Axis {
  /** null: "not placed" (rows) or "no target" (columns). */
  stepId: StepId | null;
  label: string;
}

export interface Grid {
  rows: Axis[];
  columns: Axis[];
  cell: (row: StepId | null, column: StepId | null) => MatrixCell | null;
  rowTotal: (row: StepId | null) => { customers: number; arrCents: number };
  columnTotal: (column: StepId | null) => { customers: number; arrCents: number };
  /** The largest value of any cell for the measure, for shading. */
  max: (measure: Measure) => number;
}

const sum = (cells: MatrixCell[]) => ({
  customers: cells.reduce((n, c) => n + c.customers, 0),
  arrCents: cells.reduce((n, c) => n + c.arrCents, 0),
});

export function grid(m: PersonaMatrix): Grid {
  const steps: Axis[] = m.steps.map((s) => ({ stepId: s.id, label: `${s.position + 1}. ${s.title}` }));
  const hasUnplaced = m.cells.some((c) => c.currentStepId === null);
  const hasUntargeted = m.cells.some((c) => c.targetStepId === null);
  const rows = hasUnplaced ? [...steps, { stepId: null, label: "Not placed" }] : steps;
  const columns = hasUntargeted ? [...steps, { stepId: null, label: "No target" }] : steps;
  const key = (r: StepId | null, c: StepId | null) => `${r ?? "-"}:${c ?? "-"}`;
  const byKey = new Map(m.cells.map((c) => [key(c.currentStepId, c.targetStepId), c]));
  return {
    rows,
    columns,
    cell: (r, c) => byKey.get(key(r, c)) ?? null,
    rowTotal: (r) => sum(m.cells.filter((c) => c.currentStepId === r)),
    columnTotal: (c) => sum(m.cells.filter((x) => x.targetStepId === c)),
    max: (measure) => Math.max(0, ...m.cells.map((c) => (measure === "customers" ? c.customers : c.arrCents))),
  };
}

/** Heat from 0 (empty) to 1 (the largest cell); the square root keeps small cells visible. */
export function heat(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.sqrt(value / max);
}
