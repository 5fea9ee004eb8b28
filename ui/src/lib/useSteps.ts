// The steps of a persona's map, in order, for step pickers.
import type { PersonaId, Step } from "../ipc/client";
import { useClient } from "../ipc/context";
import { useLoad } from "./useLoad";

export function useSteps(personaId: PersonaId | null, revision = 0): Step[] {
  const client = useClient();
  const map = useLoad(
    () => (personaId === null ? Promise.resolve(null) : client.getMap(personaId)),
    [client, personaId, revision],
  );
  return map.data?.steps.map((s) => s.step) ?? [];
}
