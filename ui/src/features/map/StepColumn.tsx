// One step of the map as a column: its card (sortable by its handle; title, outcome,
// KPIs, vehicles, a drop zone for vehicles) and the band of customers on it below.
import type { KeyboardEvent } from "react";
import { useDndContext, useDroppable } from "@dnd-kit/core";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { AttachmentId, CustomerChip, Kpi, PlacementMove, StepView } from "../../ipc/client";
import { Icon } from "../../components/Icons";
import { formatLevel, isInlineUnit } from "../../lib/format";
import { onlySatisfactionKpis } from "./coverage";
import { CustomerBand } from "./CustomerBand";
import type { DragData } from "./dropIntent";
import { stepKey } from "./targets";
import { VehicleChips } from "./VehicleChips";

const LEVEL_NAMES = ["Entry level", "Good", "Best in class"];

interface StepColumnProps {
  step: StepView;
  /** All steps of the map in order, for the customer chips' menus. */
  steps: StepView[];
  onPlace: (chip: CustomerChip, placement: PlacementMove) => void;
  onShowCustomers: (stepId: number) => void;
  index: number;
  total: number;
  /** False while a step is being added or edited: the order stays put. */
  sortable: boolean;
  /** Opens the KPI dialog: an existing KPI, or a new one (null). */
  onEditKpi: (kpi: Kpi | null) => void;
  onEdit: () => void;
  onDelete: () => void;
  onDetach: (attachment: AttachmentId) => void;
}

export function StepColumn({
  step,
  steps,
  onPlace,
  onShowCustomers,
  index,
  total,
  sortable,
  onEditKpi,
  onEdit,
  onDelete,
  onDetach,
}: StepColumnProps) {
  const warn = onlySatisfactionKpis(step);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: step.step.id,
    data: { type: "step" } satisfies DragData,
    disabled: !sortable,
  });
  // The whole card follows the pointer; only the handle takes the keyboard, so Space
  // on the edit and delete buttons keeps its usual meaning.
  const { onKeyDown, ...pointerListeners } = listeners ?? {};
  const onHandleKeyDown = onKeyDown as ((event: KeyboardEvent) => void) | undefined;
  return (
    <div
      ref={setNodeRef}
      className={`step-column${isDragging ? " is-dragging" : ""}`}
      role="listitem"
      data-testid="step-column"
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <article className="step-card" aria-labelledby={`step-${step.step.id}`} {...pointerListeners}>
        <div className="step-card-top">
          <button
            type="button"
            ref={setActivatorNodeRef}
            className="icon-button step-handle"
            {...attributes}
            onKeyDown={onHandleKeyDown}
            aria-label={`Move step ${step.step.title}, position ${index + 1} of ${total}`}
            title="Drag to reorder, or press Space and use the arrow keys"
            data-testid="step-handle"
          >
            <Icon name="grip" size={16} />
          </button>
          <p className="step-index">Step {index + 1}</p>
          <div className="step-actions">
            <button
              type="button"
              className="icon-button step-action"
              onClick={onEdit}
              aria-label={`Edit step ${step.step.title}`}
              title="Edit step"
              data-testid="edit-step"
            >
              <Icon name="edit" size={15} />
            </button>
            <button
              type="button"
              className="icon-button step-action step-action-danger"
              onClick={onDelete}
              aria-label={`Delete step ${step.step.title}`}
              title="Delete step"
              data-testid="delete-step"
            >
              <Icon name="trash" size={15} />
            </button>
          </div>
        </div>
        <h2 className="step-title" id={`step-${step.step.id}`}>
          {step.step.title}
        </h2>
        {step.step.outcome && <p className="step-outcome">{step.step.outcome}</p>}
        {step.step.notes && (
          <p className="step-notes" title={step.step.notes} data-testid="step-notes">
            <span className="visually-hidden">Presenter notes: </span>
            {step.step.notes}
          </p>
        )}
        {step.kpis.length > 0 && (
          <ul className="kpi-list" aria-label="KPIs">
            {step.kpis.map((k) => (
              <li key={k.id}>
                <button
                  type="button"
                  className={`kpi kpi-${k.kind}`}
                  onClick={() => onEditKpi(k)}
                  aria-label={`KPI ${k.name}: entry ${formatLevel(k.entryLevel, k.unit)}, good ${formatLevel(k.goodLevel, k.unit)}, best in class ${formatLevel(k.bestLevel, k.unit)}. Edit`}
                  data-testid="kpi"
                >
                  <span className="kpi-name">
                    {k.name}
                    {!isInlineUnit(k.unit) && <span className="kpi-unit"> ({k.unit})</span>}
                    {k.kind === "satisfaction" && <span className="kpi-kind"> · satisfaction</span>}
                  </span>
                  <span className="kpi-levels">
                    {[k.entryLevel, k.goodLevel, k.bestLevel].map((level, i) => (
                      <span key={i} title={`${LEVEL_NAMES[i]}: ${formatLevel(level, k.unit)}`}>
                        {formatLevel(level, isInlineUnit(k.unit) ? k.unit : "")}
                      </span>
                    ))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="add-kpi" onClick={() => onEditKpi(null)} data-testid="add-kpi">
          <Icon name="plus" size={13} /> KPI
        </button>
        {warn && (
          <p className="step-warning" role="note">
            <Icon name="alert" size={14} /> Only satisfaction KPIs: satisfaction is not success.
          </p>
        )}
        {step.vehicles.length > 0 && (
          <VehicleChips vehicles={step.vehicles} label="Vehicles on this step" onDetach={onDetach} />
        )}
        <StepDropZone stepId={step.step.id} />
      </article>
      <CustomerBand step={step} steps={steps} onPlace={onPlace} onShowAll={onShowCustomers} />
    </div>
  );
}

/** Where a dragged vehicle can be dropped onto a step: shown only while a vehicle is dragged. */
function StepDropZone({ stepId }: { stepId: number }) {
  const { active } = useDndContext();
  const draggingVehicle = (active?.data.current as DragData | undefined)?.type === "vehicle";
  // Enabled only for vehicles, so that moving a step by keyboard only visits steps.
  const { setNodeRef, isOver } = useDroppable({
    id: stepKey(stepId),
    data: { type: "step-target" },
    disabled: !draggingVehicle,
  });
  return (
    <div
      ref={setNodeRef}
      className={`drop-zone${draggingVehicle ? " is-active" : ""}${isOver && draggingVehicle ? " is-over" : ""}`}
      aria-hidden="true"
      data-testid="step-drop-zone"
    >
      {draggingVehicle ? "Drop on this step" : null}
    </div>
  );
}
