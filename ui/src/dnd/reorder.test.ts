import { describe, expect, it } from "vitest";
import { dropIndex, moveItem, stepAnnouncements } from "./reorder";

describe("reorder math", () => {
  it("moves an item forward and backward", () => {
    expect(moveItem(["a", "b", "c", "d"], 0, 2)).toEqual(["b", "c", "a", "d"]);
    expect(moveItem(["a", "b", "c", "d"], 3, 1)).toEqual(["a", "d", "b", "c"]);
  });

  it("clamps targets and ignores unknown sources", () => {
    expect(moveItem(["a", "b"], 0, 9)).toEqual(["b", "a"]);
    expect(moveItem(["a", "b"], 5, 0)).toEqual(["a", "b"]);
  });

  it("turns a drop over an item into the index the dragged item takes", () => {
    expect(dropIndex(0, 2)).toBe(2);
    expect(dropIndex(3, 0)).toBe(0);
  });

  it("treats a drop on itself or outside the list as no move", () => {
    expect(dropIndex(1, 1)).toBeNull();
    expect(dropIndex(1, null)).toBeNull();
  });

  it("announces positions counted from one", () => {
    expect(stepAnnouncements.dropped("Pilot", 3, 4)).toBe("Step Pilot dropped at position 3 of 4.");
  });
});
