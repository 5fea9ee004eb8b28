import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import {
  BackendError,
  type Client,
  type KpiLevel,
  type PersonaSummary,
  type QuadrantRef,
  type SegmentSummary,
} from "../../ipc/client";
import {
  type CustomerKpiValue,
  cell,
  customer,
  customerDetail,
  customerRow,
  kpi,
  kpiValue,
  mapDetail,
  page,
  personaMatrix,
  personaSummary,
  progressionView,
  satisfactionView,
  savedSegment,
  segmentSummary,
  step,
  stepView,
  suggestionsView,
} from "../../test/builders";
import { frame, renderApp, stubClient } from "../../test/stubClient";
import { NO_FILTER } from "./segmentFilter";

const home = personaSummary(1, "Home architect");
const pilot = step(11, "Pilot", 0);
const scale = step(12, "Scale", 1);
/** A customer of Home architect placed on `current` and aiming at `target`. */
const placed = (id: number, name: string, current: typeof pilot, target: typeof pilot | null, arrCents: number) =>
  customerRow(customer(id, name, { currentStepId: current.id, targetStepId: target?.id ?? null, arrCents }), {
    currentStepTitle: current.title,
    targetStepTitle: target?.title ?? null,
    currentStepPosition: current.position,
    targetStepPosition: target?.position ?? null,
  });

/** The Segments view over these stubs (the frame's, no owners and no saved segments unless given). */
async function openSegments(stubs: Partial<Client>, personas: PersonaSummary[] = [home]) {
  const client = stubClient({
    ...frame(personas),
    customerOwners: async () => [],
    listSegments: async () => [],
    ...stubs,
  });
  renderApp(client);
  await userEvent.click(await screen.findByTestId("nav-segments"));
  return client;
}

const rowNames = (panel: HTMLElement) =>
  within(panel)
    .getAllByTestId("customer-row")
    .map((r) => r.querySelector(".cell-name")?.firstChild?.textContent);

