import { describe, expect, it } from "vitest";
import { attached, mapDetail, step, stepView, vehicle } from "../../test/builders";
import { actionOf, elapsed, indexOfStep, noteTarget, presentKey, stepOf, type Reveal } from "./sequence";
import { placeOf } from "../../lib/places";

const map = mapDetail(
  [
    stepView(step(1, "Pilot live", 0), { customerCount: 2 }),
    stepView(step(2, "Team onboarded", 1)),
    stepView(step(3, "Firm-wide standard", 2)),
  ],
  { moves: [{ fromStepId: 1, toStepId: 2, vehicles: [attached(1, vehicle(1, "Bootcamp"))] }] },
);

/** The core's order for this map (presentation::sequence). */
const reveals: Reveal[] = [
  { kind: "title" },
  { kind: "step", step: 0 },
  { kind: "outcome", step: 0 },
  { kind: "move", step: 0 },
  { kind: "step", step: 1 },
  { kind: "outcome", step: 1 },
  { kind: "move", step: 1 },
  { kind: "step", step: 2 },
  { kind: "outcome", step: 2 },
  { kind: "overview" },
  { kind: "customers" },
  { kind: "matrix" },
];

describe("the reveals", () => {
  it("know their step", () => {
    expect(reveals.map(stepOf)).toEqual([null, 0, 0, 0, 1, 1, 1, 2, 2, null, null, null]);
  });

  it("turns keys into moves within the deck", () => {
    expect(actionOf("next", 0, reveals)).toEqual({ go: 1 });
    expect(actionOf("next", reveals.length - 1, reveals)).toEqual({ go: reveals.length - 1 });
    expect(actionOf("previous", 0, reveals)).toEqual({ go: 0 });
    expect(actionOf("last", 3, reveals)).toEqual({ go: reveals.length - 1 });
    expect(actionOf({ step: 2 }, 0, reveals)).toEqual({ go: 4 });
    expect(actionOf({ step: 9 }, 0, reveals)).toBeNull();
    expect(actionOf("note", 2, reveals)).toBe("note");
  });

  it("jumps to a step by its number", () => {
    expect(indexOfStep(reveals, 1)).toBe(1);
    expect(indexOfStep(reveals, 3)).toBe(7);
    expect(indexOfStep(reveals, 4)).toBeNull();
  });

  it("notes go on the step or the move on screen", () => {
    expect(noteTarget(map, { kind: "outcome", step: 1 })).toEqual({ type: "step", stepId: 2 });
    expect(noteTarget(map, { kind: "move", step: 1 })).toEqual({ type: "move", fromStepId: 2, toStepId: 3 });
    expect(noteTarget(map, { kind: "title" })).toBeNull();
    expect(placeOf(map, { type: "step", stepId: 2 })).toBe("step 2, Team onboarded");
    expect(placeOf(map, { type: "move", fromStepId: 2, toStepId: 3 })).toBe("the move from step 2 to step 3");
  });
});

describe("the keys of a presentation", () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
    presentKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  it("reads clicker and keyboard keys", () => {
    for (const k of ["ArrowRight", " ", "PageDown"]) expect(key(k)).toBe("next");
    for (const k of ["ArrowLeft", "PageUp"]) expect(key(k)).toBe("previous");
    expect(key("Home")).toBe("first");
    expect(key("End")).toBe("last");
    expect(key("Escape")).toBe("leave");
    expect(key("3")).toEqual({ step: 3 });
    expect(key("n")).toBe("note");
    expect(key("p")).toBe("presenter");
    expect(key("z", { ctrlKey: true })).toBeNull();
    expect(key("x")).toBeNull();
  });

  it("shows elapsed time as a clock", () => {
    expect(elapsed(5_400)).toBe("0:05");
    expect(elapsed(754_000)).toBe("12:34");
    expect(elapsed(3_723_000)).toBe("1:02:03");
  });
});
