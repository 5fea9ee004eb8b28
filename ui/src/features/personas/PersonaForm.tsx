import { useEffect, useRef, useState } from "react";
import type { Persona, PersonaInput } from "../../ipc/client";
import { InlineForm, useForm } from "../../components/FormDialog";
import { fieldOf, parseDraft, type DraftField, type PersonaDraft } from "./personaForm";

interface Props {
  title: string;
  initial: PersonaDraft;
  submitLabel: string;
  onSubmit: (input: PersonaInput) => Promise<Persona>;
  onDone: (persona: Persona) => void;
  onCancel: () => void;
}

export function PersonaForm({ title, initial, submitLabel, onSubmit, onDone, onCancel }: Props) {
  const form = useForm<DraftField>({ fieldOf });
  const [draft, setDraft] = useState<PersonaDraft>(initial);
  const nameRef = useRef<HTMLInputElement>(null);
  const { fieldError: errorOf, fieldId } = form;

  useEffect(() => nameRef.current?.focus(), []);

  const set = (field: DraftField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    form.clear(field);
  };

  function submit() {
    const parsed = parseDraft(draft);
    if (parsed.errors) {
      form.setErrors(parsed.errors);
      return;
    }
    void form.run(async () => onDone(await onSubmit(parsed.input)));
  }

  const fieldProps = (field: DraftField) => ({ ...form.fieldProps(field), value: draft[field] });

  return (
    <InlineForm
      form={form}
      className="panel persona-form"
      testId="persona-form"
      title={title}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel={submitLabel}
      submitTestId="persona-submit"
    >
      <div className="form-grid">
        <div className="field">
          <label htmlFor={fieldId("name")}>Name</label>
          <input
            ref={nameRef}
            {...fieldProps("name")}
            onChange={(e) => set("name")(e.target.value)}
            autoComplete="off"
          />
          {errorOf("name")}
        </div>
        <div className="field field-narrow">
          <label htmlFor={fieldId("revenueShare")}>Revenue share (%)</label>
          <input
            {...fieldProps("revenueShare")}
            inputMode="decimal"
            placeholder="e.g. 35"
            onChange={(e) => set("revenueShare")(e.target.value)}
          />
          {errorOf("revenueShare")}
        </div>
        <div className="field field-narrow">
          <label htmlFor={fieldId("color")}>Colour</label>
          <div className="color-field">
            <input
              type="color"
              aria-label="Pick colour"
              value={/^#[0-9a-fA-F]{6}$/.test(draft.color) ? draft.color : "#3b5bdb"}
              onChange={(e) => set("color")(e.target.value)}
            />
            <input {...fieldProps("color")} placeholder="automatic" onChange={(e) => set("color")(e.target.value)} />
          </div>
          {errorOf("color")}
        </div>
        <div className="field field-wide">
          <label htmlFor={fieldId("description")}>Description</label>
          <input {...fieldProps("description")} onChange={(e) => set("description")(e.target.value)} />
          {errorOf("description")}
        </div>
        <div className="field field-wide">
          <label htmlFor={fieldId("successDefinition")}>What success means for this persona</label>
          <textarea
            {...fieldProps("successDefinition")}
            rows={2}
            onChange={(e) => set("successDefinition")(e.target.value)}
          />
          {errorOf("successDefinition")}
        </div>
        <div className="field field-wide">
          <label htmlFor={fieldId("goals")}>Goals (one per line)</label>
          <textarea {...fieldProps("goals")} rows={3} onChange={(e) => set("goals")(e.target.value)} />
          {errorOf("goals")}
        </div>
      </div>
    </InlineForm>
  );
}
