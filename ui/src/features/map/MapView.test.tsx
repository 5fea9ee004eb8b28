import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { BackendError, type Client, type MapDetail, type UndoState, type Vehicle } from "../../ipc/client";
import { attached, chip, kpi, mapDetail, noUndo, personaSummary, step, stepView, vehicle } from "../../test/builders";
import { deferred, frame, renderApp, stubClient } from "../../test/stubClient";

const home = personaSummary(1, "Home architect");

/**
 * The map as the backend shows it, changed by the test's stubbed edits: `edit(next,
 * result)` is an edit after which the map is `next`, answering `result`.
 */
function backendMap(initial: MapDetail) {
  let shown = initial;
  return {
    getMap: async () => shown,
    edit:
      <T,>(next: MapDetail, result: T) =>
      async () => {
        shown = next;
        return result;
      },
  };
}

/** The map view of "Home architect" over these stubs (the frame's and an empty vehicle catalogue unless given). */
async function openMap(stubs: Partial<Client>, undo: () => UndoState = () => noUndo) {
  const client = stubClient({ ...frame([home], undo), listVehicles: async () => [], ...stubs });
  renderApp(client);
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
    const held = deferred<MapDetail>();
    await openMap({ getMap: () => held.promise });
    const view = screen.getByRole("region", { name: "Home architect" });
    expect(view).toHaveAttribute("aria-busy", "true");
    held.resolve(mapDetail([]));
    await waitFor(() => expect(view).toHaveAttribute("aria-busy", "false"));
    expect(screen.getByText("This map has no steps yet")).toBeInTheDocument();
  });
});