describe("the segments view", () => {
  it("shows a persona's current × target matrix and opens a cell as a segment", async () => {
    const upOne = placed(1, "Up One", pilot, scale, 100_00);
    const upTwo = placed(2, "Up Two", pilot, scale, 300_00);
    // The backend's answers, before and after "Up One" moves to Scale, and with ARR from $200.
    const before = personaMatrix([pilot, scale], [cell(11, 12, 2, 400_00), cell(12, 11, 1, 50_00, true)]);
    const fromArr200 = personaMatrix([pilot, scale], [cell(11, 12, 1, 300_00)]);
    const afterMove = personaMatrix(
      [pilot, scale],
      [cell(11, 12, 1, 300_00), cell(12, 11, 1, 50_00, true), cell(12, 12, 1, 100_00)],
    );
    let moved = false;
    const client = await openSegments({
      segmentMatrix: async (filter) => [filter.minArrCents === 200_00 ? fromArr200 : moved ? afterMove : before],
      // The cell's customers, by ARR (largest first).
      listCustomers: async (query) => page(query.minArrCents === 200_00 || moved ? [upTwo] : [upTwo, upOne]),
      getMap: async () => mapDetail([stepView(pilot), stepView(scale)]),
      placeCustomers: async (ids) => {
        moved = true;
        return ids.length;
      },
    });
    const matrix = await screen.findByTestId("matrix");
    expect(client.segmentMatrix).toHaveBeenCalledWith(NO_FILTER);
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
    await waitFor(() => expect(rowNames(panel)).toEqual(["Up Two", "Up One"]));
    expect(client.listCustomers).toHaveBeenCalledWith(
      {
        ...NO_FILTER,
        personaId: 1,
        search: "",
        currentStepId: null,
        cell: { currentStepId: 11, targetStepId: 12 },
        quadrant: null,
        sort: "arr",
        descending: true,
      },
      0,
      100,
    );

    // Filters narrow the matrix and the open segment alike, and show as clearable chips.
    await userEvent.click(screen.getByTestId("shade-customers"));
    await userEvent.type(screen.getByTestId("filter-arr-min"), "200");
    const chip = await screen.findByRole("button", { name: "Remove filter ARR ≥ $200" });
    await waitFor(() => expect(within(panel).getAllByTestId("customer-row")).toHaveLength(1));
    expect(within(panel).getByTestId("customer-row")).toHaveTextContent("Up Two");
    expect(within(matrix).getByRole("button", { name: /1\. Pilot → 2\. Scale: 1 customer, \$300 ARR/ })).toBeVisible();
    expect(within(panel).getByRole("heading")).toHaveTextContent("· 1 customer");
    expect(client.segmentMatrix).toHaveBeenCalledWith({ ...NO_FILTER, minArrCents: 200_00 });
    expect(client.listCustomers).toHaveBeenCalledWith(
      expect.objectContaining({ personaId: 1, minArrCents: 200_00, cell: { currentStepId: 11, targetStepId: 12 } }),
      0,
      100,
    );

    await userEvent.type(screen.getByTestId("filter-renewal"), "abc");
    expect(await screen.findByText("Enter a number of days from 1 to 3650")).toBeVisible();
    expect(screen.getByTestId("filter-renewal")).toHaveAttribute("aria-invalid", "true");

    await userEvent.click(chip);
    expect(screen.getByTestId("filter-arr-min")).toHaveValue("");
    await waitFor(() => expect(within(panel).getAllByTestId("customer-row")).toHaveLength(2));

    // Bulk actions inside the segment: the moved customer leaves the cell.
    await userEvent.click(within(panel).getByLabelText("Select Up One"));
    expect(within(panel).getByTestId("bulk-bar")).toHaveTextContent("1 customer selected");
    await userEvent.selectOptions(within(panel).getByTestId("bulk-move"), String(scale.id));
    await waitFor(() => expect(within(panel).getAllByTestId("customer-row")).toHaveLength(1));
    expect(within(panel).getByTestId("customer-row")).toHaveTextContent("Up Two");
    expect(within(panel).queryByTestId("bulk-bar")).toBeNull();
    expect(client.placeCustomers).toHaveBeenCalledWith([1], { type: "current", step_id: 12 }, "bulk");
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
    const small = placed(1, "Small", pilot, scale, 100_00);
    const big = placed(2, "Big", pilot, scale, 900_00);
    const from500 = { ...NO_FILTER, personaId: 1, minArrCents: 500_00 };
    const stored = savedSegment(61, "Big pilots", {
      filter: from500,
      cell: { currentStepId: 11, targetStepId: 12 },
    });
    const whales = { ...stored, name: "Whales" };
    // As the backend lists a saved segment: its size now and what it selects, in words.
    const listed = (segment: typeof stored) =>
      segmentSummary(segment, {
        customers: 1,
        arrCents: 900_00,
        personaName: "Home architect",
        cellLabel: "1. Pilot → 2. Scale",
      });
    let segments: SegmentSummary[] = [];
    const client = await openSegments({
      listSegments: async () => segments,
      segmentMatrix: async (filter) => [
        filter.minArrCents === 500_00
          ? personaMatrix([pilot, scale], [cell(11, 12, 1, 900_00)])
          : personaMatrix([pilot, scale], [cell(11, 12, 2, 1000_00)]),
      ],
      listCustomers: async (query) => page(query.minArrCents === 500_00 ? [big] : [big, small]),
      saveSegment: vi
        .fn<Client["saveSegment"]>()
        .mockImplementationOnce(async () => {
          segments = [listed(stored)];
          return stored;
        })
        .mockRejectedValueOnce(
          new BackendError({ code: "conflict", message: 'a segment named "big PILOTS" already exists' }),
        ),
      updateSegment: async () => {
        segments = [listed(whales)];
        return whales;
      },
      deleteSegment: async () => {
        segments = [];
        return null;
      },
      suggestPath: async (name) => `/home/test/${name}`,
    });
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
    expect(client.saveSegment).not.toHaveBeenCalled();
    await userEvent.type(within(dialog).getByTestId("segment-name"), "Big pilots");
    await userEvent.click(within(dialog).getByTestId("segment-save"));
    await waitFor(() => expect(screen.queryByTestId("save-segment-dialog")).toBeNull());
    expect(client.saveSegment).toHaveBeenCalledWith({
      name: "Big pilots",
      filter: from500,
      cell: { currentStepId: 11, targetStepId: 12 },
      quadrant: null,
    });
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
    expect(client.saveSegment).toHaveBeenLastCalledWith(expect.objectContaining({ name: "big PILOTS" }));
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
    expect(client.suggestPath).toHaveBeenCalledWith(expect.stringMatching(/^big-pilots-\d{4}-\d{2}-\d{2}\.csv$/));
    await userEvent.click(within(exportDialog).getByRole("button", { name: "Cancel" }));

    await userEvent.click(screen.getByRole("button", { name: "Rename Big pilots" }));
    const rename = await screen.findByTestId("save-segment-dialog");
    await userEvent.clear(within(rename).getByTestId("segment-name"));
    await userEvent.type(within(rename).getByTestId("segment-name"), "Whales");
    await userEvent.click(within(rename).getByRole("button", { name: "Rename" }));
    expect(await screen.findByRole("button", { name: "Open segment Whales" })).toBeVisible();
    expect(client.updateSegment).toHaveBeenCalledWith(61, {
      name: "Whales",
      filter: from500,
      cell: { currentStepId: 11, targetStepId: 12 },
      quadrant: null,
    });

    await userEvent.click(screen.getByRole("button", { name: "Delete Whales" }));
    await userEvent.click(
      within(screen.getByRole("group", { name: "Delete Whales?" })).getByRole("button", { name: "Delete" }),
    );
    expect(await screen.findByTestId("saved-segments-empty")).toBeVisible();
    expect(client.deleteSegment).toHaveBeenCalledWith(61);
  });
});

