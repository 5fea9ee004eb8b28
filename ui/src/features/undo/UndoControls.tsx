import { useEffect } from "react";
import type { UndoState } from "../../ipc/client";
import { historyShortcut, type HistoryAction } from "./shortcuts";

const isMac = typeof navigator !== "undefined" && /Mac/i.test(navigator.platform);
const MOD = isMac ? "⌘" : "Ctrl+";

interface Props {
  state: UndoState | null;
  onAction: (action: HistoryAction) => void;
}

/** Undo and redo buttons for the header, and their keyboard shortcuts for the whole window. */
export function UndoControls({ state, onAction }: Props) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = historyShortcut(event);
      if (action === null) return;
      event.preventDefault();
      onAction(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onAction]);

  const undo = state?.undoLabel ?? null;
  const redo = state?.redoLabel ?? null;
  return (
    <div className="undo-controls" role="group" aria-label="History">
      <button
        type="button"
        className="icon-button header-button"
        disabled={undo === null}
        onClick={() => onAction("undo")}
        title={undo ? `Undo ${undo} (${MOD}Z)` : "Nothing to undo"}
        aria-label={undo ? `Undo ${undo}` : "Undo"}
        data-testid="undo"
      >
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
        >
          <path d="M9 14 4 9l5-5" />
          <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
        </svg>
      </button>
      <button
        type="button"
        className="icon-button header-button"
        disabled={redo === null}
        onClick={() => onAction("redo")}
        title={redo ? `Redo ${redo} (${MOD}${isMac ? "⇧Z" : "Shift+Z"})` : "Nothing to redo"}
        aria-label={redo ? `Redo ${redo}` : "Redo"}
        data-testid="redo"
      >
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
        >
          <path d="m15 14 5-5-5-5" />
          <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
        </svg>
      </button>
    </div>
  );
}
