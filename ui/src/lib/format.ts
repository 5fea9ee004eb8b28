// Number and money formatting shared by every screen.

const compact = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const whole = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** ARR in cents as a short money figure: 1_234_500 cents → "$12.3K". */
export function formatArr(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  return compact.format(cents / 100);
}

/** ARR in cents as whole money: 1_234_500 cents → "$12,345". */
export function formatArrExact(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  return whole.format(Math.round(cents / 100));
}

/** A percentage share, "38%"; "—" when unknown. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined) return "—";
  return `${Number.isInteger(share) ? share : share.toFixed(1)}%`;
}

/** "1 customer", "3 customers". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** True for units written inside the number ("50%"); others ("$", "days") are shown once, beside the KPI name. */
export function isInlineUnit(unit: string): boolean {
  return unit === "" || unit === "%";
}

/** A KPI level with its unit: 30 + "days" → "30 days", 50 + "%" → "50%". */
const compactNumber = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function formatLevel(value: number, unit: string): string {
  const text =
    Math.abs(value) >= 10_000
      ? compactNumber.format(value)
      : Number.isInteger(value)
        ? value.toLocaleString("en-US")
        : value.toFixed(1);
  if (unit === "") return text;
  if (unit === "%" || unit === "$") return unit === "$" ? `$${text}` : `${text}%`;
  return `${text} ${unit}`;
}
