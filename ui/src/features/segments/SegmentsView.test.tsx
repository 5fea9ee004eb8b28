import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../App";
import { ClientContext } from "../../ipc/context";
import type { CustomerInput } from "../../ipc/client";
import { fakeClient } from "../../test/fakeClient";

/** A customer of the first persona: nothing but what a test sets. */
const customer = (values: Partial<CustomerInput> & { name: string }): CustomerInput => ({
  externalId: null,
  personaId: 1,
  currentStepId: null,
  targetStepId: null,
  arrCents: null,
  health: null,
  nps: null,
  csat: null,
  owner: "",
  renewalDate: null,
  notes: "",
  ...values,
});

describe("the segments view", () => {
  it("shows a persona's current × target matrix and opens a cell as a segment", async () => {
    const client = fakeClient(["Home architect"]);
    const map = await client.getMap(1);
    const a = await client.addStep(map.map.id, { title: "Pilot", outcome: "" }, null);
    const b = await client.addStep(map.map.id, { title: "Scale", outcome: "" }, null);
    const add = (name: string, current: number | null, target: number | null, arr: number) =>
      client.createCustomer(customer({ name, currentStepId: current, targetStepId: target, arrCents: arr }));
    await add("Up One", a.id, b.id, 100_00);
    await add("Up Two", a.id, b.id, 300_00);
    await add("Back", b.id, a.id, 50_00);
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    await userEvent.click(await screen.findByTestId("nav-segments"));
    const matrix = await screen.findByTestId("matrix");
    const up = within(matrix).getByRole("button", {
      name: "Home architect: 1. Pilot → 2. Scale: 2 customers, $400 ARR",
    });
    expect(up).toHaveTextContent("2");
    expect(
      within(matrix).getByRole("button", { name: /1\. Pilot: 1 customer, \$50 ARR, regression/ }),
    ).toHaveTextContent("regression");

    await userEvent.click(screen.getByTestId("shade-arr"));
    expect(up).toHaveTextContent("$400");

    await userEvent.click(up);
    const panel = await screen.findByTestId("segment-panel");
    expect(within(panel).getByRole("heading")).toHaveTextContent("Home architect: 1. Pilot → 2. Scale · 2 customers");
    await waitFor(() =>
      expect(
        within(panel)
          .getAllByTestId("customer-row")
          .map((r) => r.querySelector(".cell-name")?.firstChild?.textContent),
      ).toEqual(["Up One", "Up Two"]),
    );

    // Filters narrow the matrix and the open segment alike, and show as clearable chips.
    await userEvent.click(screen.getByTestId("shade-customers"));
    await userEvent.type(screen.getByTestId("filter-arr-min"), "200");
    const chip = await screen.findByRole("button", { name: "Remove filter ARR ≥ $200" });
    await waitFor(() => expect(within(panel).getAllByTestId("customer-row")).toHaveLength(1));
    expect(within(panel).getByTestId("customer-row")).toHaveTextContent("Up Two");
    expect(within(matrix).getByRole("button", { name: /1\. Pilot → 2\. Scale: 1 customer, \$300 ARR/ })).toBeVisible();
    expect(within(panel).getByRole("heading")).toHaveTextContent("· 1 customer");

    await userEvent.type(screen.getByTestId("filter-renewal"), "abc");
    expect(await screen.findByText("Enter a number of days from 1 to 3650")).toBeVisible();
    expect(screen.getByTestId("filter-renewal")).toHaveAttribute("aria-invalid", "true");

    await userEvent.click(chip);
    expect(screen.getByTestId("filter-arr-min")).toHaveValue("");
    await waitFor(() => expect(within(panel).getAllByTestId("customer-row")).toHaveLength(2));

    // Bulk actions inside the segment: the moved customer leaves the cell.
    await userEvent.click(within(panel).getByLabelText("Select Up One"));
    expect(within(panel).getByTestId("bulk-bar")).toHaveTextContent("1 customer selected");
    await userEvent.selectOptions(within(panel).getByTestId("bulk-move"), String(b.id));
    await waitFor(() => expect(within(panel).getAllByTestId("customer-row")).toHaveLength(1));
    expect(within(panel).getByTestId("customer-row")).toHaveTextContent("Up Two");
    expect(within(panel).queryByTestId("bulk-bar")).toBeNull();
    expect(client.customers.find((r) => r.customer.name === "Up One")?.customer.currentStepId).toBe(b.id);
    expect(within(panel).getByRole("heading")).toHaveTextContent("· 1 customer");

    // The same cells as flows: the chart's text alternative names every flow.
    await userEvent.click(screen.getByTestId("tab-flows"));
    expect(screen.getByTestId("tab-flows")).toHaveAttribute("aria-selected", "true");
    // The chart's code (ECharts) loads on first use; on a busy machine that takes longer than a second.
    expect(await screen.findByTestId("flows-chart", {}, { timeout: 10_000 })).toHaveAccessibleName(
      /1\. Pilot → 2\. Scale: 1 customer, \$300 ARR; 2\. Scale → 1\. Pilot: 1 customer, \$50 ARR \(target before the current step\)/,
    );
  });
});