describe("success vs satisfaction", () => {
  it("counts customers per quadrant and opens a quadrant as a segment that can be saved", async () => {
    const quadrant: QuadrantRef = { basis: "map", measure: "nps", quadrant: "satisfied_not_successful" };
    const label = "Satisfied, not successful (NPS; progress along the map)";
    const stuck = savedSegment(61, "Happy but stuck", { quadrant });
    let segments: SegmentSummary[] = [];
    const client = await openSegments({
      listSegments: async () => segments,
      segmentMatrix: async () => [personaMatrix([], [])],
      // One customer in each quadrant; one without NPS is left out.
      segmentSatisfaction: async (_filter, basis, measure) =>
        satisfactionView({
          basis,
          measure,
          quadrants: (
            ["successful_satisfied", "successful_not_satisfied", "satisfied_not_successful", "neither"] as const
          ).map((q) => ({
            quadrant: q,
            label: q,
            segmentLabel: q === quadrant.quadrant ? label : q,
            customers: 1,
            arrCents: 100_00,
          })),
          withoutScore: 1,
        }),
      listCustomers: async () => page([customerRow(customer(1, "Happy early", { nps: 60, arrCents: 100_00 }))]),
      saveSegment: async () => {
        segments = [segmentSummary(stuck, { customers: 1, arrCents: 100_00, quadrantLabel: label })];
        return stuck;
      },
    });
    await userEvent.click(await screen.findByTestId("tab-satisfaction"));
    // The chart's code (ECharts) loads on first use; on a busy machine that takes longer than a second.
    const chart = await screen.findByTestId("satisfaction", {}, { timeout: 10_000 });
    expect(client.segmentSatisfaction).toHaveBeenCalledWith(NO_FILTER, "map", "nps");
    expect(within(chart).getByTestId("quadrant-satisfied_not_successful")).toHaveTextContent(
      "Satisfied, not successful125%",
    );
    for (const q of ["successful_satisfied", "successful_not_satisfied", "neither"]) {
      expect(within(chart).getByTestId(`quadrant-${q}`)).toHaveTextContent("1");
    }

    await userEvent.click(within(chart).getByTestId("quadrant-satisfied_not_successful"));
    expect(within(chart).getByTestId("quadrant-satisfied_not_successful")).toHaveAttribute("aria-pressed", "true");
    const panel = await screen.findByTestId("segment-panel");
    expect(within(panel).getByRole("heading")).toHaveTextContent(`${label} · 1 customer`);
    await waitFor(() => expect(within(panel).getAllByTestId("customer-row")).toHaveLength(1));
    expect(within(panel).getByTestId("customer-row")).toHaveTextContent("Happy early");
    expect(client.listCustomers).toHaveBeenCalledWith(
      expect.objectContaining({ ...NO_FILTER, cell: null, quadrant }),
      0,
      100,
    );

    await userEvent.click(screen.getByTestId("save-segment"));
    const dialog = await screen.findByTestId("save-segment-dialog");
    await userEvent.type(within(dialog).getByTestId("segment-name"), "Happy but stuck");
    await userEvent.click(within(dialog).getByTestId("segment-save"));
    await waitFor(() =>
      expect(client.saveSegment).toHaveBeenCalledWith({
        name: "Happy but stuck",
        filter: NO_FILTER,
        cell: null,
        quadrant,
      }),
    );
    expect(await screen.findByTestId("saved-segment")).toHaveTextContent(label);

    // Other axes: the chosen quadrant no longer applies and is let go.
    await userEvent.selectOptions(screen.getByTestId("satisfaction-basis"), "target");
    expect(screen.queryByTestId("segment-panel")).toBeNull();
    await waitFor(() => expect(client.segmentSatisfaction).toHaveBeenLastCalledWith(NO_FILTER, "target", "nps"));
  });
});

