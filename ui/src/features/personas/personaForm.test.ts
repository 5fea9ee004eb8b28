import { describe, expect, it } from "vitest";
import { emptyDraft, fieldOf, parseDraft, parseShare } from "./personaForm";

describe("persona form", () => {
  it("turns a filled draft into input, one goal per non-blank line", () => {
    const result = parseDraft({
      name: "  Home architect ",
      description: "Small studios",
      successDefinition: "Delivers more homes",
      goals: "Design faster\n\n  Win clients  \n",
      revenueShare: "38,5 %",
      color: "#E8590C",
    });
    expect(result.errors).toBeNull();
    expect(result.input).toEqual({
      name: "Home architect",
      description: "Small studios",
      successDefinition: "Delivers more homes",
      goals: ["Design faster", "Win clients"],
      revenueShare: 38.5,
      color: "#e8590c",
    });
  });

  it("asks for a name and explains bad shares and colours at their field", () => {
    const result = parseDraft({ ...emptyDraft(), revenueShare: "lots", color: "blue" });
    expect(result.input).toBeNull();
    expect(result.errors).toEqual({
      name: "Give the persona a name.",
      revenueShare: "Revenue share must be a number, like 35 or 12.5.",
      color: "Colour must look like #3b5bdb.",
    });
  });

  it("refuses shares outside 0–100 and names that are too long", () => {
    expect(parseDraft({ ...emptyDraft(), name: "A", revenueShare: "101" }).errors).toEqual({
      revenueShare: "Revenue share is a percentage between 0 and 100.",
    });
    expect(parseDraft({ ...emptyDraft(), name: "x".repeat(121) }).errors?.name).toMatch(/121/);
  });

  it("leaves a blank share and colour unset", () => {
    const result = parseDraft({ ...emptyDraft(), name: "A" });
    expect(result.input?.revenueShare).toBeNull();
    expect(result.input?.color).toBeNull();
    expect(parseShare("")).toBeNull();
  });

  it("maps backend field names onto form fields", () => {
    expect(fieldOf("revenueShare")).toBe("revenueShare");
    expect(fieldOf("somethingElse")).toBeNull();
    expect(fieldOf(null)).toBeNull();
  });
});
