import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "./ipc/client";
import { persona, personaSummary, workspaceInfo } from "./test/builders";
import { frame, renderApp, stubClient } from "./test/stubClient";

const home = personaSummary(1, "Home architect");
const industrial = personaSummary(2, "Industrial architect");

describe("the application frame", () => {
  it("lists the workspace's personas in the sidebar and names the file in the status line", async () => {
    renderApp(stubClient(frame([home, industrial])));
    const sidebar = await screen.findByTestId("sidebar-personas");
    expect(
      within(sidebar)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["Home architect", "Industrial architect"]);
    expect(await screen.findByTestId("status-path")).toHaveTextContent("/tmp/test.db");
    expect(screen.getByTestId("workspace-name")).toHaveTextContent("Test workspace");
  });

  it("offers to create a persona or load the demo in an empty workspace", async () => {
    let personas: (typeof home)[] = [];
    const client = stubClient({
      ...frame(() => personas),
      loadDemo: async () => {
        personas = [home, personaSummary(2, "Large-building architect"), personaSummary(3, "Industrial architect")];
        return workspaceInfo({ personaCount: 3 });
      },
    });
    renderApp(client);
    await screen.findByTestId("personas-empty");
    await userEvent.click(screen.getByRole("button", { name: "Explore the demo workspace" }));
    expect(await screen.findByRole("heading", { name: "Large-building architect" })).toBeInTheDocument();
    expect(client.loadDemo).toHaveBeenCalledOnce();
  });

  it("creates a persona from the form and selects it", async () => {
    let personas = [home];
    const created = persona(2, "Industrial architect", {
      goals: ["Reuse designs", "Hand over models"],
      revenueShare: 13,
    });
    const client = stubClient({
      ...frame(() => personas),
      createPersona: async () => {
        personas = [home, { ...industrial, persona: created }];
        return created;
      },
    });
    renderApp(client);
    await userEvent.click(await screen.findByTestId("new-persona"));
    await userEvent.type(screen.getByLabelText("Name"), "Industrial architect");
    await userEvent.type(screen.getByLabelText("Revenue share (%)"), "13");
    await userEvent.type(screen.getByLabelText("Goals (one per line)"), "Reuse designs{enter}Hand over models");
    await userEvent.click(screen.getByTestId("persona-submit"));
    expect(await screen.findByRole("heading", { name: "Industrial architect" })).toBeInTheDocument();
    expect(client.createPersona).toHaveBeenCalledWith({
      name: "Industrial architect",
      description: "",
      successDefinition: "",
      goals: ["Reuse designs", "Hand over models"],
      revenueShare: 13,
      color: null,
    });
    const selected = within(screen.getByTestId("sidebar-personas")).getByRole("button", { pressed: true });
    expect(selected).toHaveTextContent("Industrial architect");
  });

  it("shows the form's own checks at the field, without calling the backend", async () => {
    const client = stubClient(frame([]));
    renderApp(client);
    await userEvent.click(await screen.findByTestId("new-persona"));
    await userEvent.type(screen.getByLabelText("Revenue share (%)"), "150");
    await userEvent.click(screen.getByTestId("persona-submit"));
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Give the persona a name.");
    expect(screen.getByLabelText("Revenue share (%)")).toHaveAccessibleDescription(
      "Revenue share is a percentage between 0 and 100.",
    );
    expect(client.createPersona).not.toHaveBeenCalled();
  });

  it("shows a backend refusal in the form and keeps what was typed", async () => {
    const client = stubClient({
      ...frame([home]),
      createPersona: () =>
        Promise.reject(
          new BackendError({ code: "conflict", message: 'a persona named "home architect" already exists' }),
        ),
    });
    renderApp(client);
    await userEvent.click(await screen.findByTestId("new-persona"));
    await userEvent.type(screen.getByLabelText("Name"), "home architect");
    await userEvent.click(screen.getByTestId("persona-submit"));
    expect(await screen.findByRole("alert")).toHaveTextContent('A persona named "home architect" already exists');
    expect(screen.getByLabelText("Name")).toHaveValue("home architect");
    expect(client.createPersona).toHaveBeenCalledWith(expect.objectContaining({ name: "home architect" }));
  });

  it("says an edit was refused because a long import is running, and keeps what was typed", async () => {
    const busy = "Busy: importing customers from “crm.csv”. Try again when it has finished.";
    const client = stubClient({
      ...frame([home]),
      createPersona: () => Promise.reject(new BackendError({ code: "busy", message: busy })),
    });
    renderApp(client);
    await userEvent.click(await screen.findByTestId("new-persona"));
    await userEvent.type(screen.getByLabelText("Name"), "Facility manager");
    await userEvent.click(screen.getByTestId("persona-submit"));
    expect(await screen.findByRole("alert")).toHaveTextContent(busy);
    expect(screen.getByLabelText("Name")).toHaveValue("Facility manager");
  });

  it("explains a workspace that cannot be opened instead of showing an empty app", async () => {
    const unavailable = new BackendError({
      code: "workspace_unavailable",
      message: "/x.db is not a Successmap workspace",
    });
    renderApp(
      stubClient({
        ...frame([]),
        workspaceInfo: () => Promise.reject(unavailable),
        listPersonas: () => Promise.reject(unavailable),
        recentWorkspaces: async () => [],
      }),
    );
    expect(await screen.findByTestId("workspace-unavailable")).toHaveTextContent("/x.db is not a Successmap workspace");
    expect(screen.getByTestId("start-new")).toBeInTheDocument();
  });

  it("renders workspace text as text, never as markup", async () => {
    renderApp(stubClient(frame([personaSummary(1, '<img src=x onerror="alert(1)">')])));
    const sidebar = await screen.findByTestId("sidebar-personas");
    expect(sidebar).toHaveTextContent('<img src=x onerror="alert(1)">');
    expect(document.querySelector("img")).toBeNull();
  });
});