describe("progression", () => {
  it("shows per step the median stay and the period's moves, for the chosen persona and period", async () => {
    const client = await openSegments(
      {
        segmentMatrix: async () => [],
        segmentProgression: async (_filter, personaId, from, to, stalledDays) =>
          progressionView({
            personaId,
            steps: [pilot, scale],
            rows: [
              { stepId: 11, medianDays: 12, movedOn: 3, forward: 2, backward: 0, stayed: 1, stalled: 0 },
              { stepId: 12, medianDays: null, movedOn: 0, forward: 0, backward: 1, stayed: 1, stalled: 0 },
            ],
            periodFrom: from,
            periodTo: to,
            stalledDays,
            stalled: 0,
          }),
      },
      [home, personaSummary(2, "Industrial architect")],
    );
    const asked = () => client.segmentProgression.mock.lastCall ?? [];
    await userEvent.click(await screen.findByTestId("tab-progression"));
    const table = await screen.findByTestId("progression");
    const rows = within(table).getAllByTestId("progression-row");
    expect(rows.map((r) => r.textContent)).toEqual(["1. Pilot12 days (3 stays)2010", "2. Scale— 0110"]);
    expect(table).toHaveTextContent("2 moves forward, 1 move backward, 2 customers did not move");
    expect(within(table).getByTestId("show-stalled")).toBeDisabled();

    await userEvent.selectOptions(screen.getByTestId("stalled-days"), "90");
    await waitFor(() => expect(asked()[4]).toBe(90));
    expect(asked()[1]).toBe(1);
    const from = screen.getByTestId("period-from");
    fireEvent.change(from, { target: { value: "2026-01-01" } });
    await waitFor(() => expect(asked()[2]).toBe("2026-01-01"));

    // "Stalled" is also a filter over every view, with its chip.
    await userEvent.type(screen.getByTestId("filter-stalled"), "45");
    expect(await screen.findByRole("button", { name: "Remove filter On their step over 45 days" })).toBeVisible();
    await waitFor(() => expect(asked()[0]).toEqual({ ...NO_FILTER, stalledDays: 45 }));
  });
});

