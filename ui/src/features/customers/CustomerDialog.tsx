// Add or edit a customer. Changing the persona clears the steps (they belong to the old
// map) and asks where the customer stands on the new one.
import { useId, useState, type FormEvent } from "react";
import { BackendError, describeError, type Customer, type CustomerInput, type PersonaSummary } from "../../ipc/client";
import { useModal } from "../../lib/useModal";
import {
  customerFieldOf,
  parseCustomerDraft,
  withPersona,
  type CustomerDraft,
  type CustomerErrors,
  type CustomerField,
} from "./customerForm";
import { StepOptions } from "../../components/filters";
import { useSteps } from "../../lib/useSteps";

interface Props {
  personas: PersonaSummary[];
  initial: CustomerDraft;
  editing: boolean;
  onSubmit: (input: CustomerInput) => Promise<Customer>;
  onClose: (saved: Customer | null) => void;
}

export function CustomerDialog({ personas, initial, editing, onSubmit, onClose }: Props) {
  const dialogRef = useModal();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<CustomerErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const steps = useSteps(draft.personaId);
  const personaChanged = editing && draft.personaId !== initial.personaId;
  const personaName = personas.find((p) => p.persona.id === draft.personaId)?.persona.name ?? "";

  const set = <K extends CustomerField>(field: K, value: CustomerDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseCustomerDraft(draft);
    if (parsed.errors) {
      setErrors(parsed.errors);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      onClose(await onSubmit(parsed.input));
    } catch (error) {
      const field = error instanceof BackendError ? customerFieldOf(error.field) : null;
      if (field) setErrors({ [field]: describeError(error) });
      else setFormError(describeError(error));
    } finally {
      setSaving(false);
    }
  }

  const props = (field: CustomerField) => ({
    id: `${id}-${field}`,
    name: field,
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });
  const errorOf = (field: CustomerField) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;
  const text = (
    field: Exclude<CustomerField, "personaId" | "currentStepId" | "targetStepId">,
    label: string,
    extra = {},
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input {...props(field)} {...extra} value={draft[field]} onChange={(e) => set(field, e.target.value)} />
      {errorOf(field)}
    </div>
  );
  const stepSelect = (field: "currentStepId" | "targetStepId", label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <select
        {...props(field)}
        value={draft[field] ?? ""}
        onChange={(e) => set(field, e.target.value === "" ? null : Number(e.target.value))}
      >
        <option value="">{field === "currentStepId" ? "Not placed" : "No target"}</option>
        <StepOptions steps={steps} />
      </select>
      {errorOf(field)}
    </div>
  );

  return (
    <dialog
      ref={dialogRef}
      className="dialog dialog-wide"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose(null);
      }}
      data-testid="customer-dialog"
    >
      <form onSubmit={submit} noValidate className="dialog-form">
        <h2 id={`${id}-title`}>{editing ? `Edit ${initial.name}` : "New customer"}</h2>
        <div className="dialog-row dialog-row-2">
          {text("name", "Name", { autoFocus: true, maxLength: 120 })}
          {text("externalId", "External id (CRM)", { maxLength: 120, className: "mono" })}
        </div>
        <div className="dialog-row">
          <div className="field">
            <label htmlFor={`${id}-personaId`}>Persona</label>
            <select
              {...props("personaId")}
              value={draft.personaId ?? ""}
              onChange={(e) => {
                setDraft((d) => withPersona(d, e.target.value === "" ? null : Number(e.target.value)));
                setErrors({});
              }}
            >
              <option value="">Choose…</option>
              {personas.map(({ persona }) => (
                <option key={persona.id} value={persona.id}>
                  {persona.name}
                </option>
              ))}
            </select>
            {errorOf("personaId")}
          </div>
          {stepSelect("currentStepId", "Current step")}
          {stepSelect("targetStepId", "Target step")}
        </div>
        {personaChanged && (
          <p className="hint" role="status" data-testid="persona-change-hint">
            {personaName} has its own map: choose where {initial.name} stands on it and where it is heading.
          </p>
        )}
        <div className="dialog-row dialog-row-4">
          {text("arr", "ARR ($)", { inputMode: "decimal" })}
          {text("health", "Health (0–100)", { inputMode: "numeric" })}
          {text("nps", "NPS (−100…100)", { inputMode: "numeric" })}
          {text("csat", "CSAT (%)", { inputMode: "decimal" })}
        </div>
        <div className="dialog-row dialog-row-2">
          {text("owner", "Owner", { maxLength: 120 })}
          {text("renewalDate", "Renewal date", { type: "date" })}
        </div>
        <div className="field">
          <label htmlFor={`${id}-notes`}>Notes</label>
          <textarea
            {...props("notes")}
            rows={3}
            maxLength={4000}
            value={draft.notes}
            onChange={(e) => set("notes", e.target.value)}
          />
          {errorOf("notes")}
        </div>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={() => onClose(null)}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving} data-testid="customer-save">
            {saving ? "Saving…" : editing ? "Save customer" : "Add customer"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
