// How a comparison of two map versions is laid out on the map: the newer map's steps in
// order, with the steps only the older one had put back where they stood (struck
// through), and on each step what was added, removed or changed, with the old values.
import type { ContentKpi, ContentStep, MapChange, MapComparison, MapContent } from "../../../ipc/client";

export type Mark = "added" | "removed" | "changed" | null;

export interface ShownKpi {
  kpi: ContentKpi;
  mark: Mark;
  /** What changed, with old values ("good level: 50 → 60"). */
  was: string[];
}

export interface ShownVehicle {
  name: string;
  mark: Mark;
}

export interface ShownStep {
  key: string;
  step: ContentStep;
  mark: Mark;
  /** The title before a rename. */
  oldTitle: string | null;
  /** The position before a move (1-based), when the step moved. */
  oldPosition: string | null;
  /** The outcome before it changed. */
  oldOutcome: string | null;
  kpis: ShownKpi[];
  vehicles: ShownVehicle[];
  moveVehicles: ShownVehicle[];
}

/** A plain map (a version's preview): every step unmarked. */
export function plainSteps(content: MapContent): ShownStep[] {
  return content.steps.map((step, i) => ({
    key: step.id !== undefined ? `s${step.id}` : `i${i}`,
    step,
    mark: null,
    oldTitle: null,
    oldPosition: null,
    oldOutcome: null,
    kpis: step.kpis.map((kpi) => ({ kpi, mark: null, was: [] })),
    vehicles: step.vehicles.map((name) => ({ name, mark: null })),
    moveVehicles: step.moveVehicles.map((name) => ({ name, mark: null })),
  }));
}

export function comparedSteps(comparison: MapComparison): ShownStep[] {
  const { from, to, changes } = comparison;
  const newIds = new Set(to.steps.flatMap((s) => (s.id !== undefined ? [s.id] : [])));
  const onStep = (id: number | undefined) => changes.filter((c) => c.stepId === (id ?? null));
  const shown: ShownStep[] = to.steps.map((step) => {
    const old = from.steps.find((s) => s.id !== undefined && s.id === step.id);
    const mine = onStep(step.id);
    return shownStep(step, old ?? null, mine);
  });
  // Removed steps go back after the step that preceded them in the older map.
  from.steps.forEach((step, index) => {
    if (step.id !== undefined && newIds.has(step.id)) return;
    const [plain] = plainSteps({ steps: [step], vehicles: [] });
    if (!plain) return;
    const removed: ShownStep = { ...plain, key: `r${step.id ?? index}`, mark: "removed" };
    let at = 0;
    for (const before of from.steps.slice(0, index).reverse()) {
      const found = shown.findIndex((s) => s.mark !== "removed" && s.step.id === before.id);
      if (found >= 0) {
        at = found + 1;
        break;
      }
    }
    while (shown[at]?.mark === "removed") at++;
    shown.splice(at, 0, removed);
  });
  return shown;
}

function shownStep(step: ContentStep, old: ContentStep | null, changes: MapChange[]): ShownStep {
  const of = (kind: MapChange["kind"]) => changes.find((c) => c.kind === kind) ?? null;
  const renamed = of("step_renamed");
  const moved = of("step_moved");
  const outcome = of("outcome_changed");
  const kpis: ShownKpi[] = step.kpis.map((kpi) => {
    const before = old?.kpis.find((k) => k.id !== undefined && k.id === kpi.id);
    if (!before) return { kpi, mark: old ? "added" : null, was: [] };
    const was = changes
      .filter((c) => c.kind === "kpi_changed" && c.subject?.startsWith(`${kpi.name} · `))
      .map((c) => `${c.subject?.slice(kpi.name.length + 3)}: ${c.old ?? ""} → ${c.new ?? ""}`);
    return { kpi, mark: was.length > 0 ? "changed" : null, was };
  });
  const removedKpis: ShownKpi[] = (old?.kpis ?? [])
    .filter((k) => !step.kpis.some((n) => n.id !== undefined && n.id === k.id))
    .map((kpi) => ({ kpi, mark: "removed", was: [] }));
  const stepMarked = old === null ? "added" : null;
  const list = (now: string[], before: string[] | null): ShownVehicle[] => {
    const lower = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));
    const was = lower(before ?? now);
    const is = lower(now);
    return [
      ...now.map((name) => ({ name, mark: (before && !was.has(name.toLowerCase()) ? "added" : null) as Mark })),
      ...(before ?? []).filter((n) => !is.has(n.toLowerCase())).map((name) => ({ name, mark: "removed" as Mark })),
    ];
  };
  const anyChange = changes.length > 0;
  return {
    key: step.id !== undefined ? `s${step.id}` : `n${step.title}`,
    step,
    mark: stepMarked ?? (anyChange ? "changed" : null),
    oldTitle: renamed?.old ?? null,
    oldPosition: moved?.old ?? null,
    oldOutcome: outcome ? (outcome.old ?? "") : null,
    kpis: [...kpis, ...removedKpis],
    vehicles: list(step.vehicles, old ? old.vehicles : null),
    moveVehicles: list(step.moveVehicles, old ? old.moveVehicles : null),
  };
}

/** Counts for the summary line: "3 added, 1 removed, 5 changed". */
export function changeSummary(changes: MapChange[]): string {
  if (changes.length === 0) return "No changes";
  const added = changes.filter((c) => c.kind.endsWith("added") || c.kind === "vehicle_attached").length;
  const removed = changes.filter((c) => c.kind.endsWith("removed") || c.kind === "vehicle_detached").length;
  const changed = changes.length - added - removed;
  return [
    added > 0 ? `${added} added` : null,
    removed > 0 ? `${removed} removed` : null,
    changed > 0 ? `${changed} changed` : null,
  ]
    .filter((p) => p !== null)
    .join(", ");
}
