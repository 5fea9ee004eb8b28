// An in-memory stand-in for the backend client, for component tests.
import {
  BackendError,
  type Client,
  type Customer,
  type CustomerRow,
  type CustomerInput,
  type ImportOptions,
  type ImportProblem,
  type ImportProgress,
  type ImportReport,
  type MatrixCell,
  type MapDetail,
  type Persona,
  type KpiLevel,
  type ProgressBasis,
  type Quadrant,
  type SatisfactionMeasure,
  type SatisfactionView,
  type SavedSegment,
  type SegmentFilter,
  type PersonaInput,
  type PersonaSummary,
  type Kpi,
  type Step,
  type UndoState,
  type AttachmentTarget,
  type Vehicle,
  type WorkspaceInfo,
} from "../ipc/client";
import { NO_FILTER } from "../features/segments/segmentFilter";
import { describeQuadrant } from "../features/segments/satisfaction";

const SCORE_BANDS: Record<string, [number, number] | null> = {
  at_risk: [0, 39],
  watch: [40, 69],
  healthy: [70, 100],
  negative: [-100, -1],
  neutral: [0, 29],
  positive: [30, 100],
  unknown: null,
};

function inBand(score: number | null, band: string | null | undefined): boolean {
  if (band == null) return true;
  const range = SCORE_BANDS[band];
  if (range === null || range === undefined) return score === null;
  return score !== null && score >= range[0] && score <= range[1];
}

/** The segment filter as the backend applies it (renewal counted from today). */
function keeps(f: Partial<SegmentFilter>, c: Customer): boolean {
  const today = new Date().toISOString().slice(0, 10);
  const until =
    f.renewalWithinDays == null
      ? null
      : new Date(Date.now() + f.renewalWithinDays * 86_400_000).toISOString().slice(0, 10);
  return (
    (f.personaId == null || c.personaId === f.personaId) &&
    (f.owner == null || c.owner === f.owner) &&
    (f.minArrCents == null || (c.arrCents !== null && c.arrCents >= f.minArrCents)) &&
    (f.maxArrCents == null || (c.arrCents !== null && c.arrCents <= f.maxArrCents)) &&
    inBand(c.health, f.healthBand) &&
    inBand(c.nps, f.npsBand) &&
    (until === null || (c.renewalDate !== null && c.renewalDate >= today && c.renewalDate <= until)) &&
    // The fake keeps no placement history: nobody counts as stalled.
    f.stalledDays == null
  );
}

