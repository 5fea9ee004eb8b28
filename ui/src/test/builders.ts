// Plain data as the backend sends it, for stubbed responses: each builder fills what a
// test does not care about with empty values and takes what it does.

/** What a client method resolves to (the serialized form, where the bindings have two). */
type Answer<K extends keyof Client> = Awaited<ReturnType<Client[K]>>;
type CustomerKpiValue = Answer<"customerKpiValues">[number];
type ProgressionView = Answer<"segmentProgression">;
type SuggestionsView = Answer<"placementSuggestions">;
import type {
  AttachedVehicle,
  Client,
  Customer,
  CustomerChip,
  CustomerDetail,
  CustomerPage,
  CustomerRow,
  ImportPreview,
  ImportReport,
  Kpi,
  MapDetail,
  MatrixCell,
  MoveView,
  Persona,
  PersonaMatrix,
  PersonaSummary,
  SatisfactionView,
  SavedSegment,
  SegmentSummary,
  Step,
  StepView,
  UndoState,
  Vehicle,
  WorkspaceInfo,
} from "../ipc/client";

export const noUndo: UndoState = { undoLabel: null, redoLabel: null, notice: null };

export function workspaceInfo(values: Partial<WorkspaceInfo> = {}): WorkspaceInfo {
  return {
    path: "/tmp/test.db",
    name: "Test workspace",
    schemaVersion: 1,
    personaCount: 0,
    customerCount: 0,
    ...values,
  };
}

/** Persona `id` with map `id`. */
export function persona(id: number, name: string, values: Partial<Persona> = {}): Persona {
  return {
    id,
    mapId: id,
    name,
    description: "",
    successDefinition: "",
    goals: [],
    revenueShare: null,
    color: "#3b5bdb",
    position: id - 1,
    ...values,
  };
}

export function personaSummary(
  id: number,
  name: string,
  values: Partial<Omit<PersonaSummary, "persona">> = {},
): PersonaSummary {
  return { persona: persona(id, name), stepCount: 0, customerCount: 0, arrCents: 0, ...values };
}

/** Step `id` of map 1 at `position`. */
export function step(id: number, title: string, position: number, values: Partial<Step> = {}): Step {
  return { id, mapId: 1, position, title, outcome: "", notes: "", ...values };
}

export function kpi(id: number, stepId: number, name: string, values: Partial<Kpi> = {}): Kpi {
  return {
    id,
    stepId,
    position: 0,
    name,
    unit: "",
    direction: "higher_is_better",
    kind: "success",
    entryLevel: 1,
    goodLevel: 2,
    bestLevel: 3,
    ...values,
  };
}

export function vehicle(id: number, name: string, values: Partial<Vehicle> = {}): Vehicle {
  return {
    id,
    kind: "training",
    customKind: null,
    name,
    description: "",
    owner: "",
    link: "",
    effort: "",
    ...values,
  };
}

export function attached(attachmentId: number, v: Vehicle): AttachedVehicle {
  return { attachmentId, vehicle: v };
}

export function chip(id: number, name: string, values: Partial<CustomerChip> = {}): CustomerChip {
  return { id, name, arrCents: null, health: null, targetStepId: null, ...values };
}

export function stepView(s: Step, values: Partial<Omit<StepView, "step">> = {}): StepView {
  return { step: s, kpis: [], vehicles: [], customerCount: 0, targetCount: 0, arrCents: 0, customers: [], ...values };
}

/**
 * The map of persona 1 ("Home architect" unless named) with these steps in order; the
 * moves between consecutive steps have no vehicles unless given.
 */
export function mapDetail(
  steps: StepView[],
  values: Partial<Omit<MapDetail, "steps">> & { moves?: MoveView[] } = {},
): MapDetail {
  const moves = steps.slice(1).map((to, i) => ({
    fromStepId: steps[i]?.step.id ?? -1,
    toStepId: to.step.id,
    vehicles:
      values.moves?.find((m) => m.fromStepId === steps[i]?.step.id && m.toStepId === to.step.id)?.vehicles ?? [],
  }));
  return {
    map: { id: 1, personaId: 1, name: "map" },
    personaName: "Home architect",
    unplacedCount: 0,
    workshopNotes: [],
    ...values,
    steps,
    moves,
  };
}

/** Customer `id` of persona 1, with nothing but what a test sets. */
export function customer(id: number, name: string, values: Partial<Customer> = {}): Customer {
  return {
    id,
    externalId: null,
    name,
    personaId: 1,
    currentStepId: null,
    targetStepId: null,
    arrCents: null,
    health: null,
    nps: null,
    csat: null,
    owner: "",
    renewalDate: null,
    notes: "",
    ...values,
  };
}

export function customerRow(c: Customer, values: Partial<Omit<CustomerRow, "customer">> = {}): CustomerRow {
  return {
    customer: c,
    personaName: "Home architect",
    currentStepTitle: null,
    targetStepTitle: null,
    currentStepPosition: null,
    targetStepPosition: null,
    ...values,
  };
}

