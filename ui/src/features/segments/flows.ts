// A persona's flows from the current step (left) to the target step (right), built
// from its matrix cells: one node per step on each side (and "Not placed" / "No target"
// when customers are there), one link per non-empty cell.
import type { CellRef, PersonaMatrix } from "../../ipc/client";
import { formatArr, plural } from "../../lib/format";
import type { Measure } from "./matrix";

export type FlowKind = "forward" | "stay" | "regression" | "none";

export interface FlowNode {
  id: string;
  label: string;
  side: "now" | "aim";
}

export interface FlowLink {
  source: string;
  target: string;
  value: number;
  customers: number;
  arrCents: number;
  kind: FlowKind;
  cell: CellRef;
  /** "1. Pilot → 2. Scale" */
  route: string;
  /** "1. Pilot → 2. Scale: 12 customers, $120K ARR" */
  description: string;
}

export interface Flows {
  nodes: FlowNode[];
  links: FlowLink[];
}

const nodeId = (side: "now" | "aim", step: number | null) => `${side}:${step ?? "none"}`;

export function flows(m: PersonaMatrix, measure: Measure): Flows {
  const position = new Map(m.steps.map((s) => [s.id, s.position]));
  const title = new Map(m.steps.map((s) => [s.id, `${s.position + 1}. ${s.title}`]));
  const used = new Set<string>();
  const links: FlowLink[] = [];
  for (const c of m.cells) {
    const from = nodeId("now", c.currentStepId);
    const to = nodeId("aim", c.targetStepId);
    used.add(from);
    used.add(to);
    const now = c.currentStepId === null ? "Not placed" : (title.get(c.currentStepId) ?? "?");
    const aim = c.targetStepId === null ? "No target" : (title.get(c.targetStepId) ?? "?");
    const a = c.currentStepId === null ? -1 : (position.get(c.currentStepId) ?? -1);
    const b = c.targetStepId === null ? null : (position.get(c.targetStepId) ?? null);
    const kind: FlowKind = b === null ? "none" : c.regression ? "regression" : a === b ? "stay" : "forward";
    links.push({
      source: from,
      target: to,
      // A link must have some width to be seen and hovered: customers without ARR count as 0.
      value: Math.max(measure === "customers" ? c.customers : c.arrCents, 0),
      customers: c.customers,
      arrCents: c.arrCents,
      kind,
      cell: { currentStepId: c.currentStepId, targetStepId: c.targetStepId },
      route: `${now} → ${aim}`,
      description: `${now} → ${aim}: ${plural(c.customers, "customer")}, ${formatArr(c.arrCents)} ARR${
        kind === "regression" ? " (target before the current step)" : ""
      }`,
    });
  }
  const nodes: FlowNode[] = [];
  for (const side of ["now", "aim"] as const) {
    for (const s of m.steps) {
      const id = nodeId(side, s.id);
      if (used.has(id)) nodes.push({ id, label: title.get(s.id) ?? "", side });
    }
    const none = nodeId(side, null);
    if (used.has(none)) nodes.push({ id: none, label: side === "now" ? "Not placed" : "No target", side });
  }
  return { nodes, links: links.filter((l) => l.value > 0) };
}

/** Text for HTML tooltips: ECharts writes tooltips as HTML, names come from users. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
