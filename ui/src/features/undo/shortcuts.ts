// Keyboard shortcuts for undo and redo: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, and Cmd on macOS.
// Inside a text field the field's own undo wins, as in every desktop application; while
// a modal dialog is open (a form, the import) the history stays as it is.

export type HistoryAction = "undo" | "redo";

export interface KeyInfo {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset", "color", "range"].includes(target.type);
  }
  return false;
}

export function inModal(target: EventTarget | null): boolean {
  if (target instanceof Element && target.closest("dialog[open]") !== null) return true;
  return typeof document !== "undefined" && document.querySelector("dialog[open]") !== null;
}

export function historyShortcut(event: KeyInfo): HistoryAction | null {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey || isTextEntry(event.target) || inModal(event.target)) return null;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  if (key === "y" && !event.shiftKey) return "redo";
  return null;
}
