import { describe, expect, it } from "vitest";
import type { PersonaMatrix } from "../../ipc/client";
import { grid, heat } from "./matrix";

const step = (id: number, position: number, title: string) => ({
  id,
  mapId: 1,
  position,
  title,
  outcome: "",
  notes: "",
});

const m: PersonaMatrix = {
  personaId: 1,
  personaName: "P",
  steps: [step(10, 0, "A"), step(11, 1, "B")],
  cells: [
    { currentStepId: 10, targetStepId: 11, customers: 4, arrCents: 400, regression: false },
    { currentStepId: 11, targetStepId: 10, customers: 1, arrCents: 900, regression: true },
    { currentStepId: 11, targetStepId: null, customers: 2, arrCents: 50, regression: false },
  ],
  customers: 7,
  arrCents: 1350,
};

describe("the matrix grid", () => {
  it("has a row per step and a 'no target' column only when needed", () => {
    const g = grid(m);
    expect(g.rows.map((r) => r.label)).toEqual(["1. A", "2. B"]);
    expect(g.columns.map((c) => c.label)).toEqual(["1. A", "2. B", "No target"]);
    expect(g.cell(11, 10)?.regression).toBe(true);
    expect(g.cell(10, 10)).toBeNull();
  });

  it("totals rows and columns and finds the largest cell per measure", () => {
    const g = grid(m);
    expect(g.rowTotal(11)).toEqual({ customers: 3, arrCents: 950 });
    expect(g.columnTotal(null)).toEqual({ customers: 2, arrCents: 50 });
    expect(g.max("customers")).toBe(4);
    expect(g.max("arr")).toBe(900);
  });

  it("shades from nothing to full", () => {
    expect(heat(0, 10)).toBe(0);
    expect(heat(10, 10)).toBe(1);
    expect(heat(1, 4)).toBe(0.5);
    expect(heat(3, 0)).toBe(0);
  });
});
