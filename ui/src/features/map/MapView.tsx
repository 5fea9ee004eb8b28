// A persona's success map: its steps left to right with the moves between them, KPIs,
// vehicles and customers; steps reorder, vehicles attach and customers move by drag and
// drop (what a drop means is dropIntent's to say) or from menus.
import { Fragment, useState } from "react";
import {
  closestCenter,
  DndContext,
  DragOverlay,
  pointerWithin,
  type CollisionDetection,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { moveItem, stepAnnouncements } from "../../dnd/reorder";
import type {
  AttachmentId,
  AttachmentTarget,
  CustomerChip,
  Kpi,
  MapDetail as MapData,
  PersonaId,
  PersonaSummary,
  PlacementMove,
  StepView,
  Vehicle,
} from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { inFlight, useLoad } from "../../lib/useLoad";
import { Icon } from "../../components/Icons";
import { kindLabel } from "../../lib/vehicles";
import { moveCoverage } from "./coverage";
import { stepFromBandKey } from "./CustomerBand";
import { dropIntent, type DragData } from "./dropIntent";
import { KpiDialog } from "./KpiDialog";
import { MapExportDialog } from "./MapExportDialog";
import { useMenuRequest, type MenuRequest } from "../../lib/menuRequest";
import { VersionsDialog, type Viewing } from "./versions/VersionsDialog";
import { VersionMap } from "./versions/VersionMap";
import { RestoreDialog } from "./versions/RestoreDialog";
import { TemplateExportDialog } from "./versions/TemplateExportDialog";
import type { MapVersion } from "../../ipc/client";
import { WorkshopNotes } from "./WorkshopNotes";
import { draftFromKpi, emptyKpiDraft } from "./kpiForm";
import { MoveColumn } from "./MoveColumn";
import { StepColumn } from "./StepColumn";
import { StepEditor } from "./StepEditor";
import { targetFromKey, targetOptions } from "./targets";
import { VehiclePalette } from "./VehiclePalette";

interface Props {
  persona: PersonaSummary | null;
  /** Changes whenever the workspace changed; the map reloads. */
  revision: number;
  onChanged: () => void;
  onError: (error: unknown) => void;
  onShowPersonas: () => void;
  /** Opens the customer list filtered to one step of a persona's map. */
  onShowCustomers: ShowCustomers;
  /** Presents the persona's map to a room (full screen). */
  onPresent: () => void;
  /** A native menu item for this view (Export ▸ Map…). */
  menuRequest?: MenuRequest | null;
}

interface Editing {
  onChanged: () => void;
  onError: (error: unknown) => void;
}

type ShowCustomers = (personaId: PersonaId, stepId: number) => void;

export function MapView({
  persona,
  revision,
  onChanged,
  onError,
  onShowPersonas,
  onShowCustomers,
  onPresent,
  menuRequest = null,
}: Props) {
  if (persona === null) {
    return (
      <section className="view">
        <div className="empty-state">
          <h2>No persona selected</h2>
          <p>A success map belongs to a persona. Create one or pick one in the sidebar.</p>
          <div className="empty-actions">
            <button type="button" className="button button-primary" onClick={onShowPersonas}>
              Go to personas
            </button>
          </div>
        </div>
      </section>
    );
  }
  return (
    <LoadedMap
      key={persona.persona.id}
      persona={persona}
      revision={revision}
      onChanged={onChanged}
      onError={onError}
      onShowCustomers={onShowCustomers}
      onPresent={onPresent}
      menuRequest={menuRequest}
    />
  );
}

function LoadedMap({
  persona,
  revision,
  onChanged,
  onError,
  onShowCustomers,
  onPresent,
  menuRequest,
}: {
  persona: PersonaSummary;
  revision: number;
  onShowCustomers: ShowCustomers;
  onPresent: () => void;
  menuRequest: MenuRequest | null;
} & Editing) {
  const client = useClient();
  const map = useLoad(() => client.getMap(persona.persona.id), [persona.persona.id, client, revision]);
  const [adding, setAdding] = useState<number | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  // A version shown in place of the map (read only), or two compared.
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [restoring, setRestoring] = useState<MapVersion | null>(null);
  const [exportingTemplate, setExportingTemplate] = useState(false);
  useMenuRequest(menuRequest, (id) => {
    if (id === "export-map") setExporting(true);
    else if (id === "export-template") setExportingTemplate(true);
  });
  const vehicles = useLoad(() => client.listVehicles(), [client, revision]);

  return (
    <section className="view view-map" aria-labelledby="map-title" aria-busy={inFlight(map, vehicles)}>
      <header className="view-header">
        <div>
          <h1 id="map-title">
            <span className="swatch swatch-lg" style={{ background: persona.persona.color }} aria-hidden="true" />{" "}
            {persona.persona.name}
          </h1>
          {persona.persona.successDefinition && <p className="view-subtitle">{persona.persona.successDefinition}</p>}
        </div>
        <div className="view-tools">
          {map.data && <MapSummary map={map.data} />}
          {map.data && (
            <button
              type="button"
              className="button"
              onClick={onPresent}
              title="Present this map to a room (F5)"
              data-testid="present-map"
            >
              Present
            </button>
          )}
          {map.data && (
            <button type="button" className="button" onClick={() => setExporting(true)} data-testid="export-map">
              Export…
            </button>
          )}
          {map.data && (
            <button
              type="button"
              className="button"
              onClick={() => setVersionsOpen(true)}
              title="Save, compare and restore versions of this map"
              data-testid="open-versions"
            >
              Versions…
            </button>
          )}
          {map.data && map.data.steps.length > 0 && (
            <button
              type="button"
              className="button"
              aria-pressed={paletteOpen}
              onClick={() => setPaletteOpen((open) => !open)}
              data-testid="toggle-palette"
            >
              Vehicles
            </button>
          )}
          {map.data && map.data.steps.length > 0 && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setAdding(map.data?.steps.length ?? 0)}
              disabled={adding !== null}
              data-testid="add-step"
            >
              <Icon name="plus" size={16} /> Add step
            </button>
          )}
        </div>
      </header>
      {exporting && <MapExportDialog persona={persona} onClose={() => setExporting(false)} />}
      {versionsOpen && (
        <VersionsDialog
          persona={persona}
          revision={revision}
          onView={(v) => {
            setViewing(v);
            setVersionsOpen(false);
          }}
          onRestore={(v) => {
            setRestoring(v);
            setVersionsOpen(false);
          }}
          onSaved={onChanged}
          onExportTemplate={() => {
            setVersionsOpen(false);
            setExportingTemplate(true);
          }}
          onClose={() => setVersionsOpen(false)}
        />
      )}
      {exportingTemplate && <TemplateExportDialog persona={persona} onClose={() => setExportingTemplate(false)} />}
      {restoring && (
        <RestoreDialog
          persona={persona}
          version={restoring}
          onRestored={() => {
            setRestoring(null);
            setViewing(null);
            onChanged();
          }}
          onClose={() => setRestoring(null)}
        />
      )}
      {map.state === "failed" && (
        <div className="notice notice-error" role="alert">
          <Icon name="alert" />
          <p>The map could not be loaded: {map.error instanceof Error ? map.error.message : String(map.error)}</p>
        </div>
      )}
      {map.data && map.data.steps.some((s) => s.kpis.length > 0) && (
        <p className="level-legend" aria-hidden="true">
          KPI levels: <span>entry</span>
          <span>good</span>
          <span>best in class</span>
        </p>
      )}
      {viewing && (
        <VersionMap
          persona={persona}
          viewing={viewing}
          revision={revision}
          onRestore={setRestoring}
          onClose={() => setViewing(null)}
        />
      )}
      {map.data && !viewing && (
        <MapBoard
          map={map.data}
          adding={adding}
          setAdding={setAdding}
          palette={paletteOpen ? (vehicles.data ?? []) : null}
          onClosePalette={() => setPaletteOpen(false)}
          onChanged={onChanged}
          onError={onError}
          onShowCustomers={onShowCustomers}
        />
      )}
      {map.data && !viewing && <WorkshopNotes map={map.data} onChanged={onChanged} onError={onError} />}
    </section>
  );
}

