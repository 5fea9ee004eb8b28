// The KPI form's pure logic: typed text to a KpiInput, with a message per field.
// The backend applies the same rules again; its field errors land in the same places.
import type { Kpi, KpiInput } from "../../ipc/client";
import { parseLevel } from "../../lib/parseLevel";

export type KpiDirection = KpiInput["direction"];
export type KpiKind = KpiInput["kind"];

export interface KpiDraft {
  name: string;
  unit: string;
  direction: KpiDirection;
  kind: KpiKind;
  entryLevel: string;
  goodLevel: string;
  bestLevel: string;
}

export type KpiField = keyof KpiDraft;
export type KpiErrors = Partial<Record<KpiField, string>>;

export function emptyKpiDraft(): KpiDraft {
  return {
    name: "",
    unit: "",
    direction: "higher_is_better",
    kind: "success",
    entryLevel: "",
    goodLevel: "",
    bestLevel: "",
  };
}

export function draftFromKpi(k: Kpi): KpiDraft {
  return {
    name: k.name,
    unit: k.unit,
    direction: k.direction,
    kind: k.kind,
    entryLevel: String(k.entryLevel),
    goodLevel: String(k.goodLevel),
    bestLevel: String(k.bestLevel),
  };
}

const LEVELS: { field: "entryLevel" | "goodLevel" | "bestLevel"; label: string }[] = [
  { field: "entryLevel", label: "Entry level" },
  { field: "goodLevel", label: "Good" },
  { field: "bestLevel", label: "Best in class" },
];

export function parseKpiDraft(draft: KpiDraft): { input: KpiInput; errors: null } | { input: null; errors: KpiErrors } {
  const errors: KpiErrors = {};
  const name = draft.name.trim();
  if (name === "") errors.name = "Give the KPI a name.";
  else if ([...name].length > 120) errors.name = "Keep the name under 120 characters.";
  if ([...draft.unit.trim()].length > 24) errors.unit = "Keep the unit under 24 characters.";

  const values: number[] = [];
  for (const { field, label } of LEVELS) {
    const value = parseLevel(draft[field]);
    if (Number.isNaN(value)) errors[field] = `${label} must be a number.`;
    values.push(value);
  }
  const [entry = Number.NaN, good = Number.NaN, best = Number.NaN] = values;
  if (!errors.entryLevel && !errors.goodLevel && !errors.bestLevel) {
    const higher = draft.direction === "higher_is_better";
    const word = higher ? "below" : "above";
    const wrong = (a: number, b: number) => (higher ? a < b : a > b);
    if (wrong(good, entry))
      errors.goodLevel = `When ${higher ? "higher" : "lower"} is better, good cannot be ${word} entry level.`;
    else if (wrong(best, good))
      errors.bestLevel = `When ${higher ? "higher" : "lower"} is better, best in class cannot be ${word} good.`;
  }

  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    errors: null,
    input: {
      name,
      unit: draft.unit.trim(),
      direction: draft.direction,
      kind: draft.kind,
      entryLevel: entry,
      goodLevel: good,
      bestLevel: best,
    },
  };
}

const FIELDS: readonly KpiField[] = ["name", "unit", "direction", "kind", "entryLevel", "goodLevel", "bestLevel"];

export function kpiFieldOf(backendField: string | null): KpiField | null {
  return FIELDS.find((f) => f === backendField) ?? null;
}