describe("deleting a persona", () => {
  it("asks what happens to its customers and moves them where the user says", async () => {
    const large = personaSummary(2, "Large-building architect", { customerCount: 10 });
    let personas = [
      personaSummary(1, "Home architect", { customerCount: 10 }),
      large,
      personaSummary(3, "Industrial architect", { customerCount: 10 }),
    ];
    let undoLabel: string | null = null;
    const client = stubClient({
      ...frame(
        () => personas,
        () => ({ undoLabel, redoLabel: null, notice: null }),
      ),
      deletePersona: async () => {
        personas = [personaSummary(1, "Home architect", { customerCount: 20 }), large];
        undoLabel = "Delete persona “Industrial architect”";
        return null;
      },
    });
    renderApp(client);
    const cards = await screen.findAllByTestId("persona-card");
    const industrial = cards[2];
    if (!industrial) throw new Error("no third persona");
    await userEvent.click(within(industrial).getByRole("button", { name: "Delete" }));
    const dialog = await screen.findByTestId("delete-persona-dialog");
    expect(dialog).toHaveTextContent("Industrial architect has 10 customers.");
    await userEvent.selectOptions(within(dialog).getByLabelText("Persona to move the customers to"), "Home architect");
    await userEvent.click(within(dialog).getByTestId("confirm-delete-persona"));
    await screen.findByRole("button", { name: /Undo Delete persona “Industrial architect”/ });
    expect(client.deletePersona).toHaveBeenCalledWith(3, { type: "moveTo", personaId: 1 });
    expect(screen.getAllByTestId("persona-card").map((c) => within(c).getByRole("heading").textContent)).toEqual([
      "Home architect",
      "Large-building architect",
    ]);
  });
});

