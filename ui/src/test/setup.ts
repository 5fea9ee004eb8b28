import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { takeUnstubbed } from "./unstubbed";

afterEach(() => {
  cleanup();
  const unstubbed = takeUnstubbed();
  if (unstubbed.length > 0) {
    throw new Error(`the test called methods it did not stub: ${[...new Set(unstubbed)].join(", ")}`);
  }
});
