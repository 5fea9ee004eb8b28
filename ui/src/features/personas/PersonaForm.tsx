import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { BackendError, describeError, type Persona, type PersonaInput } from "../../ipc/client";
import { fieldOf, parseDraft, type DraftField, type FieldErrors, type PersonaDraft } from "./personaForm";

interface Props {
  title: string;
  initial: PersonaDraft;
  submitLabel: string;
  onSubmit: (input: PersonaInput) => Promise<Persona>;
  onDone: (persona: Persona) => void;
  onCancel: () => void;
}

export function PersonaForm({ title, initial, submitLabel, onSubmit, onDone, onCancel }: Props) {
  const [draft, setDraft] = useState<PersonaDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => nameRef.current?.focus(), []);

  const set = (field: DraftField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseDraft(draft);
    if (parsed.errors) {
      setErrors(parsed.errors);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      onDone(await onSubmit(parsed.input));
    } catch (error) {
      const field = error instanceof BackendError ? fieldOf(error.field) : null;
      if (field) setErrors({ [field]: describeError(error) });
      else setFormError(describeError(error));
    } finally {
      setSaving(false);
    }
  }

  const fieldProps = (field: DraftField) => ({
    id: `${id}-${field}`,
    name: field,
    value: draft[field],
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });
  const errorOf = (field: DraftField) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <form
      className="panel persona-form"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
      noValidate
      data-testid="persona-form"
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            ref={nameRef}
            {...fieldProps("name")}
            onChange={(e) => set("name")(e.target.value)}
            autoComplete="off"
          />
          {errorOf("name")}
        </div>
        <div className="field field-narrow">
          <label htmlFor={`${id}-revenueShare`}>Revenue share (%)</label>
          <input
            {...fieldProps("revenueShare")}
            inputMode="decimal"
            placeholder="e.g. 35"
            onChange={(e) => set("revenueShare")(e.target.value)}
          />
          {errorOf("revenueShare")}
        </div>
        <div className="field field-narrow">
          <label htmlFor={`${id}-color`}>Colour</label>
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
          <label htmlFor={`${id}-description`}>Description</label>
          <input {...fieldProps("description")} onChange={(e) => set("description")(e.target.value)} />
          {errorOf("description")}
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-successDefinition`}>What success means for this persona</label>
          <textarea
            {...fieldProps("successDefinition")}
            rows={2}
            onChange={(e) => set("successDefinition")(e.target.value)}
          />
          {errorOf("successDefinition")}
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-goals`}>Goals (one per line)</label>
          <textarea {...fieldProps("goals")} rows={3} onChange={(e) => set("goals")(e.target.value)} />
          {errorOf("goals")}
        </div>
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving} data-testid="persona-submit">
          {saving ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
