// Words of the import wizard: field names, the detected format, report summaries.
import type { ImportField, ImportPreview, ImportReport } from "../../ipc/client";
import { plural } from "../../lib/format";

export const FIELDS: { value: ImportField; label: string }[] = [
  { value: "external_id", label: "External id" },
  { value: "name", label: "Name" },
  { value: "persona", label: "Persona" },
  { value: "current_step", label: "Current step" },
  { value: "target_step", label: "Target step" },
  { value: "arr", label: "ARR" },
  { value: "health", label: "Health" },
  { value: "nps", label: "NPS" },
  { value: "csat", label: "CSAT" },
  { value: "owner", label: "Owner" },
  { value: "renewal_date", label: "Renewal date" },
  { value: "notes", label: "Notes" },
];

/** "CSV · UTF-8 with BOM · semicolon-separated" or "XLSX (first worksheet)". */
export function describeFile(p: ImportPreview): string {
  if (p.format === "xlsx") return "XLSX (first worksheet)";
  return `CSV · ${p.encoding} · ${p.delimiter}-separated`;
}

/** Sets `field` on column `index`, taking it away from any other column. */
export function assign(
  mapping: (ImportField | null)[],
  index: number,
  field: ImportField | null,
): (ImportField | null)[] {
  return mapping.map((f, i) => (i === index ? field : field !== null && f === field ? null : f));
}

/** What is missing before rows can be checked, or null. */
export function mappingProblem(mapping: (ImportField | null)[], hasDefaultPersona: boolean): string | null {
  if (!mapping.includes("name")) return "Choose the column that holds the customer name.";
  if (!mapping.includes("persona") && !hasDefaultPersona)
    return "Choose the column that holds the persona, or one persona for all rows.";
  return null;
}

export function reportSummary(r: ImportReport): string {
  const parts = [`${plural(r.rows, "row")} read`, `${r.validRows.toLocaleString("en-US")} valid`];
  if (r.rejectedRows > 0) parts.push(`${r.rejectedRows.toLocaleString("en-US")} with problems`);
  return parts.join(" · ");
}

export function resultSummary(r: ImportReport): string {
  const parts = [`${plural(r.newCustomers, "new customer")}`];
  if (r.matchedCustomers > 0) parts.push(`${r.updatedCustomers.toLocaleString("en-US")} updated`);
  if (r.unchangedCustomers > 0) parts.push(`${r.unchangedCustomers.toLocaleString("en-US")} unchanged`);
  if (r.rejectedRows > 0) parts.push(`${plural(r.rejectedRows, "row")} left out`);
  return parts.join(", ");
}
