import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CustomerRow } from "../../ipc/client";
import { filterChips, NO_FILTER } from "./segmentFilter";
import { useSegmentSelection, type Selection } from "./useSegmentSelection";

const cell: Selection = {
  personaId: 1,
  cell: { currentStepId: 10, targetStepId: 11 },
  quadrant: null,
  label: "Home architect: 1. Pilot → 2. Scale",
  count: 2,
};
const quadrant: Selection = {
  personaId: null,
  cell: null,
  quadrant: { basis: "map", measure: "nps", quadrant: "neither" },
  label: "Neither successful nor satisfied (NPS; progress along the map)",
  count: 1,
};
const stalled: Selection = {
  personaId: 1,
  cell: null,
  quadrant: null,
  label: "Home architect: on their step over 60 days",
  count: 3,
};

const row = (id: number) => ({ customer: { id, personaId: 1 } }) as CustomerRow;
const personaName = (id: number) => (id === 1 ? "Home architect" : "Persona");

describe("the segment selection", () => {
  it("keeps the customers picked in the segment's list until they are let go", () => {
    const { result } = renderHook(() => useSegmentSelection());
    act(() => result.current.select(cell));
    act(() => result.current.toggle(row(5), true));
    act(() => result.current.toggle(row(6), true));
    act(() => result.current.toggle(row(5), false));
    expect([...result.current.picked.keys()]).toEqual([6]);
    act(() => result.current.clearPicked());
    expect(result.current.picked.size).toBe(0);
  });

  it("starts another segment, or the same one under other filters, with none picked", () => {
    const { result } = renderHook(() => useSegmentSelection());
    act(() => result.current.select(cell));
    act(() => result.current.toggle(row(5), true));
    act(() => result.current.change({ minArrCents: 500_00 }));
    expect(result.current.selection).toEqual(cell);
    expect(result.current.picked.size).toBe(0);

    act(() => result.current.toggle(row(5), true));
    act(() => result.current.select(quadrant));
    expect(result.current.picked.size).toBe(0);
  });

  it("keeps its picks when only the chosen segment's label or size is told again", () => {
    const { result } = renderHook(() => useSegmentSelection());
    act(() => result.current.select(cell));
    act(() => result.current.toggle(row(5), true));
    const key = result.current.selectionKey;
    act(() => result.current.select({ ...cell, count: 7 }));
    expect(result.current.selectionKey).toBe(key);
    expect(result.current.picked.size).toBe(1);
  });

  it("lets a chosen cell go when another persona is chosen, not when other filters change", () => {
    const { result } = renderHook(() => useSegmentSelection());
    act(() => result.current.select(cell));
    act(() => result.current.change({ owner: "Maya", healthBand: "watch" }));
    expect(result.current.selection).toEqual(cell);
    act(() => result.current.change({ personaId: 2 }));
    expect(result.current.filter).toEqual({ ...NO_FILTER, owner: "Maya", healthBand: "watch", personaId: 2 });
    expect(result.current.selection).toBeNull();
  });

  it("lets a segment of the filters alone go when one of them is removed or all are cleared", () => {
    const { result } = renderHook(() => useSegmentSelection());
    act(() => result.current.show({ personaId: 1, stalledDays: 60, owner: "Maya" }, stalled));
    expect(result.current.selection).toEqual(stalled);
    const owner = filterChips(result.current.filter, personaName).find((c) => c.key === "owner");
    if (!owner) throw new Error("no owner chip");
    act(() => result.current.removeFilter(owner));
    expect(result.current.filter).toEqual({ ...NO_FILTER, personaId: 1, stalledDays: 60 });
    expect(result.current.selection).toBeNull();

    act(() => result.current.show({ owner: "Maya" }, stalled));
    act(() => result.current.clearFilters());
    expect(result.current.filter).toEqual(NO_FILTER);
    expect(result.current.selection).toBeNull();
  });

  it("keeps a cell or a quadrant when another filter's chip is removed, not when the persona's is", () => {
    const { result } = renderHook(() => useSegmentSelection());
    act(() => result.current.show({ personaId: 1, owner: "Maya" }, cell));
    const chip = (key: string) => {
      const found = filterChips(result.current.filter, personaName).find((c) => c.key === key);
      if (!found) throw new Error(`no ${key} chip`);
      return found;
    };
    act(() => result.current.removeFilter(chip("owner")));
    expect(result.current.selection).toEqual(cell);
    act(() => result.current.clearFilters());
    expect(result.current.selection).toEqual(cell);

    act(() => result.current.show({ personaId: 1 }, quadrant));
    act(() => result.current.removeFilter(chip("persona")));
    expect(result.current.selection).toBeNull();
  });

  it("lets a quadrant go when the chart's axes change, and keeps a cell", () => {
    const { result } = renderHook(() => useSegmentSelection());
    act(() => result.current.select(cell));
    act(() => result.current.axesChanged());
    expect(result.current.selection).toEqual(cell);
    act(() => result.current.select(quadrant));
    act(() => result.current.axesChanged());
    expect(result.current.selection).toBeNull();
  });
});
