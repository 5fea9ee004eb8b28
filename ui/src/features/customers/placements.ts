// Words for a customer's placement history.
import type { PlacementEntry, PlacementSource } from "../../ipc/client";

const SOURCES: Record<PlacementSource, string> = {
  created: "Added",
  drag: "Dragged on the map",
  edit: "Edited",
  bulk: "Moved with others",
  import: "Imported",
  rule: "Accepted suggestion",
  demo: "Demo data",
};

export function sourceLabel(source: PlacementSource): string {
  return SOURCES[source];
}

const step = (title: string | null) => title ?? "none";

/** "Current: Onboard → Adopt", "Target: none → Expand" for what an entry changed. */
export function changeLines(entry: PlacementEntry): string[] {
  const lines: string[] = [];
  if (entry.currentChanged) lines.push(`Current: ${step(entry.fromCurrent)} → ${step(entry.toCurrent)}`);
  if (entry.targetChanged) lines.push(`Target: ${step(entry.fromTarget)} → ${step(entry.toTarget)}`);
  return lines;
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** A stored UTC time in the user's time zone: "23 Nov 2026, 10:07". */
export function formatWhen(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : when.format(date);
}
