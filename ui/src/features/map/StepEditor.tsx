import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { BackendError, describeError, type StepInput } from "../../ipc/client";

interface Props {
  initial: StepInput;
  submitLabel: string;
  onSubmit: (input: StepInput) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}

/** The inline form that adds or edits a step: Enter saves, Escape cancels. */
export function StepEditor({ initial, submitLabel, onSubmit, onDone, onCancel }: Props) {
  const [title, setTitle] = useState(initial.title);
  const [outcome, setOutcome] = useState(initial.outcome);
  const [notes, setNotes] = useState(initial.notes ?? "");
  const [error, setError] = useState<{ field: "title" | "outcome" | "notes" | null; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => titleRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (title.trim() === "") {
      setError({ field: "title", message: "Give the step a title." });
      return;
    }
    setSaving(true);
    try {
      await onSubmit({ title: title.trim(), outcome: outcome.trim(), notes: notes.trim() });
      onDone();
    } catch (e) {
      const field =
        e instanceof BackendError && (e.field === "title" || e.field === "outcome" || e.field === "notes")
          ? e.field
          : null;
      setError({
        field: field ?? (e instanceof BackendError && e.code === "conflict" ? "title" : null),
        message: describeError(e),
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="step-editor"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onCancel();
        }
      }}
      noValidate
      data-testid="step-editor"
    >
      <label htmlFor={`${id}-title`}>Step title</label>
      <input
        ref={titleRef}
        id={`${id}-title`}
        name="title"
        value={title}
        autoComplete="off"
        aria-invalid={error?.field === "title" ? true : undefined}
        aria-describedby={error?.field === "title" ? `${id}-error` : undefined}
        onChange={(e) => {
          setTitle(e.target.value);
          setError(null);
        }}
      />
      <label htmlFor={`${id}-outcome`}>Outcome</label>
      <textarea
        id={`${id}-outcome`}
        name="outcome"
        rows={3}
        value={outcome}
        placeholder="What the customer has achieved at this step"
        aria-invalid={error?.field === "outcome" ? true : undefined}
        onChange={(e) => {
          setOutcome(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }}
      />
      <label htmlFor={`${id}-notes`}>Presenter notes</label>
      <textarea
        id={`${id}-notes`}
        name="notes"
        rows={2}
        value={notes}
        placeholder="What to say when this step is shown in a workshop (not part of the map)"
        aria-invalid={error?.field === "notes" ? true : undefined}
        onChange={(e) => {
          setNotes(e.target.value);
          setError(null);
        }}
        data-testid="step-notes-input"
      />
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary" disabled={saving} data-testid="step-save">
          {saving ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
