// The only module that talks to the generated bindings. It turns every command's
// result into a resolved value or a thrown BackendError with a stable code, and
// gives the rest of the UI short type names.
import { Channel } from "@tauri-apps/api/core";
import { emitTo, listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { commands } from "./bindings";
import type {
  AppError_Serialize,
  AttachedVehicle_Serialize,
  AttachmentId,
  AttachmentTarget,
  CustomersOnDelete,
  UndoStep_Serialize,
  MapId,
  Step,
  StepId,
  StepInput,
  UndoState_Serialize,
  CustomerPage_Serialize,
  CustomerRow_Serialize,
  CustomerDetail_Serialize,
  CustomerChip_Serialize,
  CustomerId,
  CustomerInput_Deserialize,
  CustomerQuery_Deserialize,
  CustomerSort,
  HealthBand,
  PlacementEntry_Serialize,
  PlacementMove_Deserialize,
  PlacementSource,
  CellRef,
  MatrixCell_Serialize,
  NpsBand,
  PersonaMatrix_Serialize,
  SegmentFilter_Deserialize,
  SavedSegment_Serialize,
  SavedSegmentInput_Deserialize,
  SegmentId,
  SegmentSummary_Serialize,
  ProgressBasis,
  Quadrant,
  QuadrantRef,
  SatisfactionMeasure,
  SatisfactionView,
  ProgressionView,
  CustomerKpiValue,
  KpiLevel,
  KpiValueInput,
  PlacementSuggestion,
  SuggestionsView,
  HistoryField,
  HistoryOptions_Deserialize,
  HistoryPreview_Serialize,
  HistoryReport_Serialize,
  StageChoice,
  StageMatch,
  ImportField,
  ImportOptions_Deserialize,
  ImportPreview_Serialize,
  ImportProblem_Serialize,
  ImportProgress_Serialize,
  ImportProgress_Deserialize,
  ImportReport_Serialize,
  Kpi,
  KpiId,
  KpiInput,
  MapDetail_Serialize,
  NoteKind,
  PresentationView_Serialize,
  Reveal,
  WorkshopNote,
  WorkshopNoteId,
  WorkshopNoteInput,
  MapCustomers,
  MapExportOptions,
  MapFormat,
  Paper,
  Screen,
  HandoutFormat,
  HandoutOptions,
  MoveView_Serialize,
  Persona_Serialize,
  PersonaId,
  PersonaInput_Deserialize,
  PersonaSummary_Serialize,
  StepView_Serialize,
  Vehicle_Serialize,
  VehicleId,
  VehicleInput_Deserialize,
  VehicleKind,
  WorkspaceInfo_Serialize,
  MenuState_Deserialize,
  RecentWorkspace,
  MapVersion,
  MapVersionId,
  MapContent_Serialize,
  ContentStep_Serialize,
  ContentKpi_Serialize,
  MapChange_Serialize,
  ChangeKind,
  MapComparison_Serialize,
  RestorePreview,
  RestoreMove,
  VersionRef,
  GalleryTemplate_Serialize,
  MapTemplate_Serialize,
} from "./bindings";

export type AppError = AppError_Serialize;
export type ErrorCode = AppError["code"];
export type AttachedVehicle = AttachedVehicle_Serialize;
export type CustomerPage = CustomerPage_Serialize;
export type CustomerRow = CustomerRow_Serialize;
export type Customer = CustomerRow_Serialize["customer"];
export type CustomerDetail = CustomerDetail_Serialize;
export type CustomerChip = CustomerChip_Serialize;
export type CustomerInput = CustomerInput_Deserialize;
export type CustomerQuery = Required<CustomerQuery_Deserialize>;
export type PlacementEntry = PlacementEntry_Serialize;
export type PlacementMove = PlacementMove_Deserialize;
export type { CustomerId, CustomerSort, HealthBand, PlacementSource };
export type { ImportField };
export type { CellRef, NpsBand };
export type MatrixCell = MatrixCell_Serialize;
export type PersonaMatrix = PersonaMatrix_Serialize;
export type SegmentFilter = Required<SegmentFilter_Deserialize>;
export type SavedSegment = SavedSegment_Serialize;
export type SavedSegmentInput = SavedSegmentInput_Deserialize;
export type SegmentSummary = SegmentSummary_Serialize;
export type { SegmentId };
export type { ProgressBasis, Quadrant, QuadrantRef, SatisfactionMeasure, SatisfactionView };
export type { ProgressionView };
export type { CustomerKpiValue, KpiLevel, KpiValueInput, PlacementSuggestion, SuggestionsView };
export type ImportOptions = ImportOptions_Deserialize;
export type ImportPreview = ImportPreview_Serialize;
export type ImportProblem = ImportProblem_Serialize;
export type ImportProgress = ImportProgress_Serialize;
export type ImportReport = ImportReport_Serialize;
export type { HistoryField, StageChoice, StageMatch };
export type HistoryPreview = HistoryPreview_Serialize;
export type HistoryOptions = HistoryOptions_Deserialize;
export type HistoryReport = HistoryReport_Serialize;

/** What each map export format is called in a file dialog's filter. */
const MAP_FORMAT_NAMES: Record<MapFormat, string> = {
  html: "Web page",
  pdf: "PDF document",
  png: "PNG image",
  svg: "SVG drawing",
};

// The generated bindings type a channel by what the command takes; what arrives is the
// same shape as the serialized progress.
function progressChannel(onProgress: (p: ImportProgress) => void): Channel<ImportProgress_Deserialize> {
  const channel = new Channel<ImportProgress_Deserialize>();
  channel.onmessage = (p) => onProgress({ ...p, fraction: p.fraction ?? null });
  return channel;
}
export type { Kpi };
export type MapDetail = MapDetail_Serialize;
export type { HandoutFormat, HandoutOptions, MapCustomers, MapExportOptions, MapFormat, Paper };
export type { Screen };

/** What the audience window tells the presenter view: what is on screen. */
export interface PresentationState {
  personaId: PersonaId;
  index: number;
  showNames: boolean;
  /** Goes up when the workspace changed (a note taken), so the presenter view reloads. */
  revision: number;
}

/** What the presenter view asks of the audience window. */
export type PresenterCommand =
  | { kind: "hello" }
  | { kind: "go"; index: number }
  | { kind: "showNames"; on: boolean }
  | { kind: "noted"; said: string }
  | { kind: "leave" };

const PRESENTER_WINDOW = "presenter";
const STATE_EVENT = "presentation-state";
const COMMAND_EVENT = "presenter-command";

export type { NoteKind, WorkshopNote, WorkshopNoteId, WorkshopNoteInput };
export type PresentationView = PresentationView_Serialize;
export type { Reveal };
export type MoveView = MoveView_Serialize;
export type Persona = Persona_Serialize;
export type PersonaInput = PersonaInput_Deserialize;
export type PersonaSummary = PersonaSummary_Serialize;
export type StepView = StepView_Serialize;
export type Vehicle = Vehicle_Serialize;
export type WorkspaceInfo = WorkspaceInfo_Serialize;
export type MenuState = MenuState_Deserialize;
export type { RecentWorkspace };
export type { MapVersion, MapVersionId, ChangeKind, RestorePreview, RestoreMove, VersionRef };
export type MapContent = MapContent_Serialize;
export type ContentStep = ContentStep_Serialize;
export type ContentKpi = ContentKpi_Serialize;
export type MapChange = MapChange_Serialize;
export type MapComparison = MapComparison_Serialize;
export type GalleryTemplate = GalleryTemplate_Serialize;
export type MapTemplate = MapTemplate_Serialize;
/** The Progression view's default period and stalled threshold, in days (the core's rule,
 * which `successmap segment progression` uses too). */
export { PROGRESSION_PERIOD_DAYS, STALLED_DAYS } from "./bindings";
/** Vehicle kinds and success-vs-satisfaction quadrants in words, as the core's drawings,
 * handouts and saved segments name them. */
export { QUADRANT_NAMES, VEHICLE_KIND_LABELS } from "./bindings";
/** How map template files end (docs/map-format.md). */
export const TEMPLATE_EXTENSION = "successmap-map.json";

/** The extension of workspace files (docs/decisions/0010-workspace-documents.md); files
 * named `.db` (older workspaces, the default one) open too. */
export const WORKSPACE_EXTENSION = "successmap";
/** The event by which the native menu sends the id of the item chosen. */
const MENU_EVENT = "menu";
export type UndoStep = UndoStep_Serialize;
export type VehicleInput = VehicleInput_Deserialize;
export type { AttachmentId, AttachmentTarget, CustomersOnDelete, VehicleId };
export type UndoState = UndoState_Serialize;
export type { KpiId, KpiInput, MapId, PersonaId, Step, StepId, StepInput, VehicleKind };

/** An error the backend reported, or a failure to reach it at all. */
export class BackendError extends Error {
  readonly code: ErrorCode;
  /** The form field the error is about (camelCase), when there is one. */
  readonly field: string | null;

  constructor(error: AppError) {
    super(error.message);
    this.name = "BackendError";
    this.code = error.code;
    this.field = error.code === "invalid_input" ? error.field : null;
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (cause) {
    throw new BackendError({
      code: "internal",
      message: `Successmap could not reach its backend (${cause instanceof Error ? cause.message : String(cause)})`,
    });
  }
  if (outcome.status === "error") throw new BackendError(outcome.error);
  return outcome.data;
}

/** A readable sentence for any error that reaches the UI. */
export function describeError(error: unknown): string {
  if (error instanceof BackendError) return capitalise(error.message);
  if (error instanceof Error) return capitalise(error.message);
  return "Something went wrong.";
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

export const client = {
  workspaceInfo: () => unwrap(commands.workspaceInfo()),
  loadDemo: () => unwrap(commands.loadDemo()),
  listPersonas: () => unwrap(commands.listPersonas()),
  createPersona: (input: PersonaInput) => unwrap(commands.createPersona(input)),
  updatePersona: (id: PersonaId, input: PersonaInput) => unwrap(commands.updatePersona(id, input)),
  deletePersona: (id: PersonaId, customers: CustomersOnDelete) => unwrap(commands.deletePersona(id, customers)),
  getMap: (personaId: PersonaId) => unwrap(commands.getMap(personaId)),
  addStep: (mapId: MapId, input: StepInput, at: number | null) => unwrap(commands.addStep(mapId, input, at)),
  updateStep: (id: StepId, input: StepInput) => unwrap(commands.updateStep(id, input)),
  reorderStep: (id: StepId, to: number) => unwrap(commands.reorderStep(id, to)),
  deleteStep: (id: StepId) => unwrap(commands.deleteStep(id)),
  addKpi: (stepId: StepId, input: KpiInput) => unwrap(commands.addKpi(stepId, input)),
  updateKpi: (id: KpiId, input: KpiInput) => unwrap(commands.updateKpi(id, input)),
  deleteKpi: (id: KpiId) => unwrap(commands.deleteKpi(id)),
  undoState: () => unwrap(commands.undoState()),
  undo: () => unwrap(commands.undo()),
  redo: () => unwrap(commands.redo()),
  listVehicles: () => unwrap(commands.listVehicles()),
  createVehicle: (input: VehicleInput) => unwrap(commands.createVehicle(input)),
  updateVehicle: (id: VehicleId, input: VehicleInput) => unwrap(commands.updateVehicle(id, input)),
  deleteVehicle: (id: VehicleId) => unwrap(commands.deleteVehicle(id)),
  attachVehicle: (vehicleId: VehicleId, target: AttachmentTarget) => unwrap(commands.attachVehicle(vehicleId, target)),
  detachVehicle: (id: AttachmentId) => unwrap(commands.detachVehicle(id)),
  listCustomers: (query: CustomerQuery, offset: number, limit: number) =>
    unwrap(commands.listCustomers(query, offset, limit)),
  getCustomer: (id: CustomerId) => unwrap(commands.getCustomer(id)),
  customerOwners: () => unwrap(commands.customerOwners()),
  createCustomer: (input: CustomerInput) => unwrap(commands.createCustomer(input)),
  updateCustomer: (id: CustomerId, input: CustomerInput) => unwrap(commands.updateCustomer(id, input)),
  deleteCustomer: (id: CustomerId) => unwrap(commands.deleteCustomer(id)),
  placeCustomers: (ids: CustomerId[], placement: PlacementMove, source: PlacementSource) =>
    unwrap(commands.placeCustomers(ids, placement, source)),
  /** Refuses an existing file (code `file_exists`) unless `replace`. */
  exportCustomers: (query: CustomerQuery, path: string, replace: boolean) =>
    unwrap(commands.exportCustomers(query, path, replace)),
  /** A persona's map with the order a presentation reveals it in. */
  getPresentation: (personaId: PersonaId) => unwrap(commands.getPresentation(personaId)),
  /** Notes an idea or decision on a step or move (one undoable edit). */
  addWorkshopNote: (input: WorkshopNoteInput) => unwrap(commands.addWorkshopNote(input)),
  deleteWorkshopNote: (id: WorkshopNoteId) => unwrap(commands.deleteWorkshopNote(id)),
  /** Puts the window in or out of full screen (a presentation). */
  setFullscreen: (on: boolean) => unwrap(commands.setFullscreen(on)),
  listScreens: () => unwrap(commands.listScreens()),
  openPresenterWindow: (presenterScreen: number, audienceScreen: number) =>
    unwrap(commands.openPresenterWindow(presenterScreen, audienceScreen)),
  closePresenterWindow: () => unwrap(commands.closePresenterWindow()),
  /** True in the presenter view's own window. */
  isPresenterWindow: (): boolean => {
    try {
      return getCurrentWindow().label === PRESENTER_WINDOW;
    } catch {
      return false;
    }
  },
  /** Audience → presenter view. */
  sendPresentationState: (state: PresentationState) => emitTo(PRESENTER_WINDOW, STATE_EVENT, state),
  onPresentationState: (handle: (state: PresentationState) => void) =>
    listen<PresentationState>(STATE_EVENT, (event) => handle(event.payload)),
  /** Presenter view → audience. */
  sendPresenterCommand: (command: PresenterCommand) => emitTo("main", COMMAND_EVENT, command),
  onPresenterCommand: (handle: (command: PresenterCommand) => void) =>
    listen<PresenterCommand>(COMMAND_EVENT, (event) => handle(event.payload)),
  /** Writes personas' maps to a file: SVG or PNG of one map, PDF with a page per map. */
  exportMap: (personaIds: PersonaId[], options: MapExportOptions, path: string, replace: boolean) =>
    unwrap(commands.exportMap(personaIds, options, path, replace)),
  exportHandout: (id: CustomerId, options: HandoutOptions, path: string, replace: boolean) =>
    unwrap(commands.exportHandout(id, options, path, replace)),
  segmentMatrix: (filter: SegmentFilter) => unwrap(commands.segmentMatrix(filter)),
  listSegments: () => unwrap(commands.listSegments()),
  saveSegment: (input: SavedSegmentInput) => unwrap(commands.saveSegment(input)),
  updateSegment: (id: SegmentId, input: SavedSegmentInput) => unwrap(commands.updateSegment(id, input)),
  deleteSegment: (id: SegmentId) => unwrap(commands.deleteSegment(id)),
  segmentSatisfaction: (filter: SegmentFilter, basis: ProgressBasis, measure: SatisfactionMeasure) =>
    unwrap(commands.segmentSatisfaction(filter, basis, measure)),
  customerKpiValues: (id: CustomerId) => unwrap(commands.customerKpiValues(id)),
  setCustomerKpiValues: (id: CustomerId, values: KpiValueInput[]) => unwrap(commands.setCustomerKpiValues(id, values)),
  placementSuggestions: (personaId: PersonaId, level: KpiLevel) =>
    unwrap(commands.placementSuggestions(personaId, level)),
  acceptSuggestions: (personaId: PersonaId, level: KpiLevel) => unwrap(commands.acceptSuggestions(personaId, level)),
  segmentProgression: (filter: SegmentFilter, personaId: PersonaId, from: string, to: string, stalledDays: number) =>
    unwrap(commands.segmentProgression(filter, personaId, from, to, stalledDays)),
  /** Writes a consistent copy of the open workspace to `path` (refuses an existing file,
   * code `file_exists`, unless `replace`). */
  saveCopy: (path: string, replace: boolean) => unwrap(commands.saveCopy(path, replace)),
  /** True when another program changed the workspace since the last call. */
  changedElsewhere: () => unwrap(commands.changedElsewhere()),
  suggestPath: (fileName: string) => unwrap(commands.suggestPath(fileName)),
  /** Reads the start of a file for the import wizard; `encoding` (a name from the
   * preview's `encodings`) reads a CSV file in that encoding instead of the detected one. */
  previewImport: (path: string, encoding: string | null = null) => unwrap(commands.previewImport(path, encoding)),
  /** A stage history file described, its columns proposed (`encoding` as for previewImport). */
  previewHistory: (path: string, encoding: string | null = null) => unwrap(commands.previewHistory(path, encoding)),
  validateHistory: (path: string, options: HistoryOptions, onProgress: (p: ImportProgress) => void) =>
    unwrap(commands.validateHistory(path, options, progressChannel(onProgress))),
  runHistory: (path: string, options: HistoryOptions, remember: boolean, onProgress: (p: ImportProgress) => void) =>
    unwrap(commands.runHistory(path, options, remember, progressChannel(onProgress))),
  validateImport: (path: string, options: ImportOptions, onProgress: (p: ImportProgress) => void) =>
    unwrap(commands.validateImport(path, options, progressChannel(onProgress))),
  runImport: (path: string, options: ImportOptions, remember: boolean, onProgress: (p: ImportProgress) => void) =>
    unwrap(commands.runImport(path, options, remember, progressChannel(onProgress))),
  cancelImport: () => unwrap(commands.cancelImport()),
  /** The native "open" dialog for CSV and XLSX files; null when the user cancels. */
  pickImportFile: async (): Promise<string | null> => {
    const picked = await openDialog({
      multiple: false,
      directory: false,
      title: "Import customers",
      filters: [{ name: "CRM exports (CSV, XLSX)", extensions: ["csv", "tsv", "txt", "xlsx"] }],
    });
    return typeof picked === "string" ? picked : null;
  },
  /** The native "save" dialog, starting at `suggested`; null when the user cancels. The
   * dialog itself asks before a chosen file is replaced. */
  pickSavePath: async (suggested: string): Promise<string | null> =>
    (await saveDialog({ defaultPath: suggested, filters: [{ name: "CSV", extensions: ["csv"] }] })) ?? null,
  /** The native "save" dialog for a map export in `format`; null when the user cancels. */
  pickMapPath: async (suggested: string, format: MapFormat): Promise<string | null> =>
    (await saveDialog({
      defaultPath: suggested,
      filters: [{ name: MAP_FORMAT_NAMES[format], extensions: [format] }],
    })) ?? null,
  listMapVersions: (personaId: PersonaId) => unwrap(commands.listMapVersions(personaId)),
  saveMapVersion: (personaId: PersonaId, name: string, note: string) =>
    unwrap(commands.saveMapVersion(personaId, name, note)),
  mapVersionContent: (personaId: PersonaId, versionId: MapVersionId) =>
    unwrap(commands.mapVersionContent(personaId, versionId)),
  compareMapVersions: (personaId: PersonaId, from: VersionRef, to: VersionRef) =>
    unwrap(commands.compareMapVersions(personaId, from, to)),
  restorePreview: (personaId: PersonaId, versionId: MapVersionId) =>
    unwrap(commands.restorePreview(personaId, versionId)),
  /** Restores a version (undoable); `moves` says where the customers of removed steps go. */
  restoreMapVersion: (personaId: PersonaId, versionId: MapVersionId, moves: RestoreMove[]) =>
    unwrap(commands.restoreMapVersion(personaId, versionId, moves)),
  templateGallery: () => unwrap(commands.templateGallery()),
  readMapTemplate: (path: string) => unwrap(commands.readMapTemplate(path)),
  /** Creates a persona with the template's map (named `name`, else as the template says). */
  importMapTemplate: (template: MapTemplate, name: string | null) => unwrap(commands.importMapTemplate(template, name)),
  exportMapTemplate: (personaId: PersonaId, path: string, replace: boolean) =>
    unwrap(commands.exportMapTemplate(personaId, path, replace)),
  /** The native "open" dialog for a map template; null when the user cancels. */
  pickTemplateFile: async (): Promise<string | null> => {
    const picked = await openDialog({
      multiple: false,
      directory: false,
      title: "Open a map template",
      filters: [{ name: "Successmap map templates", extensions: ["json"] }],
    });
    return typeof picked === "string" ? picked : null;
  },
  /** The native "save" dialog for a map template; null when the user cancels. */
  pickTemplatePath: async (suggested: string): Promise<string | null> =>
    (await saveDialog({
      defaultPath: suggested,
      filters: [{ name: "Successmap map template", extensions: ["json"] }],
    })) ?? null,
  /** Opens another workspace file in place of the open one (refused with the reason when
   * it is not a workspace; the open one then stays). */
  openWorkspace: (path: string) => unwrap(commands.openWorkspace(path)),
  /** Creates an empty workspace file and opens it (refuses an existing file, code
   * `file_exists`, unless `replace`). */
  newWorkspace: (path: string, replace: boolean) => unwrap(commands.newWorkspace(path, replace)),
  closeWorkspace: () => unwrap(commands.closeWorkspace()),
  recentWorkspaces: () => unwrap(commands.recentWorkspaces()),
  forgetRecentWorkspace: (path: string) => unwrap(commands.forgetRecentWorkspace(path)),
  /** Tells the native menu what applies now. */
  setMenuState: (state: MenuState) => unwrap(commands.setMenuState(state)),
  /** Calls `handle` with the id of every native menu item the user chooses. */
  onMenu: (handle: (id: string) => void) => listen<string>(MENU_EVENT, (event) => handle(event.payload)),
  /** The native "open" dialog for a workspace file; null when the user cancels. */
  pickWorkspaceFile: async (): Promise<string | null> => {
    const picked = await openDialog({
      multiple: false,
      directory: false,
      title: "Open a workspace",
      filters: [
        { name: "Successmap workspaces", extensions: [WORKSPACE_EXTENSION, "db"] },
        { name: "All files", extensions: ["*"] },
      ],
    });
    return typeof picked === "string" ? picked : null;
  },
  /** The native "save" dialog for a new workspace file; null when the user cancels. */
  pickNewWorkspacePath: async (suggested: string): Promise<string | null> =>
    (await saveDialog({
      title: "New workspace",
      defaultPath: suggested,
      filters: [{ name: "Successmap workspace", extensions: [WORKSPACE_EXTENSION] }],
    })) ?? null,
  /** The native "save" dialog for a copy of the workspace; null when the user cancels. */
  pickCopyPath: async (suggested: string): Promise<string | null> =>
    (await saveDialog({
      defaultPath: suggested,
      filters: [{ name: "Successmap workspace", extensions: [WORKSPACE_EXTENSION, "db"] }],
    })) ?? null,
};

export type Client = typeof client;
