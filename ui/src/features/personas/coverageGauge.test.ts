import { describe, expect, it } from "vitest";
import type { PersonaSummary } from "../../ipc/client";
import { coverageGauge } from "./coverageGauge";

function personas(...shares: (number | null)[]): PersonaSummary[] {
  return shares.map((revenueShare, i) => ({
    persona: {
      id: i + 1,
      mapId: i + 1,
      name: `P${i}`,
      description: "",
      successDefinition: "",
      goals: [],
      revenueShare,
      color: "#3b5bdb",
      position: i,
    },
    stepCount: 0,
    customerCount: 0,
    arrCents: 0,
  }));
}

describe("persona coverage gauge", () => {
  it("is satisfied by up to five personas covering at least 80%", () => {
    const gauge = coverageGauge(personas(38, 31, 13));
    expect(gauge).toMatchObject({ share: 82, count: 3, level: "ok", messages: [] });
  });

  it("warns under 80% of revenue", () => {
    const gauge = coverageGauge(personas(40, 20));
    expect(gauge.level).toBe("warning");
    expect(gauge.messages[0]?.text).toMatch(/cover 60% of revenue/);
  });

  it("reports shares over 100% as an error, not a clamp", () => {
    const gauge = coverageGauge(personas(70, 45.5));
    expect(gauge.share).toBe(115.5);
    expect(gauge.level).toBe("error");
    expect(gauge.messages[0]?.text).toMatch(/add up to 115.5%, more than 100%/);
  });

  it("warns about more than five personas and about missing shares", () => {
    const gauge = coverageGauge(personas(20, 20, 20, 10, 10, 5, null));
    expect(gauge.messages.map((m) => m.text)).toEqual([
      "7 personas. Up to 5 usually cover most revenue; consider merging similar ones.",
      "1 persona has no revenue share yet.",
    ]);
  });
});
