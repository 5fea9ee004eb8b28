// One long step of an import wizard at a time (reading, checking, importing): its
// progress while it runs, and its error (a cancel says that nothing was changed).
import { useState } from "react";
import { BackendError, describeError, type ImportProgress } from "../../ipc/client";

export interface Busy {
  what: string;
  progress: ImportProgress | null;
}

/** Runs `run` as the wizard's step named `what`; null when it failed (the error is shown). */
export type RunStep = <T>(
  what: string,
  run: (onProgress: (p: ImportProgress) => void) => Promise<T>,
) => Promise<T | null>;

export function useImportStep() {
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);

  const step: RunStep = async (what, run) => {
    setBusy({ what, progress: null });
    setError(null);
    // Progress messages can arrive after the result: once finished, they are ignored.
    let finished = false;
    try {
      return await run((progress) => {
        if (!finished) setBusy({ what, progress });
      });
    } catch (e) {
      setError(
        e instanceof BackendError && e.code === "cancelled" ? "Cancelled. Nothing was changed." : describeError(e),
      );
      return null;
    } finally {
      finished = true;
      setBusy(null);
    }
  };

  return { busy, error, setError, step };
}
