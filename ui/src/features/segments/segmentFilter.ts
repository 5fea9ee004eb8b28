// The filters over the Segments view as one value: what the matrix counts by, what a
// segment's list and export use, and what a saved segment keeps.
import type {
  CellRef,
  CustomerQuery,
  CustomerSort,
  NpsBand,
  PersonaId,
  QuadrantRef,
  SegmentFilter,
} from "../../ipc/client";
import { bandLabel } from "../../lib/customerFilters";
import { formatArr } from "../../lib/format";

export const NO_FILTER: SegmentFilter = {
  personaId: null,
  owner: null,
  minArrCents: null,
  maxArrCents: null,
  healthBand: null,
  npsBand: null,
  renewalWithinDays: null,
  stalledDays: null,
};

export const NPS_BANDS: { value: NpsBand; label: string }[] = [
  { value: "negative", label: "Negative NPS (below 0)" },
  { value: "neutral", label: "NPS 0–29" },
  { value: "positive", label: "NPS 30 and above" },
  { value: "unknown", label: "No NPS" },
];

export const npsLabel = (band: NpsBand) => NPS_BANDS.find((b) => b.value === band)?.label ?? band;

/** The customers of a segment (the filter, and the cell when one is chosen), in `sort` order. */
export function segmentQuery(
  filter: SegmentFilter,
  cell: CellRef | null,
  sort: { sort: CustomerSort; descending: boolean },
  quadrant: QuadrantRef | null = null,
): CustomerQuery {
  return { search: "", currentStepId: null, ...filter, cell, quadrant, sort: sort.sort, descending: sort.descending };
}

/** Money typed in whole currency units ("25000", "25,000", "12.5") as cents; empty: no bound. */
export function parseMoney(text: string): { cents: number | null; error?: string } {
  const t = text.trim().replace(/[,\s]/g, "").replace(/^\$/, "");
  if (t === "") return { cents: null };
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return { cents: null, error: "Enter an amount such as 25000" };
  const cents = Math.round(Number(t) * 100);
  if (!Number.isSafeInteger(cents)) return { cents: null, error: "That amount is too large" };
  return { cents };
}

/** Whole days from 1 to 3650 ("renews within N days"); empty: any renewal date. */
export function parseDays(text: string): { days: number | null; error?: string } {
  const t = text.trim();
  if (t === "") return { days: null };
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 3650) {
    return { days: null, error: "Enter a number of days from 1 to 3650" };
  }
  return { days: Number(t) };
}

export interface FilterChip {
  key: string;
  label: string;
  /** The filter without this one. */
  without: SegmentFilter;
}

/** One chip per active filter, each naming what it keeps and how to clear it. */
export function filterChips(filter: SegmentFilter, personaName: (id: PersonaId) => string): FilterChip[] {
  const chips: FilterChip[] = [];
  const f = { ...NO_FILTER, ...filter };
  if (f.personaId !== null) {
    chips.push({ key: "persona", label: personaName(f.personaId), without: { ...f, personaId: null } });
  }
  if (f.owner !== null) {
    chips.push({ key: "owner", label: f.owner === "" ? "No owner" : f.owner, without: { ...f, owner: null } });
  }
  if (f.minArrCents !== null || f.maxArrCents !== null) {
    const lo = f.minArrCents !== null ? formatArr(f.minArrCents) : null;
    const hi = f.maxArrCents !== null ? formatArr(f.maxArrCents) : null;
    const label = lo && hi ? `ARR ${lo}–${hi}` : lo ? `ARR ≥ ${lo}` : `ARR ≤ ${hi}`;
    chips.push({ key: "arr", label, without: { ...f, minArrCents: null, maxArrCents: null } });
  }
  if (f.healthBand !== null) {
    chips.push({ key: "health", label: bandLabel(f.healthBand), without: { ...f, healthBand: null } });
  }
  if (f.npsBand !== null) {
    chips.push({ key: "nps", label: npsLabel(f.npsBand), without: { ...f, npsBand: null } });
  }
  if (f.renewalWithinDays !== null) {
    chips.push({
      key: "renewal",
      label: `Renews within ${f.renewalWithinDays} ${f.renewalWithinDays === 1 ? "day" : "days"}`,
      without: { ...f, renewalWithinDays: null },
    });
  }
  if (f.stalledDays !== null) {
    chips.push({
      key: "stalled",
      label: `On their step over ${f.stalledDays} ${f.stalledDays === 1 ? "day" : "days"}`,
      without: { ...f, stalledDays: null },
    });
  }
  return chips;
}
