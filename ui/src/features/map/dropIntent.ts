// What a drop on the map means, decided from what was dragged and where it was
// dropped, apart from the drag library and the backend: a step card reorders the steps,
// a vehicle from the palette is attached to a step or a move, a customer chip moves the
// customer to a step, and its target marker makes a step its target.
import type { UniqueIdentifier } from "@dnd-kit/core";
import { dropIndex } from "../../dnd/reorder";
import type { AttachmentTarget, CustomerChip, PlacementMove, StepId, Vehicle } from "../../ipc/client";
import { stepFromBandKey, type CustomerDrag } from "./CustomerBand";
import { targetFromKey } from "./targets";

/** What a drag carries (the `data` of its draggable). A step card's id is its step id. */
export type DragData = { type: "step" } | { type: "vehicle"; vehicle: Vehicle } | CustomerDrag;

export type DropIntent =
  | { type: "reorder-step"; stepId: StepId; from: number; to: number }
  | { type: "attach-vehicle"; vehicle: Vehicle; target: AttachmentTarget }
  | { type: "place-customer"; chip: CustomerChip; placement: PlacementMove };

/**
 * The edit a drop asks for, or null when it asks for none (dropped on nothing, on
 * itself, where it already is, or on something it cannot land on).
 * @param dragged what was dragged (its draggable's data)
 * @param activeId the dragged item's id (a step card's is its step id)
 * @param overId the id of the drop target under it, if any
 * @param stepOrder the map's step ids in the order shown
 */
export function dropIntent(
  dragged: DragData | undefined,
  activeId: UniqueIdentifier,
  overId: UniqueIdentifier | null,
  stepOrder: readonly StepId[],
): DropIntent | null {
  if (dragged === undefined || overId === null) return null;
  switch (dragged.type) {
    case "vehicle": {
      // Onto a step's drop zone ("step:12") or the move between two steps ("move:12:13").
      const target = targetFromKey(overId);
      return target ? { type: "attach-vehicle", vehicle: dragged.vehicle, target } : null;
    }
    case "customer": {
      // Onto the customer band below a step ("band:12").
      const stepId = stepFromBandKey(overId);
      if (stepId === null) return null;
      if (dragged.mode === "current") {
        return stepId === dragged.fromStepId
          ? null
          : { type: "place-customer", chip: dragged.chip, placement: { type: "current", step_id: stepId } };
      }
      return stepId === dragged.chip.targetStepId
        ? null
        : { type: "place-customer", chip: dragged.chip, placement: { type: "target", step_id: stepId } };
    }
    case "step": {
      // Onto another step card: it takes that card's place.
      const stepId = Number(activeId);
      const from = stepOrder.indexOf(stepId);
      const to = dropIndex(from, typeof overId === "number" ? stepOrder.indexOf(overId) : null);
      return to === null ? null : { type: "reorder-step", stepId, from, to };
    }
  }
}