describe("editing a success map", () => {
  it("adds steps at the end and between two steps", async () => {
    const first = step(11, "First project delivered", 0, { outcome: "A house designed end to end" });
    const visualisation = step(12, "Visualisation wins clients", 1);
    const templates = step(13, "Templates in daily use", 1);
    const map = backendMap(mapDetail([]));
    const client = await openMap({
      getMap: map.getMap,
      addStep: vi
        .fn<Client["addStep"]>()
        .mockImplementationOnce(map.edit(mapDetail([stepView(first)]), first))
        .mockImplementationOnce(map.edit(mapDetail([stepView(first), stepView(visualisation)]), visualisation))
        .mockImplementationOnce(
          map.edit(
            mapDetail([stepView(first), stepView(templates), stepView({ ...visualisation, position: 2 })]),
            templates,
          ),
        ),
    });
    await addStep("First project delivered", "A house designed end to end");
    await addStep("Visualisation wins clients");
    await userEvent.click(screen.getByTestId("insert-step"));
    await userEvent.type(screen.getByLabelText("Step title"), "Templates in daily use{Enter}");
    await screen.findByRole("heading", { name: "Templates in daily use" });
    expect(titles()).toEqual(["First project delivered", "Templates in daily use", "Visualisation wins clients"]);
    expect(screen.getByText("A house designed end to end")).toBeInTheDocument();
    expect(client.addStep.mock.calls).toEqual([
      [1, { title: "First project delivered", outcome: "A house designed end to end", notes: "" }, null],
      [1, { title: "Visualisation wins clients", outcome: "", notes: "" }, null],
      [1, { title: "Templates in daily use", outcome: "", notes: "" }, 1],
    ]);
  });

  it("edits a step in place and cancels with Escape", async () => {
    const pilot = step(11, "Pilot", 0);
    const live = { ...pilot, title: "Pilot project live" };
    const map = backendMap(mapDetail([]));
    const client = await openMap({
      getMap: map.getMap,
      addStep: map.edit(mapDetail([stepView(pilot)]), pilot),
      updateStep: map.edit(mapDetail([stepView(live)]), live),
    });
    await addStep("Pilot");
    await userEvent.click(screen.getByTestId("edit-step"));
    const title = screen.getByLabelText("Step title");
    await userEvent.clear(title);
    await userEvent.type(title, "Pilot project live{Enter}");
    await screen.findByRole("heading", { name: "Pilot project live" });
    await userEvent.click(screen.getByTestId("edit-step"));
    await userEvent.type(screen.getByLabelText("Step title"), " changed{Escape}");
    expect(titles()).toEqual(["Pilot project live"]);
    expect(client.updateStep.mock.calls).toEqual([[11, { title: "Pilot project live", outcome: "", notes: "" }]]);
  });

  it("keeps presenter notes with a step and shows them under its outcome", async () => {
    const pilot = step(11, "Pilot", 0);
    const noted = { ...pilot, notes: "Ask who ran a pilot" };
    const map = backendMap(mapDetail([]));
    const client = await openMap({
      getMap: map.getMap,
      addStep: map.edit(mapDetail([stepView(pilot)]), pilot),
      updateStep: map.edit(mapDetail([stepView(noted)]), noted),
    });
    await addStep("Pilot");
    await userEvent.click(screen.getByTestId("edit-step"));
    await userEvent.type(screen.getByLabelText("Presenter notes"), "  Ask who ran a pilot ");
    await userEvent.click(screen.getByTestId("step-save"));
    expect(await screen.findByTestId("step-notes")).toHaveTextContent("Presenter notes: Ask who ran a pilot");
    expect(client.updateStep).toHaveBeenLastCalledWith(11, {
      title: "Pilot",
      outcome: "",
      notes: "Ask who ran a pilot",
    });
  });

  it("explains a duplicate title at the field and keeps the form open", async () => {
    const onboarded = step(11, "Onboarded", 0);
    const map = backendMap(mapDetail([]));
    const client = await openMap({
      getMap: map.getMap,
      addStep: vi
        .fn<Client["addStep"]>()
        .mockImplementationOnce(map.edit(mapDetail([stepView(onboarded)]), onboarded))
        .mockRejectedValueOnce(
          new BackendError({ code: "conflict", message: 'this map already has a step titled "onboarded"' }),
        ),
    });
    await addStep("Onboarded");
    await userEvent.click(screen.getByTestId("add-step"));
    await userEvent.type(screen.getByLabelText("Step title"), "onboarded{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent('This map already has a step titled "onboarded"');
    expect(screen.getByLabelText("Step title")).toHaveValue("onboarded");
    expect(client.addStep).toHaveBeenLastCalledWith(1, { title: "onboarded", outcome: "", notes: "" }, null);
  });

  it("deletes a step, and Ctrl+Z brings it back", async () => {
    const a = step(11, "A", 0);
    const b = step(12, "B", 1);
    const both = mapDetail([stepView(a), stepView(b)]);
    const onlyB = mapDetail([stepView({ ...b, position: 0 })]);
    const map = backendMap(mapDetail([]));
    let undo: UndoState = noUndo;
    const history = (state: UndoState) => {
      undo = state;
    };
    const deleted = "Delete step “A”";
    const client = await openMap(
      {
        getMap: map.getMap,
        addStep: vi
          .fn<Client["addStep"]>()
          .mockImplementationOnce(map.edit(mapDetail([stepView(a)]), a))
          .mockImplementationOnce(map.edit(both, b)),
        deleteStep: async () => {
          history({ undoLabel: deleted, redoLabel: null, notice: null });
          return map.edit(onlyB, null)();
        },
        undo: async () => {
          history({ undoLabel: "Add step “B”", redoLabel: deleted, notice: null });
          await map.edit(both, null)();
          return { label: deleted, state: undo };
        },
        redo: async () => {
          history({ undoLabel: deleted, redoLabel: null, notice: null });
          await map.edit(onlyB, null)();
          return { label: deleted, state: undo };
        },
      },
      () => undo,
    );
    await addStep("A");
    await addStep("B");
    const [deleteA] = screen.getAllByTestId("delete-step");
    if (!deleteA) throw new Error("no delete button");
    await userEvent.click(deleteA);
    await screen.findByRole("button", { name: /Undo Delete step “A”/ });
    expect(client.deleteStep).toHaveBeenCalledWith(11);
    expect(titles()).toEqual(["B"]);
    await userEvent.keyboard("{Control>}z{/Control}");
    await screen.findByRole("heading", { name: "A" });
    expect(titles()).toEqual(["A", "B"]);
    expect(screen.getByTestId("announcement")).toHaveTextContent("Undone: Delete step “A”");
    expect(client.undo).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByTestId("redo"));
    await screen.findByRole("button", { name: /Undo Delete step “A”/ });
    expect(titles()).toEqual(["B"]);
    expect(client.redo).toHaveBeenCalledOnce();
  });
});

