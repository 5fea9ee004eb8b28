import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../App";
import { ClientContext } from "../../ipc/context";
import { fakeClient } from "../../test/fakeClient";

async function openMap() {
  const client = fakeClient(["Home architect"]);
  render(
    <ClientContext.Provider value={client}>
      <App />
    </ClientContext.Provider>,
  );
  await userEvent.click(await screen.findByTestId("nav-map"));
  return client;
}

async function addStep(title: string, outcome = "") {
  await userEvent.click(await screen.findByTestId("add-step"));
  await userEvent.type(screen.getByLabelText("Step title"), title);
  if (outcome) await userEvent.type(screen.getByLabelText("Outcome"), outcome);
  await userEvent.click(screen.getByTestId("step-save"));
  await screen.findByRole("heading", { name: title });
}

const titles = () => screen.queryAllByTestId("step-column").map((c) => within(c).getByRole("heading").textContent);

describe("loading the map", () => {
  it("marks the map busy while it loads and not busy once it is shown", async () => {
    const client = fakeClient(["Home architect"]);
    const getMap = client.getMap;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    client.getMap = async (personaId) => {
      await held;
      return getMap(personaId);
    };
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    await userEvent.click(await screen.findByTestId("nav-map"));
    const view = screen.getByRole("region", { name: "Home architect" });
    expect(view).toHaveAttribute("aria-busy", "true");
    release();
    await waitFor(() => expect(view).toHaveAttribute("aria-busy", "false"));
    expect(screen.getByText("This map has no steps yet")).toBeInTheDocument();
  });
});

