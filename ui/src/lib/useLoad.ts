// Loads data from the backend for a component and reloads on demand. Errors are
// kept as values so each screen can show them where they belong. While a reload
// runs, the previous data stays visible.
import { useCallback, useEffect, useState } from "react";

export type Load<T> =
  | { state: "loading"; data: T | null; error: null }
  | { state: "ready"; data: T; error: null }
  | { state: "failed"; data: T | null; error: unknown };

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Load<T> & { reload: () => void } {
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const key = [...deps, generation];
  const [loadedKey, setLoadedKey] = useState<readonly unknown[]>(key);
  const [result, setResult] = useState<Load<T>>({ state: "loading", data: null, error: null });

  // A new key starts a new load: mark it loading during render (derived state),
  // so the effect below only sets state from the request's callbacks.
  if (!sameDeps(loadedKey, key)) {
    setLoadedKey(key);
    setResult((previous) => ({ state: "loading", data: previous.data, error: null }));
  }

  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setResult({ state: "ready", data, error: null }),
      (error: unknown) => current && setResult((previous) => ({ state: "failed", data: previous.data, error })),
    );
    return () => {
      current = false;
    };
    // The caller lists what the loader depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, key);

  return { ...result, reload };
}

/** True while any of the loads is in flight: what a view's aria-busy says. */
export function inFlight(...loads: { state: Load<unknown>["state"] }[]): boolean {
  return loads.some((l) => l.state === "loading");
}
