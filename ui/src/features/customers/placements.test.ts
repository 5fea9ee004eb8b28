import { describe, expect, it } from "vitest";
import { changeLines, sourceLabel } from "./placements";

describe("history entries", () => {
  const base = {
    id: 1,
    at: "2026-11-23T09:00:00.000Z",
    source: "drag" as const,
    currentChanged: true,
    targetChanged: false,
    fromCurrent: "Onboard",
    toCurrent: "Adopt",
    fromTarget: "Expand",
    toTarget: "Expand",
  };

  it("say what changed, and only that", () => {
    expect(changeLines(base)).toEqual(["Current: Onboard → Adopt"]);
    expect(changeLines({ ...base, targetChanged: true, fromTarget: null, toTarget: "Scale" })).toEqual([
      "Current: Onboard → Adopt",
      "Target: none → Scale",
    ]);
  });

  it("name their source", () => {
    expect(sourceLabel("import")).toBe("Imported");
    expect(sourceLabel("bulk")).toBe("Moved with others");
  });
});
