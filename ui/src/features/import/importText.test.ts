import { describe, expect, it } from "vitest";
import { assign, describeFile, mappingProblem, reportSummary, resultSummary } from "./importText";

const report = {
  rows: 10,
  validRows: 8,
  rejectedRows: 2,
  newCustomers: 5,
  matchedCustomers: 3,
  updatedCustomers: 2,
  unchangedCustomers: 1,
  problems: [],
  problemCount: 2,
  missingPersonas: [],
  missingSteps: [],
  written: true,
};

describe("the import wizard's words", () => {
  it("describe the detected file", () => {
    const p = {
      path: "/x.csv",
      format: "csv",
      encoding: "UTF-8 with BOM",
      delimiter: "semicolon",
      headers: [],
      sample: [],
      mapping: [],
      mappingSaved: false,
      kpiColumns: [],
      kpiNames: [],
    };
    expect(describeFile(p)).toBe("CSV · UTF-8 with BOM · semicolon-separated");
    expect(describeFile({ ...p, format: "xlsx" })).toBe("XLSX (first worksheet)");
  });

  it("summarise checks and results", () => {
    expect(reportSummary(report)).toBe("10 rows read · 8 valid · 2 with problems");
    expect(resultSummary(report)).toBe("5 new customers, 2 updated, 1 unchanged, 2 rows left out");
  });
});

describe("column choices", () => {
  it("give a field to one column only", () => {
    expect(assign(["name", null, "arr"], 1, "name")).toEqual([null, "name", "arr"]);
    expect(assign(["name", null, "arr"], 2, null)).toEqual(["name", null, null]);
  });

  it("need a name and a persona (or a persona for all rows)", () => {
    expect(mappingProblem(["persona"], false)).toBe("Choose the column that holds the customer name.");
    expect(mappingProblem(["name"], false)).toMatch(/persona/);
    expect(mappingProblem(["name"], true)).toBeNull();
    expect(mappingProblem(["name", "persona"], false)).toBeNull();
  });
});