describe("another program on the same workspace", () => {
  it("waits for a workspace that is busy at start and opens it when it is free", async () => {
    let busy = true;
    const base = frame([personaSummary(1, "Home architect")]);
    const client = stubClient({
      ...base,
      workspaceInfo: async () => {
        if (busy)
          throw new BackendError({
            code: "busy",
            message: "Busy: another program is writing to this workspace (for example a command-line import).",
          });
        return base.workspaceInfo();
      },
    });
    renderApp(client);
    expect(await screen.findByTestId("workspace-busy")).toHaveTextContent("another program is writing");
    busy = false;
    expect(await screen.findByTestId("workspace-name", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.queryByTestId("workspace-busy")).toBeNull();
  });

  it("reloads what it shows when the workspace was changed elsewhere, and says why undo is gone", async () => {
    let personas = [personaSummary(1, "Home architect")];
    let notice: string | null = null;
    let changed = false;
    const client = stubClient({
      ...frame(
        () => personas,
        () => ({ undoLabel: null, redoLabel: null, notice }),
      ),
      changedElsewhere: async () => {
        const was = changed;
        changed = false;
        return was;
      },
    });
    renderApp(client);
    await screen.findAllByText("Home architect");
    personas = [...personas, personaSummary(2, "Imported persona")];
    notice = "Another program changed this workspace; the undo history was cleared.";
    changed = true;
    expect((await screen.findAllByText("Imported persona", {}, { timeout: 5000 })).length).toBeGreaterThan(0);
    expect(screen.getByTestId("history-notice")).toHaveTextContent("Another program changed this workspace");
    await userEvent.click(within(screen.getByTestId("history-notice")).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByTestId("history-notice")).toBeNull();
  });
});

describe("the workspace as a document", () => {
  const none = new BackendError({ code: "no_workspace", message: "No workspace is open" });

  it("offers the recent workspaces when none is open, opens one, and lets a missing one be removed", async () => {
    let open = false;
    let recent = [
      { path: "/w/gone.successmap", name: "gone", exists: false },
      { path: "/w/acme.successmap", name: "acme", exists: true },
    ];
    const client = stubClient({
      ...frame([home]),
      workspaceInfo: async () => {
        if (!open) throw none;
        return workspaceInfo({ name: "acme", path: "/w/acme.successmap", personaCount: 1 });
      },
      listPersonas: async () => {
        if (!open) throw none;
        return [home];
      },
      recentWorkspaces: async () => recent,
      forgetRecentWorkspace: async (path) => (recent = recent.filter((r) => r.path !== path)),
      openWorkspace: async () => {
        open = true;
        return workspaceInfo({ name: "acme" });
      },
    });
    renderApp(client);
    const items = await screen.findAllByTestId("recent-item");
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining("gonemissing/w/gone.successmap"),
      expect.stringContaining("acme/w/acme.successmap"),
    ]);
    const gone = items[0] as HTMLElement;
    expect(within(gone).getByRole("button", { name: "gone (missing)" })).toBeDisabled();
    await userEvent.click(within(gone).getByRole("button", { name: "Remove gone from the list" }));
    expect(client.forgetRecentWorkspace).toHaveBeenCalledWith("/w/gone.successmap");
    expect(await screen.findAllByTestId("recent-item")).toHaveLength(1);
    await userEvent.click(screen.getByRole("button", { name: "Open acme" }));
    expect(client.openWorkspace).toHaveBeenCalledWith("/w/acme.successmap");
    expect(await screen.findByTestId("workspace-name")).toHaveTextContent("acme");
    expect(screen.queryByTestId("start-screen")).toBeNull();
  });

  it("keeps the start screen and says why when a recent file is not a workspace", async () => {
    const client = stubClient({
      ...frame([]),
      workspaceInfo: async () => Promise.reject(none),
      listPersonas: async () => Promise.reject(none),
      recentWorkspaces: async () => [{ path: "/w/notes.successmap", name: "notes", exists: true }],
      openWorkspace: async () => {
        throw new BackendError({
          code: "workspace_unavailable",
          message: "/w/notes.successmap is not a Successmap workspace: the file is empty",
        });
      },
    });
    renderApp(client);
    await userEvent.click(await screen.findByRole("button", { name: "Open notes" }));
    expect(await screen.findByTestId("start-error")).toHaveTextContent("the file is empty");
    expect(screen.getByTestId("start-screen")).toBeInTheDocument();
  });

  it("does what a native menu item says, and tells the menu what applies", async () => {
    let choose: (id: string) => void = () => {};
    const client = stubClient({
      ...frame([home], { undoLabel: "Add step “Pilot”", redoLabel: null, notice: null }),
      onMenu: async (handle) => {
        choose = handle;
        return () => {};
      },
      closeWorkspace: async () => null,
      suggestPath: async (name) => `/home/ana/${name}`,
    });
    renderApp(client);
    await screen.findByTestId("sidebar-personas");
    await vi.waitFor(() =>
      expect(client.setMenuState).toHaveBeenLastCalledWith({
        workspaceOpen: true,
        personaSelected: true,
        undoLabel: "Add step “Pilot”",
        redoLabel: null,
      }),
    );
    act(() => choose("new"));
    expect(await screen.findByTestId("new-workspace-dialog")).toBeInTheDocument();
    expect(await screen.findByTestId("new-workspace-path")).toHaveValue("/home/ana/Untitled.successmap");
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    act(() => choose("close"));
    await vi.waitFor(() => expect(client.closeWorkspace).toHaveBeenCalledOnce());
  });

  it("keeps the open workspace and says why when the file chosen is not a workspace", async () => {
    let choose: (id: string) => void = () => {};
    const client = stubClient({
      ...frame([home]),
      onMenu: async (handle) => {
        choose = handle;
        return () => {};
      },
      openWorkspace: async () => {
        throw new BackendError({
          code: "workspace_unavailable",
          message: "/w/notes.db is not a Successmap workspace: the file is not a SQLite database",
        });
      },
    });
    renderApp(client);
    await screen.findByTestId("sidebar-personas");
    act(() => choose("open-recent:/w/notes.db"));
    expect(await screen.findByTestId("error-notice")).toHaveTextContent("the file is not a SQLite database");
    expect(client.openWorkspace).toHaveBeenCalledWith("/w/notes.db");
    expect(screen.getByTestId("workspace-name")).toHaveTextContent("Test workspace");
    expect(screen.queryByTestId("start-screen")).toBeNull();
  });
});
