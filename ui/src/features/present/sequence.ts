// What a presentation does with the reveals the backend orders and names (the core's
// presentation::sequence and label, which the PDF slide deck follows too): the step a
// number key jumps to, where a note goes, and which key does what.
import type { AttachmentTarget, MapDetail, Reveal } from "../../ipc/client";

export type { Reveal };

/** The step a reveal is about, or null (title, overview, data slides). */
export function stepOf(reveal: Reveal): number | null {
  return "step" in reveal ? reveal.step : null;
}

/** Where "jump to step n" (1-based, a number key) goes: that step's first reveal. */
export function indexOfStep(reveals: Reveal[], n: number): number | null {
  const i = reveals.findIndex((r) => r.kind === "step" && r.step === n - 1);
  return i === -1 ? null : i;
}

/** Where a note taken during a reveal goes: its step, or its move; null elsewhere. */
export function noteTarget(map: MapDetail, reveal: Reveal): AttachmentTarget | null {
  if (reveal.kind === "step" || reveal.kind === "outcome") {
    const step = map.steps[reveal.step];
    return step ? { type: "step", stepId: step.step.id } : null;
  }
  if (reveal.kind === "move") {
    const move = map.moves[reveal.step];
    return move ? { type: "move", fromStepId: move.fromStepId, toStepId: move.toStepId } : null;
  }
  return null;
}

/** The keys of a presentation, as a clicker or a keyboard sends them. */
export type PresentKey = "next" | "previous" | "first" | "last" | "leave" | "presenter" | "note" | { step: number };

export function presentKey(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): PresentKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case "ArrowRight":
    case "ArrowDown":
    case " ":
    case "PageDown":
    case "Enter":
      return "next";
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
    case "Backspace":
      return "previous";
    case "Home":
      return "first";
    case "End":
      return "last";
    case "Escape":
      return "leave";
    case "p":
    case "P":
      return "presenter";
    case "n":
    case "N":
      return "note";
  }
  if (/^[1-9]$/.test(event.key)) return { step: Number(event.key) };
  return null;
}

/** What a key does at reveal `at`: go to another reveal (clamped to the deck), or leave,
 * toggle the presenter view, take a note; null when it does nothing (no such step). */
export type PresentAction = { go: number } | "leave" | "presenter" | "note";

export function actionOf(key: PresentKey, at: number, reveals: Reveal[]): PresentAction | null {
  const last = Math.max(0, reveals.length - 1);
  if (key === "next") return { go: Math.min(last, at + 1) };
  if (key === "previous") return { go: Math.max(0, at - 1) };
  if (key === "first") return { go: 0 };
  if (key === "last") return { go: last };
  if (typeof key === "object") {
    const jump = indexOfStep(reveals, key.step);
    return jump === null ? null : { go: jump };
  }
  return key;
}

/** Said when N is pressed where a note has no place (the title, the data slides). */
export const NOTE_NEEDS_A_PLACE = "Go to a step or a move to note something on it.";

/** "0:05", "12:34", "1:02:03". */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