describe("editing a success map", () => {
  it("adds steps at the end and between two steps", async () => {
    await openMap();
    await addStep("First project delivered", "A house designed end to end");
    await addStep("Visualisation wins clients");
    await userEvent.click(screen.getByTestId("insert-step"));
    await userEvent.type(screen.getByLabelText("Step title"), "Templates in daily use{Enter}");
    await screen.findByRole("heading", { name: "Templates in daily use" });
    expect(titles()).toEqual(["First project delivered", "Templates in daily use", "Visualisation wins clients"]);
    expect(screen.getByText("A house designed end to end")).toBeInTheDocument();
  });

  it("edits a step in place and cancels with Escape", async () => {
    await openMap();
    await addStep("Pilot");
    await userEvent.click(screen.getByTestId("edit-step"));
    const title = screen.getByLabelText("Step title");
    await userEvent.clear(title);
    await userEvent.type(title, "Pilot project live{Enter}");
    await screen.findByRole("heading", { name: "Pilot project live" });
    await userEvent.click(screen.getByTestId("edit-step"));
    await userEvent.type(screen.getByLabelText("Step title"), " changed{Escape}");
    expect(titles()).toEqual(["Pilot project live"]);
  });

  it("explains a duplicate title at the field and keeps the form open", async () => {
    await openMap();
    await addStep("Onboarded");
    await userEvent.click(screen.getByTestId("add-step"));
    await userEvent.type(screen.getByLabelText("Step title"), "onboarded{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent('This map already has a step titled "onboarded"');
    expect(screen.getByLabelText("Step title")).toHaveValue("onboarded");
  });

  it("deletes a step, and Ctrl+Z brings it back", async () => {
    await openMap();
    await addStep("A");
    await addStep("B");
    const [deleteA] = screen.getAllByTestId("delete-step");
    if (!deleteA) throw new Error("no delete button");
    await userEvent.click(deleteA);
    await screen.findByRole("button", { name: /Undo Delete step “A”/ });
    expect(titles()).toEqual(["B"]);
    await userEvent.keyboard("{Control>}z{/Control}");
    await screen.findByRole("heading", { name: "A" });
    expect(titles()).toEqual(["A", "B"]);
    expect(screen.getByTestId("announcement")).toHaveTextContent("Undone: Delete step “A”");
    await userEvent.click(screen.getByTestId("redo"));
    await screen.findByRole("button", { name: /Undo Delete step “A”/ });
    expect(titles()).toEqual(["B"]);
  });
});

describe("KPIs on a step", () => {
  it("adds a KPI with three levels, explains a level out of order, and edits it", async () => {
    const client = await openMap();
    await addStep("First project delivered");
    await userEvent.click(screen.getByTestId("add-kpi"));
    const dialog = await screen.findByTestId("kpi-dialog");
    await userEvent.type(within(dialog).getByLabelText("Name"), "Days to first delivery");
    await userEvent.type(within(dialog).getByLabelText("Unit"), "days");
    await userEvent.selectOptions(within(dialog).getByLabelText("Better when"), "lower_is_better");
    await userEvent.type(within(dialog).getByLabelText("Entry level"), "60");
    await userEvent.type(within(dialog).getByLabelText("Good"), "30");
    await userEvent.type(within(dialog).getByLabelText("Best in class"), "45");
    await userEvent.click(within(dialog).getByTestId("kpi-save"));
    expect(within(dialog).getByLabelText("Best in class")).toHaveAccessibleDescription(
      "When lower is better, best in class cannot be above good.",
    );
    expect(client.steps).toHaveLength(1);
    await userEvent.clear(within(dialog).getByLabelText("Best in class"));
    await userEvent.type(within(dialog).getByLabelText("Best in class"), "14");
    await userEvent.click(within(dialog).getByTestId("kpi-save"));
    const kpi = await screen.findByTestId("kpi");
    expect(kpi).toHaveTextContent("Days to first delivery (days)");
    expect(kpi).toHaveTextContent("603014");

    await userEvent.click(kpi);
    const edit = await screen.findByTestId("kpi-dialog");
    await userEvent.clear(within(edit).getByLabelText("Best in class"));
    await userEvent.type(within(edit).getByLabelText("Best in class"), "7");
    await userEvent.click(within(edit).getByTestId("kpi-save"));
    await screen.findByText("7");
  });

  it("warns when a step measures only satisfaction", async () => {
    await openMap();
    await addStep("Onboarded");
    await userEvent.click(screen.getByTestId("add-kpi"));
    const dialog = await screen.findByTestId("kpi-dialog");
    await userEvent.type(within(dialog).getByLabelText("Name"), "NPS after onboarding");
    await userEvent.selectOptions(within(dialog).getByLabelText("Measures"), "satisfaction");
    for (const [label, value] of [
      ["Entry level", "0"],
      ["Good", "30"],
      ["Best in class", "50"],
    ] as const) {
      await userEvent.type(within(dialog).getByLabelText(label), value);
    }
    await userEvent.click(within(dialog).getByTestId("kpi-save"));
    expect(await screen.findByRole("note")).toHaveTextContent("satisfaction is not success");
  });
});

describe("vehicles on the map", () => {
  it("creates a vehicle in the palette and attaches it to a move from its menu, closing the gap", async () => {
    await openMap();
    await addStep("A");
    await addStep("B");
    expect(screen.getByTestId("moves-covered")).toHaveTextContent("0 of 1");
    expect(screen.getByText("Gap")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("toggle-palette"));
    await userEvent.click(await screen.findByTestId("new-vehicle"));
    const form = screen.getByTestId("vehicle-form");
    await userEvent.selectOptions(within(form).getByLabelText("Kind"), "community");
    await userEvent.type(within(form).getByLabelText("Name"), "Design circle");
    await userEvent.click(within(form).getByTestId("vehicle-save"));
    const menu = await screen.findByRole("combobox", { name: "Attach Design circle to…" });
    await userEvent.selectOptions(menu, "Move: A → B");
    await screen.findByRole("button", { name: "Remove Design circle from here" });
    expect(screen.getByTestId("moves-covered")).toHaveTextContent("1 of 1");
    expect(screen.queryByText("Gap")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Remove Design circle from here" }));
    await screen.findByText("Gap");
  });
});

describe("the vehicle catalogue", () => {
  it("edits and deletes a vehicle from the palette", async () => {
    const client = await openMap();
    await addStep("A");
    await userEvent.click(screen.getByTestId("toggle-palette"));
    await userEvent.click(await screen.findByTestId("new-vehicle"));
    await userEvent.type(within(screen.getByTestId("vehicle-form")).getByLabelText("Name"), "Bootcamp");
    await userEvent.click(screen.getByTestId("vehicle-save"));
    await userEvent.click(await screen.findByRole("button", { name: "Edit Bootcamp" }));
    const name = within(screen.getByTestId("vehicle-form")).getByLabelText("Name");
    await userEvent.clear(name);
    await userEvent.type(name, "First-house bootcamp");
    await userEvent.click(screen.getByTestId("vehicle-save"));
    await screen.findByRole("button", { name: "Edit First-house bootcamp" });
    await userEvent.click(screen.getByRole("button", { name: /Delete First-house bootcamp/ }));
    await screen.findByText("No vehicles yet. Create the first one below.");
    expect(await client.listVehicles()).toEqual([]);
  });
});

describe("customers on the map", () => {
  it("shows the largest customers as chips and moves one from its menu with the keyboard", async () => {
    const client = await openMap();
    await addStep("Pilot");
    await addStep("Rollout");
    const [pilot] = client.steps;
    if (!pilot) throw new Error("no step");
    for (const [name, arr] of [
      ["Small Co", 100],
      ["Big Co", 900],
    ] as const) {
      await client.createCustomer({
        name,
        externalId: null,
        personaId: 1,
        currentStepId: pilot.id,
        targetStepId: null,
        arrCents: arr * 100,
        health: null,
        nps: null,
        csat: null,
        owner: "",
        renewalDate: null,
        notes: "",
      });
    }
    // Any edit reloads the map; adding a third step is one.
    await addStep("Scale");
    const [pilotBand, rolloutBand] = screen.getAllByTestId("customer-band");
    if (!pilotBand || !rolloutBand) throw new Error("no bands");
    expect(within(pilotBand).getByTestId("band-count")).toHaveTextContent("2 customers");
    expect(within(rolloutBand).getByText("No customer on this step yet.")).toBeInTheDocument();

    const menuButton = within(pilotBand).getByRole("button", { name: "Place Small Co" });
    menuButton.focus();
    await userEvent.keyboard("{Enter}");
    const menu = screen.getByRole("menu", { name: "Place Small Co" });
    // Focus starts on the first item that can be chosen: "2. Rollout" (step 1 is where it is).
    expect(within(menu).getByRole("menuitem", { name: "2. Rollout" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() =>
      expect(
        within(screen.getAllByTestId("customer-band")[1] as HTMLElement).getByTestId("band-count"),
      ).toHaveTextContent("1 customer"),
    );
    expect(client.customers.find((r) => r.customer.name === "Small Co")?.customer.currentStepId).toBe(
      client.steps[1]?.id,
    );
  });

  it("closes the chip menu with Escape and gives focus back to its button", async () => {
    const client = await openMap();
    await addStep("Pilot");
    const [pilot] = client.steps;
    if (!pilot) throw new Error("no step");
    await client.createCustomer({
      name: "Solo",
      externalId: null,
      personaId: 1,
      currentStepId: pilot.id,
      targetStepId: null,
      arrCents: null,
      health: null,
      nps: null,
      csat: null,
      owner: "",
      renewalDate: null,
      notes: "",
    });
    await addStep("Next");
    const button = screen.getByRole("button", { name: "Place Solo" });
    await userEvent.click(button);
    expect(screen.getByRole("menu")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(button).toHaveFocus();
  });
});
