import { useModal } from "../../lib/useModal";
import { useId, useState, type FormEvent } from "react";
import { describeError, type CustomersOnDelete, type PersonaSummary } from "../../ipc/client";
import { plural } from "../../lib/format";

interface Props {
  persona: PersonaSummary;
  others: PersonaSummary[];
  onConfirm: (customers: CustomersOnDelete) => Promise<void>;
  onClose: () => void;
}

/** Asks what happens to a persona's customers before the persona is deleted. */
export function DeletePersonaDialog({ persona, others, onConfirm, onClose }: Props) {
  const dialogRef = useModal();
  const [choice, setChoice] = useState<"move" | "delete">(others.length > 0 ? "move" : "delete");
  const [target, setTarget] = useState<number | null>(others[0]?.persona.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fate: CustomersOnDelete =
      choice === "move" && target !== null ? { type: "moveTo", personaId: target } : { type: "delete" };
    try {
      await onConfirm(fate);
      onClose();
    } catch (e) {
      setError(describeError(e));
    }
  }

  const name = persona.persona.name;
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="delete-persona-dialog"
    >
      <form className="dialog-form" onSubmit={submit}>
        <h2 id={`${id}-title`}>Delete “{name}”?</h2>
        <p>
          {name} has {plural(persona.customerCount, "customer")}. Its success map goes with it; say what happens to the
          customers. You can undo this afterwards.
        </p>
        <fieldset className="choice-list">
          <legend className="visually-hidden">What happens to the customers</legend>
          <label className={others.length === 0 ? "is-disabled" : undefined}>
            <input
              type="radio"
              name="fate"
              value="move"
              checked={choice === "move"}
              disabled={others.length === 0}
              onChange={() => setChoice("move")}
            />
            <span>
              Move them to{" "}
              <select
                aria-label="Persona to move the customers to"
                value={target ?? ""}
                disabled={others.length === 0 || choice !== "move"}
                onChange={(e) => setTarget(Number(e.target.value))}
                data-testid="move-customers-to"
              >
                {others.map((p) => (
                  <option key={p.persona.id} value={p.persona.id}>
                    {p.persona.name}
                  </option>
                ))}
              </select>
              <small className="muted"> They arrive unplaced on its map.</small>
            </span>
          </label>
          <label>
            <input
              type="radio"
              name="fate"
              value="delete"
              checked={choice === "delete"}
              onChange={() => setChoice("delete")}
            />
            <span>Delete them too, with their placement history</span>
          </label>
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary button-destructive"
            data-testid="confirm-delete-persona"
          >
            Delete persona
          </button>
        </div>
      </form>
    </dialog>
  );
}
