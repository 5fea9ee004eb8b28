import { describe, expect, it } from "vitest";
import { importPreview, importReport } from "../../test/builders";
import { ambiguityNotes, assign, describeFile, mappingProblem, reportSummary, resultSummary } from "./importText";

const report = importReport({
  rows: 10,
  validRows: 8,
  rejectedRows: 2,
  newCustomers: 5,
  matchedCustomers: 3,
  updatedCustomers: 2,
  unchangedCustomers: 1,
  problemCount: 2,
  written: true,
});

describe("the import wizard's words", () => {
  it("describe the detected file", () => {
    const p = importPreview("/x.csv", [], { encoding: "UTF-8 with BOM", delimiter: "semicolon" });
    expect(describeFile(p)).toBe("CSV · UTF-8 with BOM · semicolon-separated");
    expect(describeFile({ ...p, format: "xlsx" })).toBe("XLSX (first worksheet)");
    expect(describeFile({ ...p, sepLine: true })).toBe(
      'CSV · UTF-8 with BOM · semicolon-separated (as its "sep=" line says)',
    );
  });

  it("note a column choice among several only while it stands", () => {
    const message = 'Current step: took "Current step"; "Lifecycle Stage" could be it too.';
    const p = importPreview("/x.csv", ["Lifecycle Stage", "Current step"], {
      ambiguities: [{ field: "current_step", chosen: 1, others: [0], message }],
    });
    expect(ambiguityNotes(p, [null, "current_step"])).toEqual([message]);
    expect(ambiguityNotes(p, ["current_step", null])).toEqual([]);
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
