import { useState } from "react";
import type { CustomersOnDelete, PersonaSummary } from "../../ipc/client";
import { FormDialog, useForm } from "../../components/FormDialog";
import { plural } from "../../lib/format";

interface Props {
  persona: PersonaSummary;
  others: PersonaSummary[];
  onConfirm: (customers: CustomersOnDelete) => Promise<void>;
  onClose: () => void;
}

/** Asks what happens to a persona's customers before the persona is deleted. */
export function DeletePersonaDialog({ persona, others, onConfirm, onClose }: Props) {
  const form = useForm();
  const [choice, setChoice] = useState<"move" | "delete">(others.length > 0 ? "move" : "delete");
  const [target, setTarget] = useState<number | null>(others[0]?.persona.id ?? null);

  function submit() {
    const fate: CustomersOnDelete =
      choice === "move" && target !== null ? { type: "moveTo", personaId: target } : { type: "delete" };
    void form.run(async () => {
      await onConfirm(fate);
      onClose();
    });
  }

  const name = persona.persona.name;
  return (
    <FormDialog
      form={form}
      testId="delete-persona-dialog"
      title={`Delete “${name}”?`}
      onSubmit={submit}
      onCancel={onClose}
      submitLabel="Delete persona"
      busyLabel="Delete persona"
      submitClassName="button button-primary button-destructive"
      submitTestId="confirm-delete-persona"
    >
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
    </FormDialog>
  );
}
