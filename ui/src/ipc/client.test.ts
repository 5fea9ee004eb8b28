import { describe, expect, it } from "vitest";
import { BackendError, describeError, unwrap } from "./client";

describe("the backend client", () => {
  it("returns the data of a successful command", async () => {
    await expect(unwrap(Promise.resolve({ status: "ok" as const, data: 42 }))).resolves.toBe(42);
  });

  it("turns a command's error into a BackendError with its code and field", async () => {
    const failing = Promise.resolve({
      status: "error" as const,
      error: { code: "invalid_input" as const, field: "name", message: "Persona name cannot be empty" },
    });
    const error = await unwrap(failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).code).toBe("invalid_input");
    expect((error as BackendError).field).toBe("name");
    expect(describeError(error)).toBe("Persona name cannot be empty");
  });

  it("reports an unreachable backend as an internal error with a readable message", async () => {
    const error = await unwrap(Promise.reject(new Error("ipc down"))).catch((e: unknown) => e);
    expect((error as BackendError).code).toBe("internal");
    expect(describeError(error)).toBe("Successmap could not reach its backend (ipc down)");
  });
});