/** The first page of a customer list: these rows, all of them. */
export function page(rows: CustomerRow[]): CustomerPage {
  return { total: rows.length, offset: 0, rows };
}

export function customerDetail(row: CustomerRow): CustomerDetail {
  return { row, placements: [] };
}

export type { CustomerKpiValue };

export function kpiValue(k: Kpi, stepTitle: string, stepPosition: number, value: number | null): CustomerKpiValue {
  return { kpi: k, stepTitle, stepPosition, value };
}

export function cell(
  currentStepId: number | null,
  targetStepId: number | null,
  customers: number,
  arrCents: number,
  regression = false,
): MatrixCell {
  return { currentStepId, targetStepId, customers, arrCents, regression };
}

/** A persona's matrix; its totals are those of its cells. */
export function personaMatrix(steps: Step[], cells: MatrixCell[], values: Partial<PersonaMatrix> = {}): PersonaMatrix {
  return {
    personaId: 1,
    personaName: "Home architect",
    steps,
    cells,
    customers: cells.reduce((n, c) => n + c.customers, 0),
    arrCents: cells.reduce((n, c) => n + c.arrCents, 0),
    ...values,
  };
}

export function savedSegment(id: number, name: string, values: Partial<SavedSegment> = {}): SavedSegment {
  return {
    id,
    name,
    filter: {
      personaId: null,
      owner: null,
      minArrCents: null,
      maxArrCents: null,
      healthBand: null,
      npsBand: null,
      renewalWithinDays: null,
      stalledDays: null,
    },
    cell: null,
    quadrant: null,
    ...values,
  };
}

export function segmentSummary(
  segment: SavedSegment,
  values: Partial<Omit<SegmentSummary, "segment">> = {},
): SegmentSummary {
  return {
    segment,
    customers: 0,
    arrCents: 0,
    personaName: "All personas",
    cellLabel: null,
    quadrantLabel: null,
    problem: null,
    ...values,
  };
}

export function satisfactionView(values: Partial<SatisfactionView> = {}): SatisfactionView {
  return {
    basis: "map",
    measure: "nps",
    points: [],
    quadrants: [],
    successfulFrom: 0.5,
    satisfiedFrom: 30,
    scoreMin: -100,
    scoreMax: 100,
    successfulRule: "successful from halfway along the map",
    satisfiedRule: "satisfied from NPS 30",
    withoutScore: 0,
    withoutTarget: 0,
    ...values,
  };
}

export function progressionView(values: Partial<ProgressionView> = {}): ProgressionView {
  return {
    personaId: 1,
    steps: [],
    rows: [],
    periodFrom: "2026-01-01",
    periodTo: "2026-03-31",
    stalledDays: 60,
    stalled: 0,
    ...values,
  };
}

export function suggestionsView(values: Partial<SuggestionsView> = {}): SuggestionsView {
  return {
    personaId: 1,
    level: "good",
    steps: [],
    stepsWithCriteria: 0,
    customersWithValues: 0,
    differing: 0,
    suggestions: [],
    ...values,
  };
}

export function importPreview(path: string, headers: string[], values: Partial<ImportPreview> = {}): ImportPreview {
  return {
    path,
    format: "csv",
    encoding: "UTF-8",
    encodingName: "UTF-8",
    encodingSure: true,
    encodingChosen: false,
    encodingDoubt: null,
    encodings: [
      { name: "UTF-8", label: "UTF-8 (Unicode)" },
      { name: "windows-1252", label: "windows-1252 (Western European)" },
      { name: "Shift_JIS", label: "Shift_JIS (Japanese)" },
    ],
    sepLine: false,
    delimiter: "comma",
    headers,
    sample: [],
    mapping: headers.map(() => null),
    mappingSaved: false,
    mappingFromSaved: headers.map(() => false),
    ambiguities: [],
    fields: [
      { field: "external_id", label: "External id" },
      { field: "name", label: "Name" },
      { field: "persona", label: "Persona" },
      { field: "current_step", label: "Current step" },
      { field: "target_step", label: "Target step" },
      { field: "arr", label: "ARR" },
      { field: "health", label: "Health" },
      { field: "nps", label: "NPS" },
      { field: "csat", label: "CSAT" },
      { field: "owner", label: "Owner" },
      { field: "renewal_date", label: "Renewal date" },
      { field: "notes", label: "Notes" },
    ],
    kpiColumns: [],
    kpiNames: [],
    ...values,
  };
}

export function importReport(values: Partial<ImportReport> = {}): ImportReport {
  return {
    rows: 0,
    validRows: 0,
    rejectedRows: 0,
    newCustomers: 0,
    matchedCustomers: 0,
    updatedCustomers: 0,
    unchangedCustomers: 0,
    problems: [],
    problemCount: 0,
    missingPersonas: [],
    missingSteps: [],
    written: false,
    notes: [],
    changes: [],
    moves: [],
    ...values,
  };
}