describe("saved segments", () => {
  it("saves the filters and the chosen cell, shows the size now, opens, renames and deletes", async () => {
    const client = fakeClient(["Home architect"]);
    const map = await client.getMap(1);
    const a = await client.addStep(map.map.id, { title: "Pilot", outcome: "" }, null);
    const b = await client.addStep(map.map.id, { title: "Scale", outcome: "" }, null);
    const add = (name: string, arr: number) =>
      client.createCustomer(customer({ name, currentStepId: a.id, targetStepId: b.id, arrCents: arr }));
    await add("Small", 100_00);
    await add("Big", 900_00);
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    await userEvent.click(await screen.findByTestId("nav-segments"));
    expect(await screen.findByTestId("saved-segments-empty")).toBeVisible();

    await userEvent.type(screen.getByTestId("filter-arr-min"), "500");
    await screen.findByRole("button", { name: "Remove filter ARR ≥ $500" });
    const matrix = await screen.findByTestId("matrix");
    await userEvent.click(await within(matrix).findByRole("button", { name: /1\. Pilot → 2\. Scale: 1 customer/ }));
    await userEvent.click(screen.getByTestId("save-segment"));
    const dialog = await screen.findByTestId("save-segment-dialog");
    expect(dialog).toHaveTextContent("Home architect: 1. Pilot → 2. Scale · ARR ≥ $500");
    await userEvent.click(within(dialog).getByTestId("segment-save"));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Give the segment a name");
    await userEvent.type(within(dialog).getByTestId("segment-name"), "Big pilots");
    await userEvent.click(within(dialog).getByTestId("segment-save"));
    await waitFor(() => expect(screen.queryByTestId("save-segment-dialog")).toBeNull());
    expect(client.segments).toEqual([
      {
        id: expect.any(Number),
        name: "Big pilots",
        filter: expect.objectContaining({ personaId: 1, minArrCents: 500_00 }),
        cell: { currentStepId: a.id, targetStepId: b.id },
        quadrant: null,
      },
    ]);
    const item = await screen.findByTestId("saved-segment");
    expect(item).toHaveTextContent("Big pilots");
    expect(item).toHaveTextContent("Home architect · 1. Pilot → 2. Scale · ARR ≥ $500");
    expect(within(item).getByTestId("saved-segment-size")).toHaveTextContent("1 customer · $900 ARR");

    // A second save under the same name is refused with the reason, and nothing is lost.
    await userEvent.click(screen.getByTestId("save-segment"));
    const again = await screen.findByTestId("save-segment-dialog");
    await userEvent.type(within(again).getByTestId("segment-name"), "big PILOTS");
    await userEvent.click(within(again).getByTestId("segment-save"));
    expect(await within(again).findByRole("alert")).toHaveTextContent('A segment named "big PILOTS" already exists');
    await userEvent.click(within(again).getByRole("button", { name: "Cancel" }));

    // Opening it brings back its filters and its cell.
    await userEvent.click(screen.getByRole("button", { name: "Remove filter ARR ≥ $500" }));
    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByTestId("segment-panel")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Open segment Big pilots" }));
    expect(screen.getByTestId("filter-arr-min")).toHaveValue("500");
    const panel = await screen.findByTestId("segment-panel");
    await waitFor(() => expect(within(panel).getAllByTestId("customer-row")).toHaveLength(1));
    expect(within(panel).getByTestId("customer-row")).toHaveTextContent("Big");

    await userEvent.click(screen.getByRole("button", { name: "Export Big pilots" }));
    const exportDialog = await screen.findByTestId("export-dialog");
    expect(exportDialog).toHaveTextContent("Export segment to CSV");
    expect(exportDialog).toHaveTextContent("The 1 customer of Big pilots");
    await userEvent.click(within(exportDialog).getByRole("button", { name: "Cancel" }));

    await userEvent.click(screen.getByRole("button", { name: "Rename Big pilots" }));
    const rename = await screen.findByTestId("save-segment-dialog");
    await userEvent.clear(within(rename).getByTestId("segment-name"));
    await userEvent.type(within(rename).getByTestId("segment-name"), "Whales");
    await userEvent.click(within(rename).getByRole("button", { name: "Rename" }));
    expect(await screen.findByRole("button", { name: "Open segment Whales" })).toBeVisible();
    expect(client.segments[0]?.cell).toEqual({ currentStepId: a.id, targetStepId: b.id });

    await userEvent.click(screen.getByRole("button", { name: "Delete Whales" }));
    await userEvent.click(
      within(screen.getByRole("group", { name: "Delete Whales?" })).getByRole("button", { name: "Delete" }),
    );
    expect(await screen.findByTestId("saved-segments-empty")).toBeVisible();
    expect(client.segments).toEqual([]);
  });
});