function MapSummary({ map }: { map: MapData }) {
  const { covered, total } = moveCoverage(map);
  return (
    <dl className="map-summary" data-testid="map-summary">
      <div>
        <dt>Steps</dt>
        <dd>{map.steps.length}</dd>
      </div>
      <div>
        <dt>Moves covered</dt>
        <dd data-testid="moves-covered">
          {covered} of {total}
        </dd>
      </div>
      {map.unplacedCount > 0 && (
        <div>
          <dt>Not placed</dt>
          <dd>{map.unplacedCount}</dd>
        </div>
      )}
    </dl>
  );
}

interface BoardProps extends Editing {
  map: MapData;
  onShowCustomers: (personaId: PersonaId, stepId: number) => void;
  /** Where a new step is being added: an index in the map (steps.length = at the end). */
  adding: number | null;
  setAdding: (at: number | null) => void;
  /** The vehicle catalogue when the palette is open, else null. */
  palette: Vehicle[] | null;
  onClosePalette: () => void;
}

// Steps sort among steps (closest centre); a vehicle lands on the step or move under the pointer.
const collision: CollisionDetection = (args) => {
  const dragged = args.active.data.current as DragData | undefined;
  if (dragged?.type === "vehicle") {
    return pointerWithin({
      ...args,
      droppableContainers: args.droppableContainers.filter((c) => targetFromKey(c.id) !== null),
    });
  }
  if (dragged?.type === "customer") {
    return pointerWithin({
      ...args,
      droppableContainers: args.droppableContainers.filter((c) => stepFromBandKey(c.id) !== null),
    });
  }
  // Sortable steps are the droppables with numeric ids (the step ids).
  return closestCenter({
    ...args,
    droppableContainers: args.droppableContainers.filter((c) => typeof c.id === "number"),
  });
};

