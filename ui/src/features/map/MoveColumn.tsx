// The move between two consecutive steps: the vehicles that help customers make it (or
// "Gap" when none does), a drop target for vehicles, and a button to insert a step there.
import { useDndContext, useDroppable } from "@dnd-kit/core";
import type { AttachmentId, MoveView } from "../../ipc/client";
import { Icon } from "../../components/Icons";
import type { DragData } from "./dropIntent";
import { moveKey } from "./targets";
import { VehicleChips } from "./VehicleChips";

export function MoveColumn({
  move,
  onInsert,
  onDetach,
}: {
  move: MoveView;
  onInsert?: () => void;
  onDetach: (attachment: AttachmentId) => void;
}) {
  const { active } = useDndContext();
  const draggingVehicle = (active?.data.current as DragData | undefined)?.type === "vehicle";
  const { setNodeRef, isOver } = useDroppable({
    id: moveKey(move.fromStepId, move.toStepId),
    data: { type: "move" },
    disabled: !draggingVehicle,
  });
  const gap = move.vehicles.length === 0;
  return (
    <div
      ref={setNodeRef}
      className={`move-column${gap ? " move-gap" : ""}${draggingVehicle ? " is-drop-target" : ""}${isOver && draggingVehicle ? " is-over" : ""}`}
      data-testid="move-column"
    >
      <div className="move-arrow" aria-hidden="true" />
      {onInsert && (
        <button
          type="button"
          className="insert-step"
          onClick={onInsert}
          title="Insert a step here"
          data-testid="insert-step"
        >
          <Icon name="plus" size={14} />
          <span className="visually-hidden">Insert a step here</span>
        </button>
      )}
      {gap ? (
        <p className="gap-marker" title="No vehicle helps customers make this move">
          Gap
        </p>
      ) : (
        <VehicleChips vehicles={move.vehicles} label="Vehicles for this move" onDetach={onDetach} />
      )}
    </div>
  );
}
