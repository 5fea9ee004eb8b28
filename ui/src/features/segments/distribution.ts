// Where a persona's customers stand on its map: per step, how many are there, how
// much ARR they carry, and how many aim at it.
import type { MapView } from "../../ipc/client";

export interface StepShare {
  stepId: number;
  title: string;
  count: number;
  arrCents: number;
  targets: number;
  /** Share of the persona's placed customers on this step, 0–1. */
  share: number;
}

export function distribution(map: MapView): StepShare[] {
  const placed = map.steps.reduce((sum, s) => sum + s.customerCount, 0);
  return map.steps.map((s) => ({
    stepId: s.step.id,
    title: s.step.title,
    count: s.customerCount,
    arrCents: s.arrCents,
    targets: s.targetCount,
    share: placed === 0 ? 0 : s.customerCount / placed,
  }));
}