describe("success vs satisfaction", () => {
  it("counts customers per quadrant and opens a quadrant as a segment that can be saved", async () => {
    const client = fakeClient(["Home architect"]);
    const map = await client.getMap(1);
    const steps: { id: number }[] = [];
    for (const title of ["Pilot", "Rollout", "Scale", "Expand"]) {
      steps.push(await client.addStep(map.map.id, { title, outcome: "" }, null));
    }
    const add = (name: string, step: number, nps: number | null) =>
      client.createCustomer(customer({ name, currentStepId: steps[step]?.id ?? null, arrCents: 100_00, nps }));
    await add("Happy early", 0, 60); // satisfied, not successful
    await add("Happy late", 3, 50); // successful and satisfied
    await add("Grumpy late", 2, -10); // successful, not satisfied
    await add("Grumpy early", 0, 0); // neither
    await add("Silent", 1, null); // no NPS: left out
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    await userEvent.click(await screen.findByTestId("nav-segments"));
    await userEvent.click(await screen.findByTestId("tab-satisfaction"));
    const chart = await screen.findByTestId("satisfaction", {}, { timeout: 10_000 });
    expect(within(chart).getByTestId("quadrant-satisfied_not_successful")).toHaveTextContent(
      "Satisfied, not successful125%",
    );
    for (const q of ["successful_satisfied", "successful_not_satisfied", "neither"]) {
      expect(within(chart).getByTestId(`quadrant-${q}`)).toHaveTextContent("1");
    }

    await userEvent.click(within(chart).getByTestId("quadrant-satisfied_not_successful"));
    expect(within(chart).getByTestId("quadrant-satisfied_not_successful")).toHaveAttribute("aria-pressed", "true");
    const panel = await screen.findByTestId("segment-panel");
    expect(within(panel).getByRole("heading")).toHaveTextContent(
      "Satisfied, not successful (NPS; progress along the map) · 1 customer",
    );
    await waitFor(() => expect(within(panel).getAllByTestId("customer-row")).toHaveLength(1));
    expect(within(panel).getByTestId("customer-row")).toHaveTextContent("Happy early");

    await userEvent.click(screen.getByTestId("save-segment"));
    const dialog = await screen.findByTestId("save-segment-dialog");
    await userEvent.type(within(dialog).getByTestId("segment-name"), "Happy but stuck");
    await userEvent.click(within(dialog).getByTestId("segment-save"));
    await waitFor(() => expect(client.segments).toHaveLength(1));
    expect(client.segments[0]?.quadrant).toEqual({
      basis: "map",
      measure: "nps",
      quadrant: "satisfied_not_successful",
    });
    expect(await screen.findByTestId("saved-segment")).toHaveTextContent(
      "Satisfied, not successful (NPS; progress along the map)",
    );

    // Other axes: the chosen quadrant no longer applies and is let go.
    await userEvent.selectOptions(screen.getByTestId("satisfaction-basis"), "target");
    expect(screen.queryByTestId("segment-panel")).toBeNull();
  });
});