describe("suggested steps", () => {
  it("takes KPI values entered on a customer, suggests a step, and moves the customer on accept", async () => {
    const projects = kpi(21, 11, "Projects delivered", { entryLevel: 1, goodLevel: 3, bestLevel: 5 });
    const seats = kpi(22, 12, "Seats active", { entryLevel: 10, goodLevel: 50, bestLevel: 100 });
    const atelier = placed(1, "Atelier North", pilot, null, 100_00);
    let values: CustomerKpiValue[] = [kpiValue(projects, "Pilot", 0, null), kpiValue(seats, "Scale", 1, null)];
    // The backend's suggestions: at "good", 4 projects and 60 seats reach both steps; at
    // best in class, 4 projects do not reach the first; once accepted, none differ.
    let accepted = false;
    const suggestions = (level: KpiLevel) =>
      suggestionsView({
        level,
        steps: [pilot, scale],
        stepsWithCriteria: 2,
        customersWithValues: 1,
        ...(level === "good" && !accepted
          ? {
              differing: 1,
              suggestions: [{ customerId: 1, customerName: "Atelier North", currentStepId: 11, suggestedStepId: 12 }],
            }
          : {}),
      });
    const client = await openSegments({
      listCustomers: async () => page([atelier]),
      getCustomer: async () => customerDetail(atelier),
      customerKpiValues: async () => values,
      getMap: async () => mapDetail([stepView(pilot), stepView(scale)]),
      setCustomerKpiValues: async () => {
        values = [kpiValue(projects, "Pilot", 0, 4), kpiValue(seats, "Scale", 1, 60)];
        return null;
      },
      segmentMatrix: async () => [],
      placementSuggestions: async (_persona, level) => suggestions(level),
      acceptSuggestions: async () => {
        accepted = true;
        return 1;
      },
    });
    // The customer's panel takes its KPI values.
    await userEvent.click(await screen.findByTestId("nav-customers"));
    await userEvent.click(await screen.findByText("Atelier North"));
    const form = await screen.findByTestId("kpi-values");
    const [projectsField, seatsField] = within(form).getAllByTestId("kpi-value");
    if (!projectsField || !seatsField) throw new Error("two KPI value fields expected");
    await userEvent.type(projectsField, "4");
    await userEvent.type(seatsField, "lots");
    await userEvent.click(within(form).getByTestId("kpi-values-save"));
    expect(within(form).getByRole("alert")).toHaveTextContent("“Seats active”: enter a number, or leave it empty");
    expect(client.setCustomerKpiValues).not.toHaveBeenCalled();
    await userEvent.clear(seatsField);
    await userEvent.type(seatsField, "60");
    await userEvent.click(within(form).getByTestId("kpi-values-save"));
    await waitFor(() => expect(within(form).getByTestId("kpi-values-save")).toBeDisabled());
    expect(client.setCustomerKpiValues).toHaveBeenCalledWith(1, [
      { kpiId: 21, value: 4 },
      { kpiId: 22, value: 60 },
    ]);

    await userEvent.click(screen.getByTestId("nav-segments"));
    await userEvent.click(await screen.findByTestId("tab-evidence"));
    const panel = await screen.findByTestId("evidence");
    expect(await within(panel).findByTestId("suggestion")).toHaveTextContent("Atelier North1. Pilot2. Scale");
    expect(client.placementSuggestions).toHaveBeenCalledWith(1, "good");
    await userEvent.selectOptions(screen.getByTestId("evidence-level"), "best");
    expect(await screen.findByTestId("evidence-none")).toBeVisible();
    expect(client.placementSuggestions).toHaveBeenLastCalledWith(1, "best");
    await userEvent.selectOptions(screen.getByTestId("evidence-level"), "good");
    await userEvent.click(await screen.findByTestId("accept-suggestions"));
    expect(await screen.findByTestId("evidence-none")).toBeVisible();
    expect(client.acceptSuggestions).toHaveBeenCalledWith(1, "good");
  });
});
