// How well a map's moves are covered by success vehicles, and where it warns.
import type { MapDetail, StepView } from "../../ipc/client";

export interface Coverage {
  covered: number;
  total: number;
}

/** Moves between consecutive steps that have at least one vehicle. */
export function moveCoverage(map: MapDetail): Coverage {
  return {
    covered: map.moves.filter((m) => m.vehicles.length > 0).length,
    total: map.moves.length,
  };
}

/** A step whose only KPIs measure satisfaction is not measuring success. */
export function onlySatisfactionKpis(step: StepView): boolean {
  return step.kpis.length > 0 && step.kpis.every((k) => k.kind === "satisfaction");
}
