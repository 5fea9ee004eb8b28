import { describe, expect, it } from "vitest";
import { formatDays } from "./ProgressionTable";

describe("days on a step", () => {
  it("reads as whole days from ten on, with one decimal below, and a dash for none", () => {
    expect(formatDays(null)).toBe("—");
    expect(formatDays(1)).toBe("1 day");
    expect(formatDays(3.46)).toBe("3.5 days");
    expect(formatDays(42.4)).toBe("42 days");
  });
});