describe("progression", () => {
  it("shows per step the median stay and the period's moves, for the chosen persona and period", async () => {
    const client = fakeClient(["Home architect", "Industrial architect"]);
    const map = await client.getMap(1);
    for (const title of ["Pilot", "Scale"]) await client.addStep(map.map.id, { title, outcome: "" }, null);
    let asked: unknown[] = [];
    const real = client.segmentProgression;
    client.segmentProgression = (...args) => {
      asked = args;
      return real(...args);
    };
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    await userEvent.click(await screen.findByTestId("nav-segments"));
    await userEvent.click(await screen.findByTestId("tab-progression"));
    const table = await screen.findByTestId("progression");
    const rows = within(table).getAllByTestId("progression-row");
    expect(rows.map((r) => r.textContent)).toEqual(["1. Pilot12 days (3 stays)2010", "2. Scale— 0110"]);
    expect(table).toHaveTextContent("2 moves forward, 1 move backward, 2 customers did not move");
    expect(within(table).getByTestId("show-stalled")).toBeDisabled();

    await userEvent.selectOptions(screen.getByTestId("stalled-days"), "90");
    await waitFor(() => expect(asked[4]).toBe(90));
    expect(asked[1]).toBe(1);
    const from = screen.getByTestId("period-from");
    fireEvent.change(from, { target: { value: "2026-01-01" } });
    await waitFor(() => expect(asked[2]).toBe("2026-01-01"));

    // "Stalled" is also a filter over every view, with its chip.
    await userEvent.type(screen.getByTestId("filter-stalled"), "45");
    expect(await screen.findByRole("button", { name: "Remove filter On their step over 45 days" })).toBeVisible();
  });
});

describe("suggested steps", () => {
  it("takes KPI values entered on a customer, suggests a step, and moves the customer on accept", async () => {
    const client = fakeClient(["Home architect"]);
    const map = await client.getMap(1);
    const pilot = await client.addStep(map.map.id, { title: "Pilot", outcome: "" }, null);
    const scale = await client.addStep(map.map.id, { title: "Scale", outcome: "" }, null);
    for (const [step, name, levels] of [
      [pilot.id, "Projects delivered", [1, 3, 5]],
      [scale.id, "Seats active", [10, 50, 100]],
    ] as const) {
      await client.addKpi(step, {
        name,
        unit: "",
        direction: "higher_is_better",
        kind: "success",
        entryLevel: levels[0],
        goodLevel: levels[1],
        bestLevel: levels[2],
      });
    }
    await client.createCustomer(customer({ name: "Atelier North", currentStepId: pilot.id, arrCents: 100_00 }));
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    // The customer's panel takes its KPI values.
    await userEvent.click(await screen.findByTestId("nav-customers"));
    await userEvent.click(await screen.findByText("Atelier North"));
    const form = await screen.findByTestId("kpi-values");
    const [projects, seats] = within(form).getAllByTestId("kpi-value");
    if (!projects || !seats) throw new Error("two KPI value fields expected");
    await userEvent.type(projects, "4");
    await userEvent.type(seats, "lots");
    await userEvent.click(within(form).getByTestId("kpi-values-save"));
    expect(within(form).getByRole("alert")).toHaveTextContent("“Seats active”: enter a number, or leave it empty");
    await userEvent.clear(seats);
    await userEvent.type(seats, "60");
    await userEvent.click(within(form).getByTestId("kpi-values-save"));
    await waitFor(() => expect(within(form).getByTestId("kpi-values-save")).toBeDisabled());

    // At "good", 4 projects and 60 seats reach both steps: the values suggest Scale.
    await userEvent.click(screen.getByTestId("nav-segments"));
    await userEvent.click(await screen.findByTestId("tab-evidence"));
    const panel = await screen.findByTestId("evidence");
    expect(await within(panel).findByTestId("suggestion")).toHaveTextContent("Atelier North1. Pilot2. Scale");
    // At best in class, 4 projects do not reach the first step: no suggestion.
    await userEvent.selectOptions(screen.getByTestId("evidence-level"), "best");
    expect(await screen.findByTestId("evidence-none")).toBeVisible();
    await userEvent.selectOptions(screen.getByTestId("evidence-level"), "good");
    await userEvent.click(await screen.findByTestId("accept-suggestions"));
    expect(await screen.findByTestId("evidence-none")).toBeVisible();
    expect(client.customers[0]?.customer.currentStepId).toBe(scale.id);
  });
});
