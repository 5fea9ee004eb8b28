// The presenter view in a window of its own (a second display, or a video call where
// only the slides are shared): what is on screen and next, notes, time, names. Keys and
// a clicker work here as in the audience window; every move is asked of the audience
// window, which owns the presentation and tells this one what it shows.
import { useEffect, useState } from "react";
import type { NoteKind, PresentationState } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { useLoad } from "../../lib/useLoad";
import { placeOf } from "../../lib/places";
import { NoteForm, PresenterPanel } from "./presenter";
import { actionOf, NOTE_NEEDS_A_PLACE, noteTarget, presentKey, stepOf } from "./sequence";

export function PresenterWindow() {
  const client = useClient();
  const [state, setState] = useState<PresentationState | null>(null);
  const [capture, setCapture] = useState<NoteKind | null>(null);
  const [said, setSaid] = useState("");

  useEffect(() => {
    const stop = client.onPresentationState(setState);
    // Ask for the state once listening: the audience window answers with it.
    stop.then(() => client.sendPresenterCommand({ kind: "hello" })).catch(() => {});
    return () => {
      stop.then((unlisten) => unlisten()).catch(() => {});
    };
  }, [client]);

  const personaId = state?.personaId ?? null;
  const view = useLoad(
    () => (personaId === null ? Promise.resolve(null) : client.getPresentation(personaId)),
    [client, personaId, state?.revision],
  );
  const data = view.data;
  const total = data?.reveals.length ?? 0;
  const at = state === null ? 0 : Math.max(0, Math.min(state.index, total - 1));
  const reveal = data?.reveals[at] ?? null;
  const target = data && reveal ? noteTarget(data.map, reveal) : null;

  useEffect(() => {
    if (state === null || data === null) return;
    const go = (index: number) => client.sendPresenterCommand({ kind: "go", index }).catch(() => {});
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLElement && event.target.closest("input, textarea, select, button")) {
        if (event.key === "Escape" && capture !== null) {
          event.preventDefault();
          setCapture(null);
        }
        return;
      }
      const key = presentKey(event);
      if (key === null) return;
      const action = actionOf(key, at, data.reveals);
      if (action === null || action === "presenter") return;
      event.preventDefault();
      if (typeof action === "object") void go(action.go);
      else if (action === "leave") client.sendPresenterCommand({ kind: "leave" }).catch(() => {});
      else if (target === null) setSaid(NOTE_NEEDS_A_PLACE);
      else setCapture("idea");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [client, state, data, at, total, capture, target]);

  if (state === null || data === null || reveal === null) {
    return (
      <main className="presenter-window" data-testid="presenter-window">
        <p className="muted">Waiting for the presentation…</p>
      </main>
    );
  }
  const step = stepOf(reveal);
  const current = step === null ? null : (data.map.steps[step] ?? null);
  return (
    <main className="presenter-window" data-testid="presenter-window" aria-label="Presenter view">
      <header className="presenter-window-head">
        <h1>{data.map.personaName}</h1>
        <p className="present-counter" data-testid="presenter-counter">
          {at + 1} / {total}
        </p>
      </header>
      <div className="presenter">
        <PresenterPanel
          label={data.labels[at] ?? ""}
          nextLabel={data.labels[at + 1]}
          current={current}
          showNames={state.showNames}
          ownWindow
          onShowNames={(on) => client.sendPresenterCommand({ kind: "showNames", on }).catch(() => {})}
        >
          <div className="presenter-window-actions">
            <button
              type="button"
              className="button"
              disabled={at === 0}
              onClick={() => client.sendPresenterCommand({ kind: "go", index: at - 1 }).catch(() => {})}
            >
              ← Back
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={at >= total - 1}
              onClick={() => client.sendPresenterCommand({ kind: "go", index: at + 1 }).catch(() => {})}
              data-testid="presenter-next-button"
            >
              Next →
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => client.sendPresenterCommand({ kind: "leave" }).catch(() => {})}
            >
              End the presentation
            </button>
          </div>
        </PresenterPanel>
      </div>
      {capture !== null && target !== null && (
        <NoteForm
          kind={capture}
          place={placeOf(data.map, target)}
          onKind={setCapture}
          onCancel={() => setCapture(null)}
          onSave={async (kind, text) => {
            await client.addWorkshopNote({ target, kind, text });
            setCapture(null);
            const message = `${kind === "idea" ? "Idea" : "Decision"} noted on ${placeOf(data.map, target)}.`;
            setSaid(message);
            await client.sendPresenterCommand({ kind: "noted", said: message });
          }}
        />
      )}
      <p className="present-said" role="status" aria-live="polite" data-testid="presenter-said">
        {said}
      </p>
    </main>
  );
}
