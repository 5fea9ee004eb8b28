import { describe, expect, it } from "vitest";
import type { AttachedVehicle, Kpi, MapDetail, StepView } from "../../ipc/client";
import { kindLabel } from "../../lib/vehicles";
import { moveCoverage, onlySatisfactionKpis } from "./coverage";

const vehicle: AttachedVehicle = {
  attachmentId: 1,
  vehicle: {
    id: 1,
    kind: "training",
    customKind: null,
    name: "Bootcamp",
    description: "",
    owner: "",
    link: "",
    effort: "",
  },
};

function kpi(kind: Kpi["kind"]): Kpi {
  return {
    id: 1,
    stepId: 1,
    position: 0,
    name: "K",
    unit: "",
    direction: "higher_is_better",
    kind,
    entryLevel: 1,
    goodLevel: 2,
    bestLevel: 3,
  };
}

function step(kpis: Kpi[]): StepView {
  return {
    step: { id: 1, mapId: 1, position: 0, title: "S", outcome: "", notes: "" },
    kpis,
    vehicles: [],
    customerCount: 0,
    targetCount: 0,
    arrCents: 0,
    customers: [],
  };
}

describe("map coverage", () => {
  it("counts the moves that have a vehicle", () => {
    const map = {
      moves: [
        { fromStepId: 1, toStepId: 2, vehicles: [vehicle] },
        { fromStepId: 2, toStepId: 3, vehicles: [] },
        { fromStepId: 3, toStepId: 4, vehicles: [] },
      ],
    } as unknown as MapDetail;
    expect(moveCoverage(map)).toEqual({ covered: 1, total: 3 });
  });

  it("warns only when every KPI of a step is a satisfaction KPI", () => {
    expect(onlySatisfactionKpis(step([kpi("satisfaction")]))).toBe(true);
    expect(onlySatisfactionKpis(step([kpi("satisfaction"), kpi("success")]))).toBe(false);
    expect(onlySatisfactionKpis(step([]))).toBe(false);
  });

  it("labels custom kinds by their own name", () => {
    expect(kindLabel("custom", "Office hours")).toBe("Office hours");
    expect(kindLabel("community", null)).toBe("Community");
  });
});
