// Numbers as people type them, shared by every form that takes figures (KPI levels,
// customer figures, KPI values).

/** "1,5", "1.5", "1 200", "1,200.5" and "-3" as numbers; NaN for anything else. */
export function parseLevel(text: string): number {
  let t = text.trim().replace(/[\s\u00a0]/g, "");
  if (t === "") return Number.NaN;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
  else if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, "").replace(",", ".");
  else t = t.replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}
