// An in-memory stand-in for the backend client, for component tests.
import { BackendError, type Client, type MapView, type Persona, type PersonaInput, type PersonaSummary, type WorkspaceInfo } from "../ipc/client";

export function fakeClient(initial: string[] = []): Client & { personas: PersonaSummary[] } {
  const personas: PersonaSummary[] = [];
  let nextId = 1;
  const make = (input: PersonaInput): Persona => ({
    id: nextId,
    mapId: nextId++,
    name: input.name,
    description: input.description,
    successDefinition: input.successDefinition,
    goals: input.goals,
    revenueShare: input.revenueShare ?? null,
    color: input.color ?? "#3b5bdb",
    position: personas.length,
  });
  const blank = (name: string): PersonaInput => ({
    name,
    description: "",
    successDefinition: "",
    goals: [],
    revenueShare: null,
    color: null,
  });
  for (const name of initial) personas.push({ persona: make(blank(name)), stepCount: 0, customerCount: 0, arrCents: 0 });

  const info = (): WorkspaceInfo => ({
    path: "/tmp/test.db",
    name: "Test workspace",
    schemaVersion: 1,
    personaCount: personas.length,
    customerCount: 0,
  });

  return {
    personas,
    workspaceInfo: async () => info(),
    loadDemo: async () => {
      for (const name of ["Home architect", "Large-building architect", "Industrial architect"]) {
        personas.push({ persona: make(blank(name)), stepCount: 4, customerCount: 10, arrCents: 100 });
      }
      return info();
    },
    listPersonas: async () => [...personas],
    createPersona: async (input) => {
      if (personas.some((p) => p.persona.name.toLowerCase() === input.name.toLowerCase())) {
        throw new BackendError({ code: "conflict", message: `a persona named "${input.name}" already exists` });
      }
      const persona = make(input);
      personas.push({ persona, stepCount: 0, customerCount: 0, arrCents: 0 });
      return persona;
    },
    updatePersona: async (id, input) => {
      const found = personas.find((p) => p.persona.id === id);
      if (!found) throw new BackendError({ code: "not_found", message: "persona does not exist" });
      found.persona = { ...found.persona, ...make(input), id, mapId: found.persona.mapId };
      return found.persona;
    },
    deletePersona: async (id) => {
      const index = personas.findIndex((p) => p.persona.id === id);
      personas.splice(index, 1);
      return null;
    },
    getMap: async (personaId): Promise<MapView> => {
      const found = personas.find((p) => p.persona.id === personaId);
      return {
        map: { id: personaId, personaId, name: "map" },
        personaName: found?.persona.name ?? "",
        steps: [],
        moves: [],
        unplacedCount: 0,
      };
    },
    listVehicles: async () => [],
    listCustomers: async (_persona, offset) => ({ total: 0, offset, rows: [] }),
  };
}
