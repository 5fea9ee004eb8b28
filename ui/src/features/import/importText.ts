// Words of the import wizard: field names, the detected format, report summaries.
import type { HistoryReport, ImportField, ImportPreview, ImportReport, StageMatch } from "../../ipc/client";
import { plural } from "../../lib/format";

/** "CSV · UTF-8 with BOM · semicolon-separated" or "XLSX (first worksheet)". */
export function describeFile(p: ImportPreview): string {
  if (p.format === "xlsx") return "XLSX (first worksheet)";
  const sep = p.sepLine ? ` (as its "sep=" line says)` : "";
  return `CSV · ${p.encoding} · ${p.delimiter}-separated${sep}`;
}

/** The notes on columns more than one could fill, while the proposed choice stands. */
export function ambiguityNotes(p: ImportPreview, mapping: (ImportField | null)[]): string[] {
  return p.ambiguities.filter((a) => mapping[a.chosen] === a.field).map((a) => a.message);
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

/** "120 rows read · 80 valid · 2 with problems · 38 left out". */
export function historySummary(r: HistoryReport): string {
  const parts = [`${plural(r.rows, "row")} read`, `${r.validRows.toLocaleString("en-US")} valid`];
  if (r.rejectedRows > 0) parts.push(`${r.rejectedRows.toLocaleString("en-US")} with problems`);
  if (r.skippedRows > 0) parts.push(`${r.skippedRows.toLocaleString("en-US")} left out`);
  return parts.join(" · ");
}

/** Why a stage goes to its step. */
export function stageHow(m: StageMatch): string {
  switch (m) {
    case "chosen":
      return "your choice";
    case "saved":
      return "chosen before";
    case "same_name":
      return "a step of the same name";
    case "none":
      return "no step of that name";
  }
}
