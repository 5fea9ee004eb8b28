import { describe, expect, it } from "vitest";
import { pagesFor, rowWindow, scrollTopFor } from "./virtualRows";

describe("rowWindow", () => {
  it("renders only the rows in view plus overscan for a short list", () => {
    expect(rowWindow(1000, 36, 360, 0, 2)).toEqual({ spacerHeight: 36000, first: 0, count: 15, top: 0 });
    const w = rowWindow(1000, 36, 360, 3600, 2);
    expect(w.first).toBe(98);
    expect(w.top).toBe(98 * 36);
    expect(w.count).toBe(15);
  });

  it("keeps a million rows inside the browser's height limit and still reaches the last row", () => {
    const total = 1_000_000;
    const w0 = rowWindow(total, 36, 600, 0, 0, 8_000_000);
    expect(w0.spacerHeight).toBe(8_000_000);
    expect(w0.first).toBe(0);
    const end = rowWindow(total, 36, 600, 8_000_000 - 600, 0, 8_000_000);
    expect(end.first + end.count).toBe(total);
    // The last row's bottom is at the bottom of the view.
    expect(end.top + (total - end.first) * 36).toBeCloseTo(8_000_000, 3);
    const middle = rowWindow(total, 36, 600, (8_000_000 - 600) / 2, 0, 8_000_000);
    expect(Math.abs(middle.first - total / 2)).toBeLessThan(20);
  });

  it("is empty for no rows", () => {
    expect(rowWindow(0, 36, 600, 0)).toEqual({ spacerHeight: 0, first: 0, count: 0, top: 0 });
  });
});

describe("scrollTopFor", () => {
  it("leaves the scroll alone when the row is visible and scrolls minimally otherwise", () => {
    expect(scrollTopFor(3, 1000, 36, 360, 0)).toBe(0);
    expect(scrollTopFor(10, 1000, 36, 360, 0)).toBe(11 * 36 - 360);
    expect(scrollTopFor(2, 1000, 36, 360, 720)).toBe(72);
  });

  it("maps rows of a scaled list to the scaled scroll range", () => {
    const top = scrollTopFor(999_999, 1_000_000, 36, 600, 0, 8_000_000);
    expect(top).toBeCloseTo(8_000_000 - 600, 0);
  });
});

describe("pagesFor", () => {
  it("lists the pages a window of rows touches", () => {
    expect(pagesFor(0, 20, 100)).toEqual([0]);
    expect(pagesFor(95, 20, 100)).toEqual([0, 1]);
    expect(pagesFor(0, 0, 100)).toEqual([]);
  });
});