describe("KPIs on a step", () => {
  it("adds a KPI with three levels, explains a level out of order, and edits it", async () => {
    const first = step(11, "First project delivered", 0);
    const levels = { name: "Days to first delivery", unit: "days", direction: "lower_is_better" } as const;
    const days = kpi(21, 11, "Days to first delivery", { ...levels, entryLevel: 60, goodLevel: 30, bestLevel: 14 });
    const faster = { ...days, bestLevel: 7 };
    const map = backendMap(mapDetail([]));
    const client = await openMap({
      getMap: map.getMap,
      addStep: map.edit(mapDetail([stepView(first)]), first),
      addKpi: map.edit(mapDetail([stepView(first, { kpis: [days] })]), days),
      updateKpi: map.edit(mapDetail([stepView(first, { kpis: [faster] })]), faster),
    });
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
    expect(client.addKpi).not.toHaveBeenCalled();
    await userEvent.clear(within(dialog).getByLabelText("Best in class"));
    await userEvent.type(within(dialog).getByLabelText("Best in class"), "14");
    await userEvent.click(within(dialog).getByTestId("kpi-save"));
    const shown = await screen.findByTestId("kpi");
    expect(shown).toHaveTextContent("Days to first delivery (days)");
    expect(shown).toHaveTextContent("603014");
    expect(client.addKpi).toHaveBeenCalledWith(11, {
      ...levels,
      kind: "success",
      entryLevel: 60,
      goodLevel: 30,
      bestLevel: 14,
    });

    await userEvent.click(shown);
    const edit = await screen.findByTestId("kpi-dialog");
    await userEvent.clear(within(edit).getByLabelText("Best in class"));
    await userEvent.type(within(edit).getByLabelText("Best in class"), "7");
    await userEvent.click(within(edit).getByTestId("kpi-save"));
    await screen.findByText("7");
    expect(client.updateKpi).toHaveBeenCalledWith(21, {
      ...levels,
      kind: "success",
      entryLevel: 60,
      goodLevel: 30,
      bestLevel: 7,
    });
  });

  it("warns when a step measures only satisfaction", async () => {
    const onboarded = step(11, "Onboarded", 0);
    const nps = kpi(21, 11, "NPS after onboarding", {
      kind: "satisfaction",
      entryLevel: 0,
      goodLevel: 30,
      bestLevel: 50,
    });
    const map = backendMap(mapDetail([]));
    const client = await openMap({
      getMap: map.getMap,
      addStep: map.edit(mapDetail([stepView(onboarded)]), onboarded),
      addKpi: map.edit(mapDetail([stepView(onboarded, { kpis: [nps] })]), nps),
    });
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
    expect(client.addKpi).toHaveBeenCalledWith(11, expect.objectContaining({ kind: "satisfaction" }));
  });
});

