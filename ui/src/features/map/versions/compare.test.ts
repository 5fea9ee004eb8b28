import { describe, expect, it } from "vitest";
import type { ContentKpi, ContentStep, MapChange, MapComparison } from "../../../ipc/client";
import { changeSummary, comparedSteps, plainSteps } from "./compare";

function step(id: number, title: string, values: Partial<ContentStep> = {}): ContentStep {
  return { id, title, outcome: "", notes: "", kpis: [], vehicles: [], moveVehicles: [], ...values };
}

function kpi(id: number, name: string, good: number): ContentKpi {
  return {
    id,
    name,
    unit: "%",
    direction: "higher_is_better",
    kind: "success",
    entryLevel: 0,
    goodLevel: good,
    bestLevel: 100,
  };
}

function change(kind: MapChange["kind"], stepId: number, values: Partial<MapChange> = {}): MapChange {
  return { kind, stepId, step: "", subject: null, onMove: false, old: null, new: null, text: kind, ...values };
}

describe("a comparison on the map", () => {
  const from = [
    step(1, "Pilot", { outcome: "One project", vehicles: ["Webinar"] }),
    step(2, "Rollout", { kpis: [kpi(10, "Teams", 50), kpi(11, "Seats", 10)] }),
    step(5, "Champion"),
    step(3, "Standard"),
  ];
  const to = [
    step(3, "Standard"),
    step(1, "Pilot project", { outcome: "Two projects", vehicles: ["Forum"] }),
    step(2, "Rollout", { kpis: [kpi(10, "Teams", 60), kpi(12, "Templates", 5)] }),
    step(4, "Scale"),
  ];
  const comparison: MapComparison = {
    fromLabel: "v1",
    toLabel: "Now",
    from: { steps: from, vehicles: [] },
    to: { steps: to, vehicles: [] },
    changes: [
      change("step_removed", 5),
      change("step_moved", 3, { old: "4", new: "1" }),
      change("step_renamed", 1, { old: "Pilot", new: "Pilot project" }),
      change("outcome_changed", 1, { old: "One project", new: "Two projects" }),
      change("vehicle_detached", 1, { subject: "Webinar" }),
      change("vehicle_attached", 1, { subject: "Forum" }),
      change("kpi_removed", 2, { subject: "Seats" }),
      change("kpi_added", 2, { subject: "Templates" }),
      change("kpi_changed", 2, { subject: "Teams · good level", old: "50", new: "60" }),
      change("step_added", 4, { new: "4" }),
    ],
  };

  it("puts removed steps back where they stood and marks every step", () => {
    const shown = comparedSteps(comparison);
    expect(shown.map((s) => [s.step.title, s.mark])).toEqual([
      ["Standard", "changed"],
      ["Pilot project", "changed"],
      ["Rollout", "changed"],
      ["Champion", "removed"],
      ["Scale", "added"],
    ]);
  });

  it("keeps the old values of what changed", () => {
    const [standard, pilot, rollout] = comparedSteps(comparison);
    expect(standard?.oldPosition).toBe("4");
    expect([pilot?.oldTitle, pilot?.oldOutcome]).toEqual(["Pilot", "One project"]);
    expect(pilot?.vehicles).toEqual([
      { name: "Forum", mark: "added" },
      { name: "Webinar", mark: "removed" },
    ]);
    expect(rollout?.kpis.map((k) => [k.kpi.name, k.mark, k.was])).toEqual([
      ["Teams", "changed", ["good level: 50 → 60"]],
      ["Templates", "added", []],
      ["Seats", "removed", []],
    ]);
  });

  it("a removed first step goes first", () => {
    const shown = comparedSteps({
      ...comparison,
      from: { steps: [step(9, "Trial"), ...from], vehicles: [] },
      changes: [...comparison.changes, change("step_removed", 9)],
    });
    expect(shown[0]?.step.title).toBe("Trial");
    expect(shown[0]?.mark).toBe("removed");
  });

  it("a preview shows the version's steps unmarked, and the summary counts", () => {
    expect(plainSteps({ steps: to, vehicles: [] }).every((s) => s.mark === null)).toBe(true);
    expect(changeSummary(comparison.changes)).toBe("3 added, 3 removed, 4 changed");
    expect(changeSummary([])).toBe("No changes");
  });
});
