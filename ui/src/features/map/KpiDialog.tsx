import { useModal } from "../../lib/useModal";
import { useId, useState, type FormEvent } from "react";
import { BackendError, describeError, type Kpi, type KpiInput } from "../../ipc/client";
import { kpiFieldOf, parseKpiDraft, type KpiDraft, type KpiErrors, type KpiField } from "./kpiForm";

interface Props {
  stepTitle: string;
  initial: KpiDraft;
  /** Set when an existing KPI is edited (it can then be deleted). */
  editing: boolean;
  onSubmit: (input: KpiInput) => Promise<Kpi>;
  onDelete?: () => Promise<void>;
  onClose: (changed: boolean) => void;
}

/** A modal dialog to add or edit one KPI of a step. Escape or Cancel closes it unchanged. */
export function KpiDialog({ stepTitle, initial, editing, onSubmit, onDelete, onClose }: Props) {
  const dialogRef = useModal();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<KpiErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  const set = (field: KpiField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  function fail(error: unknown) {
    const field = error instanceof BackendError ? kpiFieldOf(error.field) : null;
    const text = describeError(error);
    if (field) setErrors({ [field]: text });
    else setFormError(text);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseKpiDraft(draft);
    if (parsed.errors) {
      setErrors(parsed.errors);
      return;
    }
    setSaving(true);
    try {
      await onSubmit(parsed.input);
      onClose(true);
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  }

  const props = (field: KpiField) => ({
    id: `${id}-${field}`,
    name: field,
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });
  const errorOf = (field: KpiField) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
      data-testid="kpi-dialog"
    >
      <form onSubmit={submit} noValidate className="dialog-form">
        <h2 id={`${id}-title`}>
          {editing ? "Edit KPI" : "New KPI"} <span className="muted">· {stepTitle}</span>
        </h2>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input {...props("name")} value={draft.name} onChange={(e) => set("name")(e.target.value)} autoFocus />
          {errorOf("name")}
        </div>
        <div className="dialog-row">
          <div className="field">
            <label htmlFor={`${id}-unit`}>Unit</label>
            <input
              {...props("unit")}
              value={draft.unit}
              placeholder="%, $, days…"
              onChange={(e) => set("unit")(e.target.value)}
            />
            {errorOf("unit")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-direction`}>Better when</label>
            <select {...props("direction")} value={draft.direction} onChange={(e) => set("direction")(e.target.value)}>
              <option value="higher_is_better">Higher</option>
              <option value="lower_is_better">Lower</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>Measures</label>
            <select {...props("kind")} value={draft.kind} onChange={(e) => set("kind")(e.target.value)}>
              <option value="success">Success (an outcome)</option>
              <option value="satisfaction">Satisfaction (NPS, CSAT, CES)</option>
            </select>
          </div>
        </div>
        <fieldset className="levels">
          <legend>Benchmark levels</legend>
          <div className="dialog-row">
            {(
              [
                ["entryLevel", "Entry level"],
                ["goodLevel", "Good"],
                ["bestLevel", "Best in class"],
              ] as const
            ).map(([field, label]) => (
              <div className="field" key={field}>
                <label htmlFor={`${id}-${field}`}>{label}</label>
                <input
                  {...props(field)}
                  inputMode="decimal"
                  value={draft[field]}
                  onChange={(e) => set(field)(e.target.value)}
                />
                {errorOf(field)}
              </div>
            ))}
          </div>
        </fieldset>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-actions">
          {editing && onDelete && (
            <button
              type="button"
              className="button button-quiet button-danger dialog-delete"
              onClick={() => onDelete().then(() => onClose(true), fail)}
              data-testid="kpi-delete"
            >
              Delete KPI
            </button>
          )}
          <button type="button" className="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving} data-testid="kpi-save">
            {saving ? "Saving…" : editing ? "Save KPI" : "Add KPI"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
