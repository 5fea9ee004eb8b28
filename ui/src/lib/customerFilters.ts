// Pure helpers for the customer filters shared by the Customers and Segments views, and
// the sort toggle of the customer list's column headers.
import type { CustomerSort, HealthBand, PersonaSummary } from "../ipc/client";

export const BANDS: { value: HealthBand; label: string }[] = [
  { value: "at_risk", label: "At risk (0–39)" },
  { value: "watch", label: "Watch (40–69)" },
  { value: "healthy", label: "Healthy (70–100)" },
  { value: "unknown", label: "No health score" },
];

export const bandLabel = (band: HealthBand) => BANDS.find((b) => b.value === band)?.label ?? band;

/** The CSS class that colours a health score by its band. */
export function healthClass(health: number | null): string {
  if (health === null) return "health-unknown";
  if (health < 40) return "health-risk";
  if (health < 70) return "health-watch";
  return "health-good";
}

/** The personas as select options. */
export const personaOptions = (personas: PersonaSummary[]) =>
  personas.map(({ persona }) => ({ value: persona.id, label: persona.name }));

/** A column header pressed: the same column flips its direction; a new one starts with the
 * largest first for figures (ARR, health) and A–Z for the rest. */
export function nextSort(
  current: { sort: CustomerSort; descending: boolean },
  key: CustomerSort,
): { sort: CustomerSort; descending: boolean } {
  return {
    sort: key,
    descending: current.sort === key ? !current.descending : key === "arr" || key === "health",
  };
}
