import { describe, expect, it } from "vitest";
import { pointSize, QUADRANTS, quadrantName, share } from "./satisfaction";

describe("success vs satisfaction", () => {
  it("names quadrants as the core's drawings and saved segments do", () => {
    expect(quadrantName("neither")).toBe("Neither successful nor satisfied");
    expect(QUADRANTS.find((q) => q.id === "satisfied_not_successful")?.label).toBe("Satisfied, not successful");
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
