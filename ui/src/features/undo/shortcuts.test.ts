import { describe, expect, it } from "vitest";
import { historyShortcut, type KeyInfo } from "./shortcuts";

const key = (k: string, extra: Partial<KeyInfo> = {}): KeyInfo => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  target: document.body,
  ...extra,
});

describe("undo and redo shortcuts", () => {
  it("maps Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y, and Cmd on macOS", () => {
    expect(historyShortcut(key("z", { ctrlKey: true }))).toBe("undo");
    expect(historyShortcut(key("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(historyShortcut(key("y", { ctrlKey: true }))).toBe("redo");
    expect(historyShortcut(key("z", { metaKey: true }))).toBe("undo");
  });

  it("ignores plain keys and other combinations", () => {
    expect(historyShortcut(key("z"))).toBeNull();
    expect(historyShortcut(key("z", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(historyShortcut(key("x", { ctrlKey: true }))).toBeNull();
  });

  it("leaves Ctrl+Z to a text field being typed in", () => {
    const input = document.createElement("input");
    expect(historyShortcut(key("z", { ctrlKey: true, target: input }))).toBeNull();
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    expect(historyShortcut(key("z", { ctrlKey: true, target: checkbox }))).toBe("undo");
  });

  it("leaves the history alone while a modal dialog is open", () => {
    const dialog = document.createElement("dialog");
    dialog.setAttribute("open", "");
    const button = document.createElement("button");
    dialog.append(button);
    document.body.append(dialog);
    expect(historyShortcut(key("z", { ctrlKey: true, target: button }))).toBeNull();
    expect(historyShortcut(key("z", { ctrlKey: true, target: document.body }))).toBeNull();
    dialog.remove();
    expect(historyShortcut(key("z", { ctrlKey: true, target: document.body }))).toBe("undo");
  });
});
