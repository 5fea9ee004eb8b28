// The vehicles attached to a step or a move, each with a button that removes it from there.
import type { AttachedVehicle, AttachmentId } from "../../ipc/client";
import { Icon } from "../../components/Icons";
import { kindLabel } from "../../lib/vehicles";

export function VehicleChips({
  vehicles,
  label,
  onDetach,
}: {
  vehicles: AttachedVehicle[];
  label: string;
  onDetach: (attachment: AttachmentId) => void;
}) {
  return (
    <ul className="vehicle-chips" aria-label={label}>
      {vehicles.map(({ attachmentId, vehicle }) => (
        <li
          key={attachmentId}
          className={`vehicle-chip vehicle-${vehicle.kind}`}
          title={vehicle.description}
          data-testid="attached-vehicle"
        >
          <span className="vehicle-kind">{kindLabel(vehicle.kind, vehicle.customKind)}</span>
          <span className="vehicle-name">{vehicle.name}</span>
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove ${vehicle.name} from here`}
            title="Remove from the map"
            onClick={() => onDetach(attachmentId)}
          >
            <Icon name="close" size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}
