import { describe, expect, it } from "vitest";
import type { CustomerChip, Vehicle } from "../../ipc/client";
import { bandKey, type CustomerDrag } from "./CustomerBand";
import { dropIntent, type DragData } from "./dropIntent";
import { moveKey, stepKey } from "./targets";

const order = [10, 20, 30];
const step: DragData = { type: "step" };
const vehicle: Vehicle = {
  id: 7,
  kind: "community",
  customKind: null,
  name: "Design circle",
  description: "",
  owner: "",
  link: "",
  effort: "",
};
const chip: CustomerChip = { id: 5, name: "Acme", arrCents: 100_00, health: 80, targetStepId: 30 };
/** Acme, on step 10 and aiming at step 30, dragged by its name (current) or its target marker. */
const customer = (mode: CustomerDrag["mode"]): DragData => ({ type: "customer", mode, chip, fromStepId: 10 });

describe("dropping a step card", () => {
  it("moves the step to the place of the card it is dropped on", () => {
    expect(dropIntent(step, 10, 30, order)).toEqual({ type: "reorder-step", stepId: 10, from: 0, to: 2 });
    expect(dropIntent(step, 30, 20, order)).toEqual({ type: "reorder-step", stepId: 30, from: 2, to: 1 });
  });

  it("does nothing when dropped on itself, on nothing, or on what is not a step card", () => {
    expect(dropIntent(step, 20, 20, order)).toBeNull();
    expect(dropIntent(step, 20, null, order)).toBeNull();
    expect(dropIntent(step, 20, 99, order)).toBeNull();
    expect(dropIntent(step, 20, bandKey(30), order)).toBeNull();
    expect(dropIntent(step, 20, stepKey(30), order)).toBeNull();
  });
});

describe("dropping a vehicle from the palette", () => {
  it("attaches it to the step or the move it is dropped on", () => {
    expect(dropIntent({ type: "vehicle", vehicle }, "vehicle:7", stepKey(20), order)).toEqual({
      type: "attach-vehicle",
      vehicle,
      target: { type: "step", stepId: 20 },
    });
    expect(dropIntent({ type: "vehicle", vehicle }, "vehicle:7", moveKey(10, 20), order)).toEqual({
      type: "attach-vehicle",
      vehicle,
      target: { type: "move", fromStepId: 10, toStepId: 20 },
    });
  });

  it("does nothing when dropped on nothing, on a step card or on a customer band", () => {
    expect(dropIntent({ type: "vehicle", vehicle }, "vehicle:7", null, order)).toBeNull();
    expect(dropIntent({ type: "vehicle", vehicle }, "vehicle:7", 20, order)).toBeNull();
    expect(dropIntent({ type: "vehicle", vehicle }, "vehicle:7", bandKey(20), order)).toBeNull();
  });
});

describe("dropping a customer chip", () => {
  it("moves the customer to the step whose band its name is dropped on", () => {
    expect(dropIntent(customer("current"), "customer:5", bandKey(20), order)).toEqual({
      type: "place-customer",
      chip,
      placement: { type: "current", step_id: 20 },
    });
  });

  it("makes the step whose band its target marker is dropped on its target", () => {
    expect(dropIntent(customer("target"), "target:5", bandKey(20), order)).toEqual({
      type: "place-customer",
      chip,
      placement: { type: "target", step_id: 20 },
    });
  });

  it("does nothing when dropped where the customer already is or already aims", () => {
    expect(dropIntent(customer("current"), "customer:5", bandKey(10), order)).toBeNull();
    expect(dropIntent(customer("target"), "target:5", bandKey(30), order)).toBeNull();
  });

  it("does nothing when dropped on nothing or on what is not a customer band", () => {
    expect(dropIntent(customer("current"), "customer:5", null, order)).toBeNull();
    expect(dropIntent(customer("current"), "customer:5", 20, order)).toBeNull();
    expect(dropIntent(customer("target"), "target:5", stepKey(20), order)).toBeNull();
    expect(dropIntent(customer("target"), "target:5", moveKey(10, 20), order)).toBeNull();
  });
});

describe("a drag that carries nothing known", () => {
  it("does nothing", () => {
    expect(dropIntent(undefined, 10, 20, order)).toBeNull();
  });
});