export function fakeClient(initial: string[] = []): Client & {
  personas: PersonaSummary[];
  steps: Step[];
  customers: CustomerRow[];
  files: Record<string, string>;
  segments: SavedSegment[];
} {
  const personas: PersonaSummary[] = [];
  const steps: Step[] = [];
  const kpis: Kpi[] = [];
  const vehicles: Vehicle[] = [];
  const attachments: { id: number; vehicleId: number; target: AttachmentTarget }[] = [];
  // Undo keeps whole snapshots: enough for a stand-in.
  const undoStack: { label: string; snapshot: string }[] = [];
  const redoStack: { label: string; snapshot: string }[] = [];
  const snapshot = () => JSON.stringify({ personas, steps, kpis, vehicles, attachments });
  const restore = (text: string) => {
    const state = JSON.parse(text) as {
      personas: PersonaSummary[];
      steps: Step[];
      kpis: Kpi[];
      vehicles: Vehicle[];
      attachments: typeof attachments;
    };
    vehicles.splice(0, vehicles.length, ...state.vehicles);
    attachments.splice(0, attachments.length, ...state.attachments);
    personas.splice(0, personas.length, ...state.personas);
    steps.splice(0, steps.length, ...state.steps);
    kpis.splice(0, kpis.length, ...state.kpis);
  };
  const record = (label: string) => {
    undoStack.push({ label, snapshot: snapshot() });
    redoStack.length = 0;
  };
  const undoState = (): UndoState => ({
    undoLabel: undoStack.at(-1)?.label ?? null,
    redoLabel: redoStack.at(-1)?.label ?? null,
  });
  const attached = (match: (t: AttachmentTarget) => boolean) =>
    attachments.flatMap((a) => {
      const vehicle = vehicles.find((v) => v.id === a.vehicleId);
      return vehicle && match(a.target) ? [{ attachmentId: a.id, vehicle }] : [];
    });
  const ordered = (mapId: number) => steps.filter((x) => x.mapId === mapId).sort((a, b) => a.position - b.position);
  const renumber = (order: Step[]) =>
    order.forEach((step, position) => {
      const stored = steps.find((x) => x.id === step.id);
      if (stored) stored.position = position;
    });
  let nextId = 1;
  const customers: CustomerRow[] = [];
  const rowOf = (customer: Customer): CustomerRow => {
    const current = steps.find((x) => x.id === customer.currentStepId);
    const target = steps.find((x) => x.id === customer.targetStepId);
    return {
      customer,
      personaName: personas.find((p) => p.persona.id === customer.personaId)?.persona.name ?? "",
      currentStepTitle: current?.title ?? null,
      targetStepTitle: target?.title ?? null,
      currentStepPosition: current?.position ?? null,
      targetStepPosition: target?.position ?? null,
    };
  };
  const full = (id: number, input: CustomerInput): Customer => ({
    ...input,
    id,
    externalId: input.externalId ?? null,
    currentStepId: input.currentStepId ?? null,
    targetStepId: input.targetStepId ?? null,
    arrCents: input.arrCents ?? null,
    health: input.health ?? null,
    nps: input.nps ?? null,
    csat: input.csat ?? null,
    renewalDate: input.renewalDate ?? null,
  });
  // Import: naive CSV (no quotes) from files registered by the test.
  const files: Record<string, string> = {};
  const fileLines = (path: string) => {
    const text = files[path];
    if (text === undefined)
      throw new BackendError({ code: "invalid_input", field: "file", message: `cannot read ${path}` });
    return text
      .trim()
      .split("\n")
      .map((l) => l.split(","));
  };
  const checkFile = async (
    path: string,
    options: ImportOptions,
    onProgress: (p: ImportProgress) => void,
    write: boolean,
  ): Promise<ImportReport> => {
    const [, ...rows] = fileLines(path);
    const col = (field: string) => options.mapping.indexOf(field as never);
    const problems: ImportProblem[] = [];
    let valid = 0;
    rows.forEach((cells, i) => {
      const name = cells[col("name")] ?? "";
      const persona = personas.find(
        (p) => p.persona.name.toLowerCase() === (cells[col("persona")] ?? "").toLowerCase(),
      );
      if (name === "") problems.push({ line: i + 2, column: "name", reason: "the name is empty" });
      else if (!persona)
        problems.push({ line: i + 2, column: "persona", reason: `unknown persona "${cells[col("persona")]}"` });
      else {
        valid += 1;
        if (write) customers.push(rowOf(full(nextId++, { ...blankCustomer(persona.persona.id), name })));
      }
    });
    onProgress({ phase: write ? "writing" : "validating", rowsDone: rows.length, fraction: 1 });
    return {
      rows: rows.length,
      validRows: valid,
      rejectedRows: rows.length - valid,
      newCustomers: valid,
      matchedCustomers: 0,
      updatedCustomers: 0,
      unchangedCustomers: 0,
      problems,
      problemCount: problems.length,
      missingPersonas: [],
      missingSteps: [],
      written: write,
    };
  };
  const blankCustomer = (personaId: number): CustomerInput => ({
    name: "",
    externalId: null,
    personaId,
    currentStepId: null,
    targetStepId: null,
    arrCents: null,
    health: null,
    nps: null,
    csat: null,
    owner: "",
    renewalDate: null,
    notes: "",
  });
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
  for (const name of initial)
    personas.push({ persona: make(blank(name)), stepCount: 0, customerCount: 0, arrCents: 0 });

  const info = (): WorkspaceInfo => ({
    path: "/tmp/test.db",
    name: "Test workspace",
    schemaVersion: 1,
    personaCount: personas.length,
    customerCount: 0,
  });

  const segments: SavedSegment[] = [];
  const kpiValues = new Map<number, Map<number, number>>();
  const mapOf = (personaId: number) => personas.find((p) => p.persona.id === personaId)?.persona.mapId ?? 0;
  /** The backend's rule: the last step whose success KPIs all reach the level, walking in order. */
  const suggestedFor = (customerId: number, personaId: number, level: KpiLevel) => {
    const values = kpiValues.get(customerId) ?? new Map<number, number>();
    let suggested: number | null = null;
    for (const s of ordered(mapOf(personaId))) {
      const criteria = kpis.filter((k) => k.stepId === s.id && k.kind === "success");
      if (criteria.length === 0) continue;
      const met = criteria.every((k) => {
        const v = values.get(k.id);
        const at = level === "entry" ? k.entryLevel : level === "good" ? k.goodLevel : k.bestLevel;
        return v !== undefined && (k.direction === "higher_is_better" ? v >= at : v <= at);
      });
      if (!met) break;
      suggested = s.id;
    }
    return suggested;
  };
  const differing = (personaId: number, level: KpiLevel) =>
    customers
      .filter((r) => r.customer.personaId === personaId && kpiValues.has(r.customer.id))
      .map((r) => ({ row: r, suggested: suggestedFor(r.customer.id, personaId, level) }))
      .filter((x) => x.suggested !== null && x.suggested !== x.row.customer.currentStepId);
  /** Where a customer stands on success vs satisfaction, by the backend's rules. */
  const placeOf = (c: Customer, basis: ProgressBasis, measure: SatisfactionMeasure) => {
    const score = measure === "nps" ? c.nps : c.csat;
    if (score === null) return null;
    const step = (id: number | null) => steps.find((s) => s.id === id);
    const current = step(c.currentStepId);
    const length = current ? steps.filter((s) => s.mapId === current.mapId).length : 1;
    let progress: number;
    let successful: boolean;
    if (basis === "map") {
      progress = current ? (current.position + 1) / length : 0;
      successful = current !== undefined && (current.position + 1) * 2 >= length;
    } else {
      const target = step(c.targetStepId);
      if (!target) return null;
      progress = current ? Math.min(1, (current.position + 1) / (target.position + 1)) : 0;
      successful = current !== undefined && current.position >= target.position;
    }
    const satisfied = score >= (measure === "nps" ? 30 : 80);
    const quadrant: Quadrant = successful
      ? satisfied
        ? "successful_satisfied"
        : "successful_not_satisfied"
      : satisfied
        ? "satisfied_not_successful"
        : "neither";
    return { progress, score, quadrant };
  };
  const quadrantOf = (c: Customer, basis: ProgressBasis, measure: SatisfactionMeasure) =>
    placeOf(c, basis, measure)?.quadrant ?? null;
  const checkSegmentName = (name: string, id: number | null) => {
    if (name.trim() === "")
      throw new BackendError({ code: "invalid_input", field: "name", message: "Segment name cannot be empty" });
    if (segments.some((s) => s.id !== id && s.name.toLowerCase() === name.trim().toLowerCase())) {
      throw new BackendError({ code: "conflict", message: `a segment named "${name.trim()}" already exists` });
    }
  };

  return {
    personas,
    steps,
    segments,
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
      record(`Create persona “${input.name}”`);
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
    deletePersona: async (id, customers) => {
      const doomed = personas.find((p) => p.persona.id === id);
      if (doomed && doomed.customerCount > 0 && customers.type === "keep") {
        throw new BackendError({ code: "conflict", message: `"${doomed.persona.name}" still has customers` });
      }
      if (doomed && customers.type === "moveTo") {
        const target = personas.find((p) => p.persona.id === customers.personaId);
        if (target) target.customerCount += doomed.customerCount;
      }
      record(`Delete persona “${doomed?.persona.name ?? ""}”`);
      const index = personas.findIndex((p) => p.persona.id === id);
      personas.splice(index, 1);
      return null;
    },
    getMap: async (personaId): Promise<MapDetail> => {
      const found = personas.find((p) => p.persona.id === personaId);
      const mapSteps = ordered(found?.persona.mapId ?? -1);
      return {
        map: { id: found?.persona.mapId ?? -1, personaId, name: "map" },
        personaName: found?.persona.name ?? "",
        steps: mapSteps.map((step) => ({
          step,
          kpis: kpis.filter((k) => k.stepId === step.id),
          vehicles: attached((t) => t.type === "step" && t.stepId === step.id),
          customerCount: customers.filter((r) => r.customer.currentStepId === step.id).length,
          targetCount: customers.filter((r) => r.customer.targetStepId === step.id).length,
          arrCents: customers
            .filter((r) => r.customer.currentStepId === step.id)
            .reduce((sum, r) => sum + (r.customer.arrCents ?? 0), 0),
          customers: customers
            .filter((r) => r.customer.currentStepId === step.id)
            .slice(0, 5)
            .map(({ customer: c }) => ({
              id: c.id,
              name: c.name,
              arrCents: c.arrCents,
              health: c.health,
              targetStepId: c.targetStepId,
            })),
        })),
        moves: mapSteps.slice(1).map((to, i) => {
          const from = mapSteps[i]?.id ?? -1;
          return {
            fromStepId: from,
            toStepId: to.id,
            vehicles: attached((t) => t.type === "move" && t.fromStepId === from && t.toStepId === to.id),
          };
        }),
        unplacedCount: 0,
      };
    },
    addStep: async (mapId, input, at) => {
      if (ordered(mapId).some((x) => x.title.toLowerCase() === input.title.toLowerCase())) {
        throw new BackendError({ code: "conflict", message: `this map already has a step titled "${input.title}"` });
      }
      record(`Add step “${input.title}”`);
      const step: Step = { id: nextId++, mapId, position: 999, title: input.title, outcome: input.outcome };
      const order = ordered(mapId);
      order.splice(at ?? order.length, 0, step);
      steps.push(step);
      renumber(order);
      return step;
    },
    updateStep: async (id, input) => {
      const step = steps.find((x) => x.id === id);
      if (!step) throw new BackendError({ code: "not_found", message: "step does not exist" });
      record(`Edit step “${input.title}”`);
      step.title = input.title;
      step.outcome = input.outcome;
      return step;
    },
    reorderStep: async (id, to) => {
      const step = steps.find((x) => x.id === id);
      if (!step) throw new BackendError({ code: "not_found", message: "step does not exist" });
      record(`Move step “${step.title}”`);
      const order = ordered(step.mapId).filter((x) => x.id !== id);
      order.splice(to, 0, step);
      renumber(order);
      return ordered(step.mapId);
    },
    deleteStep: async (id) => {
      const index = steps.findIndex((x) => x.id === id);
      const step = steps[index];
      if (!step) throw new BackendError({ code: "not_found", message: "step does not exist" });
      record(`Delete step “${step.title}”`);
      steps.splice(index, 1);
      renumber(ordered(step.mapId));
      return null;
    },
    addKpi: async (stepId, input) => {
      record(`Add KPI “${input.name}”`);
      const kpi: Kpi = { id: nextId++, stepId, position: kpis.length, ...input };
      kpis.push(kpi);
      return kpi;
    },
    updateKpi: async (id, input) => {
      const kpi = kpis.find((k) => k.id === id);
      if (!kpi) throw new BackendError({ code: "not_found", message: "KPI does not exist" });
      record(`Edit KPI “${input.name}”`);
      Object.assign(kpi, input);
      return kpi;
    },
    deleteKpi: async (id) => {
      const kpi = kpis.find((k) => k.id === id);
      if (!kpi) throw new BackendError({ code: "not_found", message: "KPI does not exist" });
      record(`Delete KPI “${kpi.name}”`);
      kpis.splice(kpis.indexOf(kpi), 1);
      return null;
    },
    undoState: async () => undoState(),
    undo: async () => {
      const entry = undoStack.pop();
      if (entry) {
        redoStack.push({ label: entry.label, snapshot: snapshot() });
        restore(entry.snapshot);
      }
      return { label: entry?.label ?? null, state: undoState() };
    },
    redo: async () => {
      const entry = redoStack.pop();
      if (entry) {
        undoStack.push({ label: entry.label, snapshot: snapshot() });
        restore(entry.snapshot);
      }
      return { label: entry?.label ?? null, state: undoState() };
    },
    listVehicles: async () => [...vehicles],
    createVehicle: async (input) => {
      record(`Create vehicle “${input.name}”`);
      const vehicle: Vehicle = {
        id: nextId++,
        kind: input.kind,
        customKind: input.customKind ?? null,
        name: input.name,
        description: input.description,
        owner: input.owner,
        link: input.link,
        effort: input.effort,
      };
      vehicles.push(vehicle);
      return vehicle;
    },
    updateVehicle: async (id, input) => {
      const vehicle = vehicles.find((v) => v.id === id);
      if (!vehicle) throw new BackendError({ code: "not_found", message: "vehicle does not exist" });
      Object.assign(vehicle, input);
      return vehicle;
    },
    deleteVehicle: async (id) => {
      vehicles.splice(
        vehicles.findIndex((v) => v.id === id),
        1,
      );
      return null;
    },
    attachVehicle: async (vehicleId, target) => {
      const vehicle = vehicles.find((v) => v.id === vehicleId);
      record(`Attach “${vehicle?.name ?? ""}”`);
      const attachment = { id: nextId++, vehicleId, target };
      attachments.push(attachment);
      return attachment;
    },
    detachVehicle: async (id) => {
      record("Remove a vehicle from the map");
      attachments.splice(
        attachments.findIndex((a) => a.id === id),
        1,
      );
      return null;
    },
    customers,
    listCustomers: async (query, offset, limit) => {
      const matching = customers.filter(
        (r) =>
          keeps(query, r.customer) &&
          (query.currentStepId === null || r.customer.currentStepId === query.currentStepId) &&
          (query.search === "" || r.customer.name.toLowerCase().includes(query.search.toLowerCase())) &&
          (query.quadrant === null ||
            quadrantOf(r.customer, query.quadrant.basis, query.quadrant.measure) === query.quadrant.quadrant) &&
          (query.cell === null ||
            (r.customer.currentStepId === (query.cell.currentStepId ?? null) &&
              r.customer.targetStepId === (query.cell.targetStepId ?? null))),
      );
      matching.sort((a, b) => a.customer.name.localeCompare(b.customer.name));
      return { total: matching.length, offset, rows: matching.slice(offset, offset + limit) };
    },
    getCustomer: async (id) => {
      const row = customers.find((r) => r.customer.id === id);
      if (!row) throw new BackendError({ code: "not_found", message: "customer does not exist" });
      return { row, placements: [] };
    },
    customerOwners: async () => [...new Set(customers.map((r) => r.customer.owner).filter((o) => o !== ""))],
    createCustomer: async (input) => {
      const customer = full(nextId++, input);
      customers.push(rowOf(customer));
      return customer;
    },
    updateCustomer: async (id, input) => {
      const index = customers.findIndex((r) => r.customer.id === id);
      const customer = full(id, input);
      customers[index] = rowOf(customer);
      return customer;
    },
    deleteCustomer: async (id) => {
      customers.splice(
        customers.findIndex((r) => r.customer.id === id),
        1,
      );
      return null;
    },
    placeCustomers: async (ids, placement) => {
      for (const id of ids) {
        const index = customers.findIndex((r) => r.customer.id === id);
        const c = customers[index]?.customer;
        if (!c) continue;
        const next =
          placement.type === "current"
            ? { ...c, currentStepId: placement.step_id }
            : { ...c, targetStepId: placement.step_id ?? null };
        customers[index] = rowOf(next);
      }
      return ids.length;
    },
    exportCustomers: async () => customers.length,
    listSegments: async () =>
      [...segments]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((segment) => {
          const rows = customers.filter(
            (r) =>
              keeps(segment.filter, r.customer) &&
              (segment.quadrant === null ||
                quadrantOf(r.customer, segment.quadrant.basis, segment.quadrant.measure) ===
                  segment.quadrant.quadrant) &&
              (segment.cell === null ||
                (r.customer.currentStepId === segment.cell.currentStepId &&
                  r.customer.targetStepId === segment.cell.targetStepId)),
          );
          const persona = personas.find((p) => p.persona.id === segment.filter.personaId);
          const title = (id: number | null, none: string) => {
            const s = steps.find((st) => st.id === id);
            return s ? `${s.position + 1}. ${s.title}` : none;
          };
          return {
            segment,
            customers: rows.length,
            arrCents: rows.reduce((n, r) => n + (r.customer.arrCents ?? 0), 0),
            personaName: persona?.persona.name ?? "All personas",
            cellLabel:
              segment.cell === null
                ? null
                : `${title(segment.cell.currentStepId, "Not placed")} → ${title(segment.cell.targetStepId, "No target")}`,
            quadrantLabel: segment.quadrant ? describeQuadrant(segment.quadrant) : null,
            problem: null,
          };
        }),
    saveSegment: async (input) => {
      checkSegmentName(input.name, null);
      const segment: SavedSegment = {
        id: nextId++,
        name: input.name.trim(),
        filter: { ...NO_FILTER, ...input.filter },
        cell: input.cell
          ? { currentStepId: input.cell.currentStepId ?? null, targetStepId: input.cell.targetStepId ?? null }
          : null,
        quadrant: input.quadrant ?? null,
      };
      segments.push(segment);
      return segment;
    },
    updateSegment: async (id, input) => {
      checkSegmentName(input.name, id);
      const index = segments.findIndex((s) => s.id === id);
      const old = segments[index];
      if (!old) throw new BackendError({ code: "not_found", message: "segment does not exist" });
      const segment = { ...old, name: input.name.trim(), filter: { ...NO_FILTER, ...input.filter } };
      segments[index] = segment;
      return segment;
    },
    deleteSegment: async (id) => {
      const index = segments.findIndex((s) => s.id === id);
      if (index < 0) throw new BackendError({ code: "not_found", message: "segment does not exist" });
      segments.splice(index, 1);
      return null;
    },
    segmentSatisfaction: async (filter, basis, measure) => {
      const quadrants = new Map<Quadrant, { customers: number; arrCents: number }>();
      const points: SatisfactionView["points"] = [];
      for (const { customer: c } of customers.filter((r) => keeps(filter, r.customer))) {
        const p = placeOf(c, basis, measure);
        if (!p) continue;
        const q = quadrants.get(p.quadrant) ?? { customers: 0, arrCents: 0 };
        q.customers += 1;
        q.arrCents += c.arrCents ?? 0;
        quadrants.set(p.quadrant, q);
        points.push({ progress: p.progress, score: p.score, customers: 1, arrCents: c.arrCents ?? 0 });
      }
      return {
        basis,
        measure,
        points,
        quadrants: (
          ["successful_satisfied", "successful_not_satisfied", "satisfied_not_successful", "neither"] as const
        ).map((quadrant) => ({ quadrant, ...(quadrants.get(quadrant) ?? { customers: 0, arrCents: 0 }) })),
        successfulFrom: basis === "map" ? 0.5 : 1,
        satisfiedFrom: measure === "nps" ? 30 : 80,
        scoreMin: measure === "nps" ? -100 : 0,
        scoreMax: 100,
        successfulRule:
          basis === "map" ? "successful from halfway along the map" : "successful once at the target step",
        satisfiedRule: measure === "nps" ? "satisfied from NPS 30" : "satisfied from CSAT 80",
        withoutScore: 0,
        withoutTarget: 0,
      };
    },
    customerKpiValues: async (id) => {
      const c = customers.find((r) => r.customer.id === id)?.customer;
      if (!c) throw new BackendError({ code: "not_found", message: "customer does not exist" });
      return ordered(mapOf(c.personaId)).flatMap((s) =>
        kpis
          .filter((k) => k.stepId === s.id)
          .map((kpi) => ({
            kpi,
            stepTitle: s.title,
            stepPosition: s.position,
            value: kpiValues.get(id)?.get(kpi.id) ?? null,
          })),
      );
    },
    setCustomerKpiValues: async (id, values) => {
      const mine = kpiValues.get(id) ?? new Map<number, number>();
      for (const v of values) {
        if (v.value === null || v.value === undefined) mine.delete(v.kpiId);
        else mine.set(v.kpiId, v.value);
      }
      kpiValues.set(id, mine);
      return null;
    },
    placementSuggestions: async (personaId, level) => {
      const all = differing(personaId, level);
      return {
        personaId,
        level,
        steps: ordered(mapOf(personaId)),
        stepsWithCriteria: ordered(mapOf(personaId)).filter((s) =>
          kpis.some((k) => k.stepId === s.id && k.kind === "success"),
        ).length,
        customersWithValues: customers.filter((r) => r.customer.personaId === personaId && kpiValues.has(r.customer.id))
          .length,
        differing: all.length,
        suggestions: all.map((x) => ({
          customerId: x.row.customer.id,
          customerName: x.row.customer.name,
          currentStepId: x.row.customer.currentStepId,
          suggestedStepId: x.suggested ?? 0,
        })),
      };
    },
    acceptSuggestions: async (personaId, level) => {
      const all = differing(personaId, level);
      for (const x of all) {
        const index = customers.findIndex((r) => r.customer.id === x.row.customer.id);
        customers[index] = rowOf({ ...x.row.customer, currentStepId: x.suggested });
      }
      return all.length;
    },
    segmentProgression: async (_filter, personaId, from, to, stalledDays) => ({
      personaId,
      steps: ordered(personas.find((p) => p.persona.id === personaId)?.persona.mapId ?? 0),
      rows: ordered(personas.find((p) => p.persona.id === personaId)?.persona.mapId ?? 0).map((s, i) => ({
        stepId: s.id,
        medianDays: i === 0 ? 12 : null,
        movedOn: i === 0 ? 3 : 0,
        forward: i === 0 ? 2 : 0,
        backward: i === 1 ? 1 : 0,
        stayed: 1,
        stalled: 0,
      })),
      periodFrom: from,
      periodTo: to,
      stalledDays,
      stalled: 0,
    }),
    segmentMatrix: async (filter) =>
      personas
        .filter((p) => filter.personaId == null || p.persona.id === filter.personaId)
        .map(({ persona }) => {
          const mine = customers.filter((r) => r.customer.personaId === persona.id && keeps(filter, r.customer));
          const cells = new Map<string, MatrixCell>();
          for (const { customer: c, currentStepPosition, targetStepPosition } of mine) {
            const key = `${c.currentStepId}:${c.targetStepId}`;
            const cell = cells.get(key) ?? {
              currentStepId: c.currentStepId,
              targetStepId: c.targetStepId,
              customers: 0,
              arrCents: 0,
              regression:
                currentStepPosition !== null && targetStepPosition !== null && targetStepPosition < currentStepPosition,
            };
            cell.customers += 1;
            cell.arrCents += c.arrCents ?? 0;
            cells.set(key, cell);
          }
          return {
            personaId: persona.id,
            personaName: persona.name,
            steps: ordered(persona.mapId),
            cells: [...cells.values()],
            customers: mine.length,
            arrCents: mine.reduce((n, r) => n + (r.customer.arrCents ?? 0), 0),
          };
        }),
    suggestPath: async (name) => `/home/test/${name}`,
    files,
    previewImport: async (path) => {
      const lines = fileLines(path);
      const headers = lines[0] ?? [];
      return {
        path,
        format: "csv",
        encoding: "UTF-8",
        delimiter: "comma",
        headers,
        sample: lines.slice(1, 6),
        mapping: headers.map((h) =>
          ["name", "persona", "arr"].includes(h) ? (h as "name" | "persona" | "arr") : null,
        ),
        mappingSaved: false,
        kpiColumns: headers.flatMap((h, column) =>
          kpis.filter((k) => k.name.toLowerCase() === h.toLowerCase()).map((k) => ({ column, kpi: k.name })),
        ),
        kpiNames: [...new Set(kpis.map((k) => k.name))].sort(),
      };
    },
    validateImport: async (path, options, onProgress) => checkFile(path, options, onProgress, false),
    runImport: async (path, options, _remember, onProgress) => checkFile(path, options, onProgress, true),
    cancelImport: async () => null,
    pickImportFile: async () => null,
    pickSavePath: async () => null,
  };
}
