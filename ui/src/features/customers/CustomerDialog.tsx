// Add or edit a customer. Changing the persona clears the steps (they belong to the old
// map) and asks where the customer stands on the new one. The form reads the figures as
// numbers; their ranges are the backend's, and its refusal shows at the field.
import { useState } from "react";
import type { Customer, CustomerInput, PersonaSummary } from "../../ipc/client";
import { FormDialog, useForm } from "../../components/FormDialog";
import { StepOptions } from "../../components/filters";
import { useSteps } from "../../lib/useSteps";
import {
  customerFieldOf,
  parseCustomerDraft,
  withPersona,
  type CustomerDraft,
  type CustomerField,
} from "./customerForm";

interface Props {
  personas: PersonaSummary[];
  initial: CustomerDraft;
  editing: boolean;
  onSubmit: (input: CustomerInput) => Promise<Customer>;
  onClose: (saved: Customer | null) => void;
}

export function CustomerDialog({ personas, initial, editing, onSubmit, onClose }: Props) {
  const form = useForm<CustomerField>({ fieldOf: customerFieldOf });
  const [draft, setDraft] = useState(initial);
  const steps = useSteps(draft.personaId);
  const personaChanged = editing && draft.personaId !== initial.personaId;
  const personaName = personas.find((p) => p.persona.id === draft.personaId)?.persona.name ?? "";

  const set = <K extends CustomerField>(field: K, value: CustomerDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    form.clear(field);
  };

  function submit() {
    const parsed = parseCustomerDraft(draft);
    if (parsed.errors) {
      form.setErrors(parsed.errors);
      return;
    }
    void form.run(async () => onClose(await onSubmit(parsed.input)));
  }

  const { fieldProps: props, fieldError: errorOf, fieldId } = form;
  const text = (
    field: Exclude<CustomerField, "personaId" | "currentStepId" | "targetStepId">,
    label: string,
    extra = {},
  ) => (
    <div className="field">
      <label htmlFor={fieldId(field)}>{label}</label>
      <input {...props(field)} {...extra} value={draft[field]} onChange={(e) => set(field, e.target.value)} />
      {errorOf(field)}
    </div>
  );
  const stepSelect = (field: "currentStepId" | "targetStepId", label: string) => (
    <div className="field">
      <label htmlFor={fieldId(field)}>{label}</label>
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
    <FormDialog
      form={form}
      className="dialog dialog-wide"
      testId="customer-dialog"
      title={editing ? `Edit ${initial.name}` : "New customer"}
      onSubmit={submit}
      onCancel={() => onClose(null)}
      submitLabel={editing ? "Save customer" : "Add customer"}
      submitTestId="customer-save"
    >
      <div className="dialog-row dialog-row-2">
        {text("name", "Name", { autoFocus: true, maxLength: 120 })}
        {text("externalId", "External id (CRM)", { maxLength: 120, className: "mono" })}
      </div>
      <div className="dialog-row">
        <div className="field">
          <label htmlFor={fieldId("personaId")}>Persona</label>
          <select
            {...props("personaId")}
            value={draft.personaId ?? ""}
            onChange={(e) => {
              setDraft((d) => withPersona(d, e.target.value === "" ? null : Number(e.target.value)));
              form.setErrors({});
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
        <label htmlFor={fieldId("notes")}>Notes</label>
        <textarea
          {...props("notes")}
          rows={3}
          maxLength={4000}
          value={draft.notes}
          onChange={(e) => set("notes", e.target.value)}
        />
        {errorOf("notes")}
      </div>
    </FormDialog>
  );
}