function MapBoard({
  map,
  adding,
  setAdding,
  palette,
  onClosePalette,
  onChanged,
  onError,
  onShowCustomers,
}: BoardProps) {
  const client = useClient();
  const [draggedVehicle, setDraggedVehicle] = useState<Vehicle | null>(null);
  const targets = targetOptions(map);

  function attach(vehicle: Vehicle, target: AttachmentTarget) {
    client.attachVehicle(vehicle.id, target).then(() => onChanged(), onError);
  }

  function detach(attachmentId: AttachmentId) {
    client.detachVehicle(attachmentId).then(() => onChanged(), onError);
  }

  function onDragStart({ active }: DragStartEvent) {
    const data = active.data.current as DragData | undefined;
    setDraggedVehicle(data?.type === "vehicle" ? data.vehicle : null);
  }
  const [editing, setEditing] = useState<number | null>(null);
  const [kpiDialog, setKpiDialog] = useState<{ step: StepView; kpi: Kpi | null } | null>(null);
  // The order shown right after a drop, until the reloaded map arrives (no visible pause).
  const [pending, setPending] = useState<{ base: StepView[]; ids: number[] } | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const ids = pending && pending.base === map.steps ? pending.ids : map.steps.map((s) => s.step.id);
  const ordered = ids.flatMap((id) => map.steps.filter((s) => s.step.id === id));
  const total = ordered.length;
  const titleOf = (id: UniqueIdentifier) => map.steps.find((s) => s.step.id === id)?.step.title ?? "";
  const positionOf = (id: UniqueIdentifier | undefined) => (id === undefined ? 0 : ids.indexOf(Number(id)) + 1);
  const moveBetween = (from: number, to: number) =>
    map.moves.find((m) => m.fromStepId === from && m.toStepId === to) ?? {
      fromStepId: from,
      toStepId: to,
      vehicles: [],
    };

  const customerOf = (active: { data: { current?: unknown } }) => {
    const data = active.data.current as DragData | undefined;
    return data?.type === "customer" ? data : null;
  };
  const bandTitle = (id: UniqueIdentifier | undefined) => {
    const stepId = id === undefined ? null : stepFromBandKey(id);
    return map.steps.find((s) => s.step.id === stepId)?.step.title ?? null;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const c = customerOf(active);
      if (c) return `Picked up ${c.chip.name}${c.mode === "target" ? "'s target" : ""}.`;
      return stepAnnouncements.pickedUp(titleOf(active.id), positionOf(active.id), total);
    },
    onDragOver: ({ active, over }) => {
      const c = customerOf(active);
      if (c) return bandTitle(over?.id) ? `Over ${bandTitle(over?.id)}.` : undefined;
      return over ? stepAnnouncements.movedOver(titleOf(active.id), positionOf(over.id), total) : undefined;
    },
    onDragEnd: ({ active, over }) => {
      const c = customerOf(active);
      const title = bandTitle(over?.id);
      if (c) {
        if (!title) return `${c.chip.name} was not moved.`;
        return c.mode === "current" ? `${c.chip.name} moved to ${title}.` : `${c.chip.name} now aims at ${title}.`;
      }
      return stepAnnouncements.dropped(titleOf(active.id), over ? positionOf(over.id) : positionOf(active.id), total);
    },
    onDragCancel: ({ active }) => {
      const c = customerOf(active);
      return c ? `${c.chip.name} was not moved.` : stepAnnouncements.cancelled(titleOf(active.id));
    },
  };

  function place(chip: CustomerChip, placement: PlacementMove, source: "drag" | "edit") {
    client.placeCustomers([chip.id], placement, source).then(() => onChanged(), onError);
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setDraggedVehicle(null);
    const intent = dropIntent(active.data.current as DragData | undefined, active.id, over?.id ?? null, ids);
    if (intent === null) return;
    switch (intent.type) {
      case "attach-vehicle":
        attach(intent.vehicle, intent.target);
        return;
      case "place-customer":
        place(intent.chip, intent.placement, "drag");
        return;
      case "reorder-step":
        setPending({ base: map.steps, ids: moveItem(ids, intent.from, intent.to) });
        client.reorderStep(intent.stepId, intent.to).then(
          () => onChanged(),
          (error: unknown) => {
            setPending(null);
            onError(error);
          },
        );
    }
  }

  const editor = (at: number) => (
    <div className="step-column step-column-new" role="listitem">
      <StepEditor
        initial={{ title: "", outcome: "", notes: "" }}
        submitLabel="Add step"
        onSubmit={(input) => client.addStep(map.map.id, input, at >= map.steps.length ? null : at)}
        onDone={() => {
          setAdding(null);
          onChanged();
        }}
        onCancel={() => setAdding(null)}
      />
    </div>
  );

  if (map.steps.length === 0 && adding === null) {
    return (
      <div className="empty-state">
        <h2>This map has no steps yet</h2>
        <p>
          Steps are the usual milestones on the way to success, left to right: for example first project delivered, team
          onboarded, workflow adopted.
        </p>
        <div className="empty-actions">
          <button type="button" className="button button-primary" onClick={() => setAdding(0)} data-testid="add-step">
            <Icon name="plus" size={16} /> Add the first step
          </button>
        </div>
      </div>
    );
  }

  async function remove(step: StepView) {
    try {
      await client.deleteStep(step.step.id);
      onChanged();
    } catch (error) {
      onError(error);
    }
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDraggedVehicle(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "To move a step, press Space or Enter on its handle, use the left and right arrow keys, then press Space or Enter to drop it, or Escape to cancel.",
        },
      }}
    >
      <div className="map-layout">
        <SortableContext items={ids} strategy={horizontalListSortingStrategy}>
          <div className="map-board" role="list" aria-label={`Steps of ${map.personaName}`} data-testid="map-board">
            {ordered.map((step, index) => (
              <Fragment key={step.step.id}>
                {index > 0 && (
                  <MoveColumn
                    move={moveBetween(ordered[index - 1]?.step.id ?? -1, step.step.id)}
                    onInsert={adding === null ? () => setAdding(index) : undefined}
                    onDetach={detach}
                  />
                )}
                {adding === index && editor(index)}
                {editing === step.step.id ? (
                  <div className="step-column" role="listitem">
                    <StepEditor
                      initial={{ title: step.step.title, outcome: step.step.outcome, notes: step.step.notes }}
                      submitLabel="Save"
                      onSubmit={(input) => client.updateStep(step.step.id, input)}
                      onDone={() => {
                        setEditing(null);
                        onChanged();
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  </div>
                ) : (
                  <StepColumn
                    step={step}
                    index={index}
                    total={total}
                    sortable={editing === null && adding === null}
                    onEditKpi={(kpi) => setKpiDialog({ step, kpi })}
                    onEdit={() => setEditing(step.step.id)}
                    onDelete={() => void remove(step)}
                    onDetach={detach}
                    steps={ordered}
                    onPlace={(chip, placement) => place(chip, placement, "edit")}
                    onShowCustomers={(stepId) => onShowCustomers(map.map.personaId, stepId)}
                  />
                )}
              </Fragment>
            ))}
            {adding !== null && adding >= map.steps.length && editor(map.steps.length)}
          </div>
        </SortableContext>
        {palette && (
          <VehiclePalette
            vehicles={palette}
            targets={targets}
            onAttach={attach}
            onChanged={onChanged}
            onError={onError}
            onClose={onClosePalette}
          />
        )}
      </div>
      {/* Mounted only for vehicles: a mounted overlay becomes the collision shape of
          every drag, and an empty one would stop steps from finding their drop place. */}
      {draggedVehicle && (
        <DragOverlay dropAnimation={null}>
          <div className={`vehicle-chip vehicle-${draggedVehicle.kind} drag-overlay`}>
            <span className="vehicle-kind">{kindLabel(draggedVehicle.kind, draggedVehicle.customKind)}</span>
            <span className="vehicle-name">{draggedVehicle.name}</span>
          </div>
        </DragOverlay>
      )}
      {kpiDialog && (
        <KpiDialog
          stepTitle={kpiDialog.step.step.title}
          initial={kpiDialog.kpi ? draftFromKpi(kpiDialog.kpi) : emptyKpiDraft()}
          editing={kpiDialog.kpi !== null}
          onSubmit={(input) =>
            kpiDialog.kpi ? client.updateKpi(kpiDialog.kpi.id, input) : client.addKpi(kpiDialog.step.step.id, input)
          }
          onDelete={async () => {
            if (kpiDialog.kpi) await client.deleteKpi(kpiDialog.kpi.id);
          }}
          onClose={(changed) => {
            setKpiDialog(null);
            if (changed) onChanged();
          }}
        />
      )}
    </DndContext>
  );
}
