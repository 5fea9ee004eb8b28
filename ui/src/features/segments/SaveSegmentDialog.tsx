// Name a segment to find it again: saves the filters in force and the chosen cell (or
// renames a saved segment, keeping what it selects).
import { useId, useState, type FormEvent } from "react";
import { describeError, type SavedSegment, type SavedSegmentInput, type SegmentId } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { useModal } from "../../lib/useModal";

interface Props {
  input: SavedSegmentInput;
  /** What the segment selects, in words. */
  description: string;
  /** Renaming this saved segment rather than saving a new one. */
  renaming?: SegmentId;
  onSaved: (segment: SavedSegment) => void;
  onClose: () => void;
}

export function SaveSegmentDialog({ input, description, renaming, onSaved, onClose }: Props) {
  const client = useClient();
  const ref = useModal();
  const id = useId();
  const [name, setName] = useState(input.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === "") {
      setError("Give the segment a name");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = { ...input, name: name.trim() };
      const saved =
        renaming === undefined ? await client.saveSegment(next) : await client.updateSegment(renaming, next);
      onSaved(saved);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="save-segment-dialog"
    >
      <form className="dialog-form" onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{renaming === undefined ? "Save segment" : "Rename segment"}</h2>
        <p className="muted">{description}</p>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={120}
            autoFocus
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            data-testid="segment-name"
          />
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="segment-save">
            {busy ? "Saving…" : renaming === undefined ? "Save segment" : "Rename"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
