import { useState } from "react";
import type { Kpi, KpiInput } from "../../ipc/client";
import { FormDialog, useForm } from "../../components/FormDialog";
import { kpiFieldOf, parseKpiDraft, type KpiDraft, type KpiField } from "./kpiForm";

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
  const form = useForm<KpiField>({ fieldOf: kpiFieldOf });
  const [draft, setDraft] = useState(initial);
  const { fieldProps: props, fieldError: errorOf, fieldId } = form;

  const set = (field: KpiField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    form.clear(field);
  };

  function submit() {
    const parsed = parseKpiDraft(draft);
    if (parsed.errors) {
      form.setErrors(parsed.errors);
      return;
    }
    void form.run(async () => {
      await onSubmit(parsed.input);
      onClose(true);
    });
  }

  return (
    <FormDialog
      form={form}
      testId="kpi-dialog"
      title={
        <>
          {editing ? "Edit KPI" : "New KPI"} <span className="muted">· {stepTitle}</span>
        </>
      }
      onSubmit={submit}
      onCancel={() => onClose(false)}
      submitLabel={editing ? "Save KPI" : "Add KPI"}
      submitTestId="kpi-save"
      actions={
        editing &&
        onDelete && (
          <button
            type="button"
            className="button button-quiet button-danger dialog-delete"
            onClick={() => onDelete().then(() => onClose(true), form.fail)}
            data-testid="kpi-delete"
          >
            Delete KPI
          </button>
        )
      }
    >
      <div className="field">
        <label htmlFor={fieldId("name")}>Name</label>
        <input {...props("name")} value={draft.name} onChange={(e) => set("name")(e.target.value)} autoFocus />
        {errorOf("name")}
      </div>
      <div className="dialog-row">
        <div className="field">
          <label htmlFor={fieldId("unit")}>Unit</label>
          <input
            {...props("unit")}
            value={draft.unit}
            placeholder="%, $, days…"
            onChange={(e) => set("unit")(e.target.value)}
          />
          {errorOf("unit")}
        </div>
        <div className="field">
          <label htmlFor={fieldId("direction")}>Better when</label>
          <select {...props("direction")} value={draft.direction} onChange={(e) => set("direction")(e.target.value)}>
            <option value="higher_is_better">Higher</option>
            <option value="lower_is_better">Lower</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={fieldId("kind")}>Measures</label>
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
              <label htmlFor={fieldId(field)}>{label}</label>
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
    </FormDialog>
  );
}
