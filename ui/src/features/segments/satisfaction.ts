// Success vs satisfaction: the quadrants' names, where each sits on the chart, and the
// words for the axes. The counting itself happens in the backend.
import type { ProgressBasis, Quadrant, QuadrantRef, SatisfactionMeasure } from "../../ipc/client";

export interface QuadrantInfo {
  id: Quadrant;
  label: string;
  /** Grid place in the 2 × 2 summary, matching the chart: satisfied on top, successful right. */
  row: 1 | 2;
  column: 1 | 2;
}

export const QUADRANTS: QuadrantInfo[] = [
  { id: "successful_satisfied", label: "Successful and satisfied", row: 1, column: 2 },
  { id: "successful_not_satisfied", label: "Successful, not satisfied", row: 2, column: 2 },
  { id: "satisfied_not_successful", label: "Satisfied, not successful", row: 1, column: 1 },
  { id: "neither", label: "Neither", row: 2, column: 1 },
];

export const quadrantName = (q: Quadrant) => QUADRANTS.find((x) => x.id === q)?.label ?? q;

// The thresholds, the scales and the rules in words come with each SatisfactionView
// from the backend, which counts by them; only names for the pickers live here.
export const MEASURES: { value: SatisfactionMeasure; label: string }[] = [
  { value: "nps", label: "NPS" },
  { value: "csat", label: "CSAT" },
];

export const BASES: { value: ProgressBasis; label: string; axis: string }[] = [
  { value: "map", label: "Along the map", axis: "Progress along the map" },
  { value: "target", label: "Towards the target", axis: "Progress towards the target step" },
];

const [NPS] = MEASURES as [(typeof MEASURES)[number]];
const [ALONG_MAP] = BASES as [(typeof BASES)[number]];
export const measureInfo = (m: SatisfactionMeasure) => MEASURES.find((x) => x.value === m) ?? NPS;
export const basisInfo = (b: ProgressBasis) => BASES.find((x) => x.value === b) ?? ALONG_MAP;

/** "Satisfied, not successful (NPS; progress along the map)": as saved segments name it. */
export function describeQuadrant(q: QuadrantRef): string {
  const which = q.quadrant === "neither" ? "Neither successful nor satisfied" : quadrantName(q.quadrant);
  const basis = q.basis === "map" ? "progress along the map" : "progress to the target";
  return `${which} (${measureInfo(q.measure).label}; ${basis})`;
}

/** Point area grows with the customers it stands for: radius by square root, 6–34 px. */
export function pointSize(customers: number, largest: number): number {
  if (largest <= 0) return 6;
  return 6 + 28 * Math.sqrt(customers / largest);
}

/** "38%" of a total; "0%" when there is nothing. */
export function share(part: number, total: number): string {
  return total <= 0 ? "0%" : `${Math.round((part / total) * 100)}%`;
}
