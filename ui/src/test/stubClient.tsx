// A backend client for component tests that knows nothing by itself: every method
// throws "not stubbed: <name>" unless the test gives it, so a test states each response
// it relies on (as the backend would give it) and can check what the UI asked for. A call
// to a method the test did not stub also fails the test afterwards (see setup.ts).
import { render } from "@testing-library/react";
import { vi, type Mock } from "vitest";
import { App } from "../App";
import { client as realClient, type Client, type PersonaSummary, type UndoState } from "../ipc/client";
import { ClientContext } from "../ipc/context";
import { noUndo, workspaceInfo } from "./builders";
import { recordUnstubbed } from "./unstubbed";

export type StubClient = { [K in keyof Client]: Mock<Client[K]> };

/** A client with only the given methods; each is a mock, to assert the requests it got. */
export function stubClient(given: Partial<Client> = {}): StubClient {
  const stub: Record<string, Mock> = {};
  for (const name of Object.keys(realClient) as (keyof Client)[]) {
    const implementation = given[name] as ((...args: never[]) => unknown) | undefined;
    stub[name] =
      implementation === undefined
        ? vi.fn(() => {
            recordUnstubbed(name);
            throw new Error(`not stubbed: ${name}`);
          })
        : vi.fn(implementation);
  }
  return stub as unknown as StubClient;
}

/**
 * What the application frame asks for on start and after every edit: the workspace,
 * its personas and the undo state. Functions are asked again at every reload.
 */
export function frame(
  personas: PersonaSummary[] | (() => PersonaSummary[]),
  undo: UndoState | (() => UndoState) = noUndo,
): Pick<Client, "workspaceInfo" | "listPersonas" | "undoState" | "changedElsewhere" | "setMenuState" | "onMenu"> {
  const now = <T,>(value: T | (() => T)): T => (typeof value === "function" ? (value as () => T)() : value);
  return {
    workspaceInfo: async () => workspaceInfo({ personaCount: now(personas).length }),
    listPersonas: async () => now(personas),
    undoState: async () => now(undo),
    changedElsewhere: async () => false,
    setMenuState: async () => null,
    onMenu: async () => () => {},
  };
}

export function renderApp(client: Client) {
  return render(
    <ClientContext.Provider value={client}>
      <App />
    </ClientContext.Provider>,
  );
}

/** A promise the test settles when it wants: to see what the UI shows meanwhile. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
