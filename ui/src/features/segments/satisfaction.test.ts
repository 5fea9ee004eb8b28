import { describe, expect, it } from "vitest";
import { describeQuadrant, pointSize, QUADRANTS, share } from "./satisfaction";

describe("success vs satisfaction", () => {
  it("names quadrants as the backend's saved segments do", () => {
    expect(describeQuadrant({ basis: "map", measure: "nps", quadrant: "neither" })).toBe(
      "Neither successful nor satisfied (NPS; progress along the map)",
    );
    expect(describeQuadrant({ basis: "target", measure: "csat", quadrant: "satisfied_not_successful" })).toBe(
      "Satisfied, not successful (CSAT; progress to the target)",
    );
  });

  it("lays the four quadrants out as the chart does: satisfied on top, successful on the right", () => {
    const at = (row: number, column: number) => QUADRANTS.find((q) => q.row === row && q.column === column)?.id;
    expect([at(1, 1), at(1, 2), at(2, 1), at(2, 2)]).toEqual([
      "satisfied_not_successful",
      "successful_satisfied",
      "neither",
      "successful_not_satisfied",
    ]);
  });

  it("sizes points by the square root of their customers and shares by the total", () => {
    expect(pointSize(0, 0)).toBe(6);
    expect(pointSize(100, 100)).toBe(34);
    expect(pointSize(25, 100)).toBe(20);
    expect(share(1, 3)).toBe("33%");
    expect(share(0, 0)).toBe("0%");
  });
});
