import { describe, expect, it } from "vitest";
import { parseLevel } from "./parseLevel";

describe("parseLevel", () => {
  it("reads levels written the way people write numbers", () => {
    expect(parseLevel("50")).toBe(50);
    expect(parseLevel("2,5")).toBe(2.5);
    expect(parseLevel("1,200.5")).toBe(1200.5);
    expect(parseLevel("1.200,5")).toBe(1200.5);
    expect(parseLevel(" -3 ")).toBe(-3);
    expect(parseLevel("fifty")).toBeNaN();
    expect(parseLevel("")).toBeNaN();
  });
});
