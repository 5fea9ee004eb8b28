// The steps of a persona's map, in order, for step pickers.
import type { PersonaId, Step } from "../ipc/client";
import { useClient } from "../ipc/context";
import { useLoad } from "./useLoad";

/** The steps, and whether they are being loaded. */
export function useStepsLoad(personaId: PersonaId | null, revision = 0): { steps: Step[]; loading: boolean } {
  const client = useClient();
  const map = useLoad(
    () => (personaId === null ? Promise.resolve(null) : client.getMap(personaId)),
    [client, personaId, revision],
  );
  return { steps: map.data?.steps.map((s) => s.step) ?? [], loading: map.state === "loading" };
}

export function useSteps(personaId: PersonaId | null, revision = 0): Step[] {
  return useStepsLoad(personaId, revision).steps;
}
