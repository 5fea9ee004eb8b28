import { describe, expect, it } from "vitest";
import { bandLabel, nextSort } from "./customerFilters";

describe("the list's sort toggle", () => {
  it("flips the pressed column and starts figures largest first", () => {
    expect(nextSort({ sort: "name", descending: false }, "name")).toEqual({ sort: "name", descending: true });
    expect(nextSort({ sort: "name", descending: false }, "arr")).toEqual({ sort: "arr", descending: true });
    expect(nextSort({ sort: "arr", descending: true }, "persona")).toEqual({ sort: "persona", descending: false });
  });

  it("names health bands", () => {
    expect(bandLabel("at_risk")).toBe("At risk (0–39)");
  });
});
