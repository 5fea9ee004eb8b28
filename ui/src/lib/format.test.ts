import { describe, expect, it } from "vitest";
import { formatArr, formatArrExact, formatLevel, formatShare, plural } from "./format";

describe("formatting", () => {
  it("shows ARR in cents as short money", () => {
    expect(formatArr(1_234_500)).toBe("$12.3K");
    expect(formatArr(0)).toBe("$0");
    expect(formatArr(null)).toBe("—");
  });

  it("shows exact ARR in whole units", () => {
    expect(formatArrExact(1_234_567)).toBe("$12,346");
  });

  it("shows shares and counts the way people read them", () => {
    expect(formatShare(38)).toBe("38%");
    expect(formatShare(12.25)).toBe("12.3%");
    expect(formatShare(null)).toBe("—");
    expect(plural(1, "customer")).toBe("1 customer");
    expect(plural(1200, "customer")).toBe("1,200 customers");
  });

  it("puts KPI units where they belong", () => {
    expect(formatLevel(30, "days")).toBe("30 days");
    expect(formatLevel(50, "%")).toBe("50%");
    expect(formatLevel(100, "$")).toBe("$100");
    expect(formatLevel(2.5, "")).toBe("2.5");
    expect(formatLevel(250_000, "$")).toBe("$250K");
  });
});
