import { useState, type FormEvent } from "react";
import { useDraggable } from "@dnd-kit/core";
import { BackendError, describeError, type AttachmentTarget, type Vehicle, type VehicleKind } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { Icon } from "../../components/Icons";
import { KIND_LABEL, kindLabel } from "../../lib/vehicles";
import type { TargetOption } from "./targets";

interface Props {
  vehicles: Vehicle[];
  targets: TargetOption[];
  onAttach: (vehicle: Vehicle, target: AttachmentTarget) => void;
  onChanged: () => void;
  onError: (error: unknown) => void;
  onClose: () => void;
}

/** The catalogue of vehicles beside the map: drag one onto a step or a move, or use its menu. */
export function VehiclePalette({ vehicles, targets, onAttach, onChanged, onError, onClose }: Props) {
  const client = useClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Vehicle | null>(null);
  return (
    <aside className="palette" aria-labelledby="palette-title" data-testid="vehicle-palette">
      <header className="palette-head">
        <h2 id="palette-title">Vehicles</h2>
        <button type="button" className="icon-button" aria-label="Close the vehicle palette" onClick={onClose}>
          <Icon name="close" size={16} />
        </button>
      </header>
      <p className="palette-help">
        Drag a vehicle onto a step or onto the move between two steps, or pick a place in its menu.
      </p>
      {vehicles.length === 0 && !creating && <p className="muted">No vehicles yet. Create the first one below.</p>}
      <ul className="palette-list">
        {vehicles.map((v) =>
          editing?.id === v.id ? (
            <li key={v.id}>
              <VehicleForm
                vehicle={v}
                onDone={() => {
                  setEditing(null);
                  onChanged();
                }}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <PaletteItem
              key={v.id}
              vehicle={v}
              targets={targets}
              onAttach={onAttach}
              onEdit={() => setEditing(v)}
              onDelete={() => client.deleteVehicle(v.id).then(() => onChanged(), onError)}
            />
          ),
        )}
      </ul>
      {creating ? (
        <VehicleForm
          onDone={() => {
            setCreating(false);
            onChanged();
          }}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <button
          type="button"
          className="button button-small"
          onClick={() => setCreating(true)}
          data-testid="new-vehicle"
        >
          <Icon name="plus" size={14} /> New vehicle
        </button>
      )}
    </aside>
  );
}

function PaletteItem({
  vehicle,
  targets,
  onAttach,
  onEdit,
  onDelete,
}: {
  vehicle: Vehicle;
  targets: TargetOption[];
  onAttach: (vehicle: Vehicle, target: AttachmentTarget) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `vehicle:${vehicle.id}`,
    data: { type: "vehicle", vehicle },
  });
  return (
    <li className={`palette-item${isDragging ? " is-dragging" : ""}`}>
      <div
        ref={setNodeRef}
        className={`vehicle-chip vehicle-${vehicle.kind} palette-chip`}
        {...listeners}
        {...attributes}
        tabIndex={-1}
        title={vehicle.description || vehicle.name}
        data-testid="palette-vehicle"
      >
        <span className="vehicle-kind">{kindLabel(vehicle.kind, vehicle.customKind)}</span>
        <span className="vehicle-name">{vehicle.name}</span>
      </div>
      <select
        className="attach-menu"
        aria-label={`Attach ${vehicle.name} to…`}
        value=""
        onChange={(e) => {
          const option = targets.find((t) => t.key === e.target.value);
          if (option) onAttach(vehicle, option.target);
        }}
        data-testid="attach-menu"
      >
        <option value="">Attach to…</option>
        {targets.map((t) => (
          <option key={t.key} value={t.key}>
            {t.label}
          </option>
        ))}
      </select>
      <div className="palette-item-actions">
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={onEdit}
          aria-label={`Edit ${vehicle.name}`}
        >
          <Icon name="edit" size={13} /> Edit
        </button>
        <button
          type="button"
          className="button button-small button-quiet button-danger"
          onClick={onDelete}
          aria-label={`Delete ${vehicle.name} from the catalogue and every map`}
        >
          <Icon name="trash" size={13} /> Delete
        </button>
      </div>
    </li>
  );
}

const KINDS: VehicleKind[] = ["training", "community", "enablement", "custom"];

function VehicleForm({ vehicle, onDone, onCancel }: { vehicle?: Vehicle; onDone: () => void; onCancel: () => void }) {
  const client = useClient();
  const [kind, setKind] = useState<VehicleKind>(vehicle?.kind ?? "training");
  const [customKind, setCustomKind] = useState(vehicle?.customKind ?? "");
  const [name, setName] = useState(vehicle?.name ?? "");
  const [description, setDescription] = useState(vehicle?.description ?? "");
  const [owner, setOwner] = useState(vehicle?.owner ?? "");
  const [effort, setEffort] = useState(vehicle?.effort ?? "");
  const [link, setLink] = useState(vehicle?.link ?? "");
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === "") return setError({ field: "name", message: "Give the vehicle a name." });
    if (kind === "custom" && customKind.trim() === "")
      return setError({ field: "customKind", message: "Name the kind, for example Office hours." });
    try {
      const input = {
        kind,
        customKind: kind === "custom" ? customKind.trim() : null,
        name: name.trim(),
        description: description.trim(),
        owner: owner.trim(),
        link: link.trim(),
        effort: effort.trim(),
      };
      if (vehicle) await client.updateVehicle(vehicle.id, input);
      else await client.createVehicle(input);
      onDone();
    } catch (e) {
      setError({ field: e instanceof BackendError ? e.field : null, message: describeError(e) });
    }
  }

  const invalid = (field: string) => (error?.field === field ? true : undefined);
  return (
    <form
      className="vehicle-form"
      onSubmit={submit}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
      noValidate
      data-testid="vehicle-form"
    >
      <label>
        Kind
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as VehicleKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      {kind === "custom" && (
        <label>
          Name of the kind
          <input
            name="customKind"
            value={customKind}
            aria-invalid={invalid("customKind")}
            onChange={(e) => setCustomKind(e.target.value)}
          />
        </label>
      )}
      <label>
        Name
        <input
          name="name"
          value={name}
          aria-invalid={invalid("name")}
          onChange={(e) => setName(e.target.value)}
          autoFocus
        />
      </label>
      <label>
        Description
        <input name="description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Owner
        <input name="owner" value={owner} onChange={(e) => setOwner(e.target.value)} />
      </label>
      <label>
        Effort
        <input
          name="effort"
          value={effort}
          placeholder="e.g. 2 half-days"
          onChange={(e) => setEffort(e.target.value)}
        />
      </label>
      <label>
        Link
        <input name="link" value={link} onChange={(e) => setLink(e.target.value)} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary" data-testid="vehicle-save">
          {vehicle ? "Save" : "Create"}
        </button>
      </div>
    </form>
  );
}
