import { describe, expect, it } from "vitest";
import type { MapDetail } from "../../ipc/client";
import { moveKey, stepKey, targetFromKey, targetOptions } from "./targets";

describe("vehicle targets", () => {
  it("offers every step and every move between consecutive steps, in map order", () => {
    const map = {
      steps: [{ step: { id: 1, title: "A" } }, { step: { id: 2, title: "B" } }, { step: { id: 3, title: "C" } }],
    } as unknown as MapDetail;
    expect(targetOptions(map).map((o) => o.label)).toEqual([
      "Step: A",
      "Move: A → B",
      "Step: B",
      "Move: B → C",
      "Step: C",
    ]);
  });

  it("turns drop target ids back into attachment targets", () => {
    expect(targetFromKey(stepKey(4))).toEqual({ type: "step", stepId: 4 });
    expect(targetFromKey(moveKey(4, 5))).toEqual({ type: "move", fromStepId: 4, toStepId: 5 });
    expect(targetFromKey(7)).toBeNull();
    expect(targetFromKey("vehicle:3")).toBeNull();
  });
});
