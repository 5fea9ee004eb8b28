import { describe, expect, it } from "vitest";
import type { MapView } from "../../ipc/client";
import { distribution } from "./distribution";

describe("distribution by step", () => {
  it("gives each step its share of the placed customers", () => {
    const map = {
      steps: [
        { step: { id: 1, title: "A" }, customerCount: 3, arrCents: 300, targetCount: 0 },
        { step: { id: 2, title: "B" }, customerCount: 1, arrCents: 50, targetCount: 2 },
      ],
    } as unknown as MapView;
    expect(distribution(map)).toEqual([
      { stepId: 1, title: "A", count: 3, arrCents: 300, targets: 0, share: 0.75 },
      { stepId: 2, title: "B", count: 1, arrCents: 50, targets: 2, share: 0.25 },
    ]);
  });

  it("gives zero shares when nobody is placed", () => {
    const map = {
      steps: [{ step: { id: 1, title: "A" }, customerCount: 0, arrCents: 0, targetCount: 0 }],
    } as unknown as MapView;
    expect(distribution(map)[0]?.share).toBe(0);
  });
});
