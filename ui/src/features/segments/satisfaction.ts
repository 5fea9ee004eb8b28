// Success vs satisfaction: where each quadrant sits on the chart, and the words for the
// axes. The quadrants' names come from the core (QUADRANT_NAMES), which counts by them.
import { QUADRANT_NAMES, type ProgressBasis, type Quadrant, type SatisfactionMeasure } from "../../ipc/client";

export interface QuadrantInfo {
  id: Quadrant;
  label: string;
  /** Grid place in the 2 × 2 summary, matching the chart: satisfied on top, successful right. */
  row: 1 | 2;
  column: 1 | 2;
}

export const QUADRANTS: QuadrantInfo[] = [
  { id: "successful_satisfied", label: QUADRANT_NAMES.successful_satisfied, row: 1, column: 2 },
  { id: "successful_not_satisfied", label: QUADRANT_NAMES.successful_not_satisfied, row: 2, column: 2 },
  { id: "satisfied_not_successful", label: QUADRANT_NAMES.satisfied_not_successful, row: 1, column: 1 },
  { id: "neither", label: QUADRANT_NAMES.neither, row: 2, column: 1 },
];

export const quadrantName = (q: Quadrant): string => QUADRANT_NAMES[q];

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

/** Point area grows with the customers it stands for: radius by square root, 6–34 px. */
export function pointSize(customers: number, largest: number): number {
  if (largest <= 0) return 6;
  return 6 + 28 * Math.sqrt(customers / largest);
}

/** "38%" of a total; "0%" when there is nothing. */
export function share(part: number, total: number): string {
  return total <= 0 ? "0%" : `${Math.round((part / total) * 100)}%`;
}
