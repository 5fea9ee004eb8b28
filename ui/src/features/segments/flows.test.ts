import { describe, expect, it } from "vitest";
import type { PersonaMatrix } from "../../ipc/client";
import { escapeHtml, flows } from "./flows";

const matrix: PersonaMatrix = {
  personaId: 1,
  personaName: "P",
  steps: [
    { id: 10, mapId: 1, position: 0, title: "Pilot", outcome: "", notes: "" },
    { id: 11, mapId: 1, position: 1, title: "Scale", outcome: "", notes: "" },
    { id: 12, mapId: 1, position: 2, title: "Unused", outcome: "", notes: "" },
  ],
  cells: [
    { currentStepId: 10, targetStepId: 11, customers: 3, arrCents: 300_00, regression: false },
    { currentStepId: 11, targetStepId: 10, customers: 1, arrCents: 0, regression: true },
    { currentStepId: 11, targetStepId: 11, customers: 2, arrCents: 50_00, regression: false },
    { currentStepId: null, targetStepId: null, customers: 4, arrCents: 10_00, regression: false },
  ],
  customers: 10,
  arrCents: 360_00,
};

describe("flows", () => {
  it("has a node per used step on each side and a link per cell, kind by direction", () => {
    const f = flows(matrix, "customers");
    expect(f.nodes.map((n) => n.id)).toEqual(["now:10", "now:11", "now:none", "aim:10", "aim:11", "aim:none"]);
    expect(f.nodes.find((n) => n.id === "aim:none")?.label).toBe("No target");
    expect(f.links.map((l) => [l.source, l.target, l.value, l.kind])).toEqual([
      ["now:10", "aim:11", 3, "forward"],
      ["now:11", "aim:10", 1, "regression"],
      ["now:11", "aim:11", 2, "stay"],
      ["now:none", "aim:none", 4, "none"],
    ]);
    expect(f.links[1]?.description).toBe("2. Scale → 1. Pilot: 1 customer, $0 ARR (target before the current step)");
    expect(f.links[0]?.cell).toEqual({ currentStepId: 10, targetStepId: 11 });
    expect(f.links[0]?.route).toBe("1. Pilot → 2. Scale");
  });

  it("weighs links by ARR when asked, leaving out cells without any", () => {
    const f = flows(matrix, "arr");
    expect(f.links.map((l) => l.value)).toEqual([300_00, 50_00, 10_00]);
  });

  it("escapes user text for tooltips", () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)">&'`)).toBe(
      "&#60;img src=x onerror=&#34;alert(1)&#34;&#62;&#38;&#39;",
    );
  });
});
