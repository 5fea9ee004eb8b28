import { describe, expect, it } from "vitest";
import { emptyKpiDraft, kpiFieldOf, parseKpiDraft } from "./kpiForm";

describe("KPI form", () => {
  it("builds a KPI with three levels in the direction's order", () => {
    const result = parseKpiDraft({
      ...emptyKpiDraft(),
      name: " Average order value ",
      unit: "$",
      entryLevel: "50",
      goodLevel: "100",
      bestLevel: "200",
    });
    expect(result.input).toEqual({
      name: "Average order value",
      unit: "$",
      direction: "higher_is_better",
      kind: "success",
      entryLevel: 50,
      goodLevel: 100,
      bestLevel: 200,
    });
  });

  it("says which level is out of order for the direction", () => {
    const higher = parseKpiDraft({ ...emptyKpiDraft(), name: "K", entryLevel: "10", goodLevel: "5", bestLevel: "20" });
    expect(higher.errors).toEqual({ goodLevel: "When higher is better, good cannot be below entry level." });
    const lower = parseKpiDraft({
      ...emptyKpiDraft(),
      name: "Days to value",
      direction: "lower_is_better",
      entryLevel: "60",
      goodLevel: "30",
      bestLevel: "45",
    });
    expect(lower.errors).toEqual({ bestLevel: "When lower is better, best in class cannot be above good." });
  });

  it("refuses non-numeric levels and a missing name at their fields", () => {
    const result = parseKpiDraft({ ...emptyKpiDraft(), entryLevel: "a lot", goodLevel: "2", bestLevel: "3" });
    expect(result.errors).toEqual({ name: "Give the KPI a name.", entryLevel: "Entry level must be a number." });
  });

  it("maps backend field names onto form fields", () => {
    expect(kpiFieldOf("bestLevel")).toBe("bestLevel");
    expect(kpiFieldOf(null)).toBeNull();
  });
});