describe("vehicles on the map", () => {
  it("creates a vehicle in the palette and attaches it to a move from its menu, closing the gap", async () => {
    const a = step(11, "A", 0);
    const b = step(12, "B", 1);
    const circle = vehicle(31, "Design circle", { kind: "community" });
    const steps = [stepView(a), stepView(b)];
    const gap = mapDetail(steps);
    const map = backendMap(mapDetail([]));
    let vehicles: Vehicle[] = [];
    const client = await openMap({
      getMap: map.getMap,
      listVehicles: async () => vehicles,
      addStep: vi
        .fn<Client["addStep"]>()
        .mockImplementationOnce(map.edit(mapDetail([stepView(a)]), a))
        .mockImplementationOnce(map.edit(gap, b)),
      createVehicle: async () => {
        vehicles = [circle];
        return circle;
      },
      attachVehicle: map.edit(
        mapDetail(steps, { moves: [{ fromStepId: 11, toStepId: 12, vehicles: [attached(41, circle)] }] }),
        { id: 41, vehicleId: 31, target: { type: "move", fromStepId: 11, toStepId: 12 } },
      ),
      detachVehicle: map.edit(gap, null),
    });
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
    expect(client.createVehicle).toHaveBeenCalledWith({
      kind: "community",
      customKind: null,
      name: "Design circle",
      description: "",
      owner: "",
      link: "",
      effort: "",
    });
    await userEvent.selectOptions(menu, "Move: A → B");
    await screen.findByRole("button", { name: "Remove Design circle from here" });
    expect(client.attachVehicle).toHaveBeenCalledWith(31, { type: "move", fromStepId: 11, toStepId: 12 });
    expect(screen.getByTestId("moves-covered")).toHaveTextContent("1 of 1");
    expect(screen.queryByText("Gap")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Remove Design circle from here" }));
    await screen.findByText("Gap");
    expect(client.detachVehicle).toHaveBeenCalledWith(41);
  });
});

describe("the vehicle catalogue", () => {
  it("edits and deletes a vehicle from the palette", async () => {
    const a = step(11, "A", 0);
    const bootcamp = vehicle(31, "Bootcamp");
    const renamed = { ...bootcamp, name: "First-house bootcamp" };
    const map = backendMap(mapDetail([]));
    let vehicles: Vehicle[] = [];
    const client = await openMap({
      getMap: map.getMap,
      listVehicles: async () => vehicles,
      addStep: map.edit(mapDetail([stepView(a)]), a),
      createVehicle: async () => {
        vehicles = [bootcamp];
        return bootcamp;
      },
      updateVehicle: async () => {
        vehicles = [renamed];
        return renamed;
      },
      deleteVehicle: async () => {
        vehicles = [];
        return null;
      },
    });
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
    expect(client.updateVehicle).toHaveBeenCalledWith(31, expect.objectContaining({ name: "First-house bootcamp" }));
    await userEvent.click(screen.getByRole("button", { name: /Delete First-house bootcamp/ }));
    await screen.findByText("No vehicles yet. Create the first one below.");
    expect(client.deleteVehicle).toHaveBeenCalledWith(31);
  });
});

describe("customers on the map", () => {
  const pilot = step(11, "Pilot", 0);
  const rollout = step(12, "Rollout", 1);
  const scale = step(13, "Scale", 2);

  it("shows the largest customers as chips and moves one from its menu with the keyboard", async () => {
    const big = chip(51, "Big Co", { arrCents: 900_00 });
    const small = chip(52, "Small Co", { arrCents: 100_00 });
    const map = backendMap(
      mapDetail([
        stepView(pilot, { customerCount: 2, arrCents: 1000_00, customers: [big, small] }),
        stepView(rollout),
        stepView(scale),
      ]),
    );
    const client = await openMap({
      getMap: map.getMap,
      placeCustomers: map.edit(
        mapDetail([
          stepView(pilot, { customerCount: 1, arrCents: 900_00, customers: [big] }),
          stepView(rollout, { customerCount: 1, arrCents: 100_00, customers: [small] }),
          stepView(scale),
        ]),
        1,
      ),
    });
    await screen.findByRole("heading", { name: "Pilot" });
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
    expect(client.placeCustomers).toHaveBeenCalledWith([52], { type: "current", step_id: 12 }, "edit");
  });

  it("closes the chip menu with Escape and gives focus back to its button", async () => {
    await openMap({
      getMap: async () =>
        mapDetail([stepView(pilot, { customerCount: 1, customers: [chip(51, "Solo")] }), stepView(rollout)]),
    });
    const button = await screen.findByRole("button", { name: "Place Solo" });
    await userEvent.click(button);
    expect(screen.getByRole("menu")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(button).toHaveFocus();
  });
});
