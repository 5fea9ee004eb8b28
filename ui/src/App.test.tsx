import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { BackendError, type Client } from "./ipc/client";
import { ClientContext } from "./ipc/context";
import { fakeClient } from "./test/fakeClient";

function renderApp(client: Client) {
  return render(
    <ClientContext.Provider value={client}>
      <App />
    </ClientContext.Provider>,
  );
}

describe("the application frame", () => {
  it("lists the workspace's personas in the sidebar and names the file in the status line", async () => {
    renderApp(fakeClient(["Home architect", "Industrial architect"]));
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
    const client = fakeClient();
    renderApp(client);
    await screen.findByTestId("personas-empty");
    await userEvent.click(screen.getByRole("button", { name: "Explore the demo workspace" }));
    expect(await screen.findByRole("heading", { name: "Large-building architect" })).toBeInTheDocument();
  });

  it("creates a persona from the form and selects it", async () => {
    const client = fakeClient(["Home architect"]);
    renderApp(client);
    await userEvent.click(await screen.findByTestId("new-persona"));
    await userEvent.type(screen.getByLabelText("Name"), "Industrial architect");
    await userEvent.type(screen.getByLabelText("Revenue share (%)"), "13");
    await userEvent.type(screen.getByLabelText("Goals (one per line)"), "Reuse designs{enter}Hand over models");
    await userEvent.click(screen.getByTestId("persona-submit"));
    expect(await screen.findByRole("heading", { name: "Industrial architect" })).toBeInTheDocument();
    expect(client.personas[1]?.persona.goals).toEqual(["Reuse designs", "Hand over models"]);
    expect(client.personas[1]?.persona.revenueShare).toBe(13);
    const selected = within(screen.getByTestId("sidebar-personas")).getByRole("button", { pressed: true });
    expect(selected).toHaveTextContent("Industrial architect");
  });

  it("shows the form's own checks at the field, without calling the backend", async () => {
    const client = fakeClient();
    renderApp(client);
    await userEvent.click(await screen.findByTestId("new-persona"));
    await userEvent.type(screen.getByLabelText("Revenue share (%)"), "150");
    await userEvent.click(screen.getByTestId("persona-submit"));
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Give the persona a name.");
    expect(screen.getByLabelText("Revenue share (%)")).toHaveAccessibleDescription(
      "Revenue share is a percentage between 0 and 100.",
    );
    expect(client.personas).toHaveLength(0);
  });

  it("shows a backend refusal in the form and keeps what was typed", async () => {
    renderApp(fakeClient(["Home architect"]));
    await userEvent.click(await screen.findByTestId("new-persona"));
    await userEvent.type(screen.getByLabelText("Name"), "home architect");
    await userEvent.click(screen.getByTestId("persona-submit"));
    expect(await screen.findByRole("alert")).toHaveTextContent('A persona named "home architect" already exists');
    expect(screen.getByLabelText("Name")).toHaveValue("home architect");
  });

  it("explains a workspace that cannot be opened instead of showing an empty app", async () => {
    const client = fakeClient();
    const unavailable = new BackendError({
      code: "workspace_unavailable",
      message: "/x.db is not a Successmap workspace",
    });
    client.workspaceInfo = () => Promise.reject(unavailable);
    client.listPersonas = () => Promise.reject(unavailable);
    renderApp(client);
    expect(await screen.findByTestId("workspace-unavailable")).toHaveTextContent("/x.db is not a Successmap workspace");
  });

  it("renders workspace text as text, never as markup", async () => {
    renderApp(fakeClient(['<img src=x onerror="alert(1)">']));
    const sidebar = await screen.findByTestId("sidebar-personas");
    expect(sidebar).toHaveTextContent('<img src=x onerror="alert(1)">');
    expect(document.querySelector("img")).toBeNull();
  });
});

describe("deleting a persona", () => {
  it("asks what happens to its customers and moves them where the user says", async () => {
    const client = fakeClient();
    renderApp(client);
    await userEvent.click(await screen.findByRole("button", { name: "Explore the demo workspace" }));
    const cards = await screen.findAllByTestId("persona-card");
    const industrial = cards[2];
    if (!industrial) throw new Error("no third persona");
    await userEvent.click(within(industrial).getByRole("button", { name: "Delete" }));
    const dialog = await screen.findByTestId("delete-persona-dialog");
    expect(dialog).toHaveTextContent("Industrial architect has 10 customers.");
    await userEvent.selectOptions(within(dialog).getByLabelText("Persona to move the customers to"), "Home architect");
    await userEvent.click(within(dialog).getByTestId("confirm-delete-persona"));
    await screen.findByRole("button", { name: /Undo Delete persona “Industrial architect”/ });
    expect(client.personas.map((p) => p.persona.name)).toEqual(["Home architect", "Large-building architect"]);
    expect(client.personas[0]?.customerCount).toBe(20);
  });
});
