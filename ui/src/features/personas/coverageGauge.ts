// The persona coverage gauge: how much revenue the personas cover together, checked
// against the rule of thumb that up to five personas cover about 80% of revenue.
import type { PersonaSummary } from "../../ipc/client";

export const TARGET_SHARE = 80;
export const MAX_PERSONAS = 5;

export type GaugeLevel = "ok" | "warning" | "error";

export interface GaugeMessage {
  level: GaugeLevel;
  text: string;
}

export interface Gauge {
  /** Sum of the known shares, in percent. */
  share: number;
  count: number;
  /** Personas without a revenue share. */
  unknown: number;
  level: GaugeLevel;
  messages: GaugeMessage[];
}

function percent(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

export function coverageGauge(personas: PersonaSummary[]): Gauge {
  const shares = personas.map((p) => p.persona.revenueShare);
  const share = Math.round(shares.reduce<number>((sum, s) => sum + (s ?? 0), 0) * 10) / 10;
  const unknown = shares.filter((s) => s === null).length;
  const count = personas.length;
  const messages: GaugeMessage[] = [];

  if (share > 100) {
    messages.push({
      level: "error",
      text: `Revenue shares add up to ${percent(share)}, more than 100%. Check each persona's share.`,
    });
  } else if (share < TARGET_SHARE) {
    messages.push({
      level: "warning",
      text: `The personas cover ${percent(share)} of revenue. The rule of thumb is about ${TARGET_SHARE}%: is a kind of customer missing?`,
    });
  }
  if (count > MAX_PERSONAS) {
    messages.push({
      level: "warning",
      text: `${count} personas. Up to ${MAX_PERSONAS} usually cover most revenue; consider merging similar ones.`,
    });
  }
  if (unknown > 0) {
    messages.push({
      level: "warning",
      text: `${unknown} persona${unknown === 1 ? " has" : "s have"} no revenue share yet.`,
    });
  }
  const level: GaugeLevel = messages.some((m) => m.level === "error")
    ? "error"
    : messages.length > 0
      ? "warning"
      : "ok";
  return { share, count, unknown, level, messages };
}
