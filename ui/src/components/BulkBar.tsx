// Actions on the selected customers of a list: move them to a step or set their target,
// in one undoable edit. Customers of one persona only: steps belong to one map.
import type { CustomerId, CustomerRow, PlacementMove } from "../ipc/client";
import { plural } from "../lib/format";
import { StepOptions } from "./filters";
import { useSteps } from "../lib/useSteps";

interface Props {
  selected: Map<CustomerId, CustomerRow>;
  revision: number;
  onPlace: (ids: CustomerId[], placement: PlacementMove) => void;
  onClear: () => void;
}

export function BulkBar({ selected, revision, onPlace, onClear }: Props) {
  const personas = new Set([...selected.values()].map((r) => r.customer.personaId));
  const persona = personas.size === 1 ? ([...personas][0] ?? null) : null;
  const steps = useSteps(persona, revision);
  if (selected.size === 0) return null;
  const ids = [...selected.keys()];
  return (
    <div className="bulk-bar" role="region" aria-label="Selected customers" data-testid="bulk-bar">
      <strong>{plural(selected.size, "customer")} selected</strong>
      {persona === null ? (
        <span className="muted">Select customers of one persona to move them together.</span>
      ) : (
        <>
          <label className="inline-field">
            <span>Move to</span>
            <select
              value=""
              onChange={(e) =>
                e.target.value !== "" && onPlace(ids, { type: "current", step_id: Number(e.target.value) })
              }
              data-testid="bulk-move"
            >
              <option value="">Step…</option>
              <StepOptions steps={steps} />
            </select>
          </label>
          <label className="inline-field">
            <span>Set target</span>
            <select
              value=""
              onChange={(e) =>
                e.target.value !== "" &&
                onPlace(ids, { type: "target", step_id: e.target.value === "none" ? null : Number(e.target.value) })
              }
              data-testid="bulk-target"
            >
              <option value="">Step…</option>
              <option value="none">No target</option>
              <StepOptions steps={steps} />
            </select>
          </label>
        </>
      )}
      <button type="button" className="button button-small button-quiet" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
