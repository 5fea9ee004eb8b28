// What the presenter sees, in the presentation's side panel (P) or in a window of its
// own on a second display: what is on screen and next, the step's presenter notes, the
// time since the start, the switch for customer names, and the form that notes an idea
// or a decision on the step or move on screen.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { NoteKind, StepView } from "../../ipc/client";
import { describeError } from "../../ipc/client";
import { elapsed } from "./sequence";

export function PresenterPanel({
  label,
  nextLabel,
  current,
  showNames,
  onShowNames,
  ownWindow = false,
  children,
}: {
  label: string;
  nextLabel: string | undefined;
  current: StepView | null;
  showNames: boolean;
  onShowNames: (on: boolean) => void;
  /** In the presenter view's own window, where P does nothing. */
  ownWindow?: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <Clock />
      <p className="presenter-label">Now</p>
      <p className="presenter-now" data-testid="presenter-now">
        {label}
      </p>
      <p className="presenter-label">Next</p>
      <p data-testid="presenter-next">{nextLabel ?? "The end"}</p>
      {current && (
        <>
          <p className="presenter-label">Presenter notes</p>
          <p className="presenter-notes" data-testid="presenter-notes">
            {current.step.notes.trim() || "No notes for this step."}
          </p>
        </>
      )}
      <label className="check-field">
        <input
          type="checkbox"
          checked={showNames}
          onChange={(e) => onShowNames(e.target.checked)}
          data-testid="presenter-names"
        />
        <span>Show customer names</span>
      </label>
      {children}
      <p className="presenter-keys">
        → Space PageDown: next · ← PageUp: back · 1–9: a step · N: note{ownWindow ? "" : " · P: this view"} · Esc: leave
      </p>
    </>
  );
}

export function Clock() {
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <p className="presenter-clock" aria-label="Elapsed time">
      {elapsed(now - start)}
    </p>
  );
}

export function NoteForm({
  kind,
  place,
  onKind,
  onCancel,
  onSave,
}: {
  kind: NoteKind;
  place: string;
  onKind: (kind: NoteKind) => void;
  onCancel: () => void;
  onSave: (kind: NoteKind, text: string) => Promise<void>;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === "") {
      setError("Write the idea or decision first.");
      return;
    }
    setBusy(true);
    onSave(kind, text).then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(describeError(e));
      },
    );
  }

  return (
    <form className="present-note" onSubmit={submit} data-testid="present-note-form" aria-label={`Note on ${place}`}>
      <p className="presenter-label">Note on {place}</p>
      <div className="segmented" role="group" aria-label="Kind of note">
        {(["idea", "decision"] as const).map((k) => (
          <button
            key={k}
            type="button"
            className="segmented-button"
            aria-pressed={kind === k}
            onClick={() => onKind(k)}
            data-testid={`present-note-${k}`}
          >
            {k === "idea" ? "Idea" : "Decision"}
          </button>
        ))}
      </div>
      <input
        ref={input}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        aria-label="The idea or decision"
        aria-invalid={error !== null || undefined}
        placeholder="What the room said…"
        data-testid="present-note-text"
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="present-note-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy} data-testid="present-note-save">
          Save note
        </button>
      </div>
    </form>
  );
}
