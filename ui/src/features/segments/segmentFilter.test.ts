import { describe, expect, it } from "vitest";
import { filterChips, NO_FILTER, parseDays, parseMoney, segmentQuery } from "./segmentFilter";

describe("segment filters", () => {
  it("reads amounts in currency units as cents and refuses what is not an amount", () => {
    expect(parseMoney("")).toEqual({ cents: null });
    expect(parseMoney("25000")).toEqual({ cents: 2_500_000 });
    expect(parseMoney(" $25,000.5 ")).toEqual({ cents: 2_500_050 });
    expect(parseMoney("12.345").error).toBeDefined();
    expect(parseMoney("-5").error).toBeDefined();
    expect(parseMoney("1.5M").error).toBeDefined();
    expect(parseMoney("9".repeat(20)).error).toBe("That amount is too large");
  });

  it("reads a renewal window of 1 to 3650 whole days", () => {
    expect(parseDays("")).toEqual({ days: null });
    expect(parseDays("90")).toEqual({ days: 90 });
    expect(parseDays("0").error).toBeDefined();
    expect(parseDays("3651").error).toBeDefined();
    expect(parseDays("30.5").error).toBeDefined();
  });

  it("names every active filter in a chip that clears only that filter", () => {
    const filter = {
      ...NO_FILTER,
      personaId: 7,
      owner: "",
      minArrCents: 1_000_000,
      npsBand: "negative" as const,
      renewalWithinDays: 1,
      stalledDays: 90,
    };
    const chips = filterChips(filter, (id) => `Persona ${id}`);
    expect(chips.map((c) => c.label)).toEqual([
      "Persona 7",
      "No owner",
      "ARR ≥ $10K",
      "Negative NPS (below 0)",
      "Renews within 1 day",
      "On their step over 90 days",
    ]);
    expect(chips[2]?.without).toEqual({ ...filter, minArrCents: null });
    expect(filterChips({ ...NO_FILTER, minArrCents: 100, maxArrCents: 5_000_000 }, String)[0]?.label).toBe(
      "ARR $1–$50K",
    );
    expect(filterChips({ ...NO_FILTER, maxArrCents: 5_000_000 }, String)[0]?.label).toBe("ARR ≤ $50K");
    expect(filterChips(NO_FILTER, String)).toEqual([]);
  });

  it("lists a segment with the same filter the matrix counts by", () => {
    const filter = { ...NO_FILTER, healthBand: "watch" as const, maxArrCents: 500 };
    const cell = { currentStepId: 3, targetStepId: null };
    expect(segmentQuery(filter, cell, { sort: "arr", descending: true })).toEqual({
      ...filter,
      search: "",
      currentStepId: null,
      cell,
      quadrant: null,
      sort: "arr",
      descending: true,
    });
  });
});
