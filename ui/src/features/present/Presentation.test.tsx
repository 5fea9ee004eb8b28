import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { MapDetail, PersonaMatrix, Reveal } from "../../ipc/client";
import { ClientContext } from "../../ipc/context";
import {
  attached,
  kpi,
  mapDetail,
  personaSummary,
  satisfactionView,
  step,
  stepView,
  vehicle,
} from "../../test/builders";
import { stubClient } from "../../test/stubClient";
import { Presentation } from "./Presentation";

const persona = personaSummary(1, "Home architect");
persona.persona.successDefinition = "Delivers more homes a year";

const map: MapDetail = mapDetail(
  [
    stepView(step(1, "First project delivered", 0, { notes: "Ask who shipped one already" }), {
      kpis: [kpi(1, 1, "Days to first project", { unit: "days", entryLevel: 60, goodLevel: 30, bestLevel: 14 })],
    }),
    stepView(step(2, "Templates in daily use", 1)),
  ],
  { moves: [{ fromStepId: 1, toStepId: 2, vehicles: [attached(1, vehicle(1, "First-house bootcamp"))] }] },
);

/** The core's order and names for this map (presentation::sequence and label). */
const reveals: Reveal[] = [
  { kind: "title" },
  { kind: "step", step: 0 },
  { kind: "outcome", step: 0 },
  { kind: "move", step: 0 },
  { kind: "step", step: 1 },
  { kind: "outcome", step: 1 },
  { kind: "overview" },
  { kind: "customers" },
  { kind: "matrix" },
  { kind: "quadrants" },
];
const labels = [
  "Title: Home architect",
  "Step 1: First project delivered",
  "Step 1: outcome and KPIs",
  "Move to step 2: Templates in daily use",
  "Step 2: Templates in daily use",
  "Step 2: outcome and KPIs",
  "The whole map",
  "Customers per step",
  "Where customers stand and where they aim",
  "Success and satisfaction",
];
const satisfaction = satisfactionView({
  quadrants: [
    {
      quadrant: "successful_satisfied",
      label: "Successful and satisfied",
      segmentLabel: "Successful and satisfied",
      customers: 2,
      arrCents: 3_000_000,
    },
    {
      quadrant: "successful_not_satisfied",
      label: "Successful, not satisfied",
      segmentLabel: "Successful, not satisfied",
      customers: 1,
      arrCents: 1_000_000,
    },
    {
      quadrant: "satisfied_not_successful",
      label: "Satisfied, not successful",
      segmentLabel: "Satisfied, not successful",
      customers: 0,
      arrCents: 0,
    },
    {
      quadrant: "neither",
      label: "Neither successful nor satisfied",
      segmentLabel: "Neither successful nor satisfied",
      customers: 1,
      arrCents: 500_000,
    },
  ],
  withoutScore: 1,
});
const matrix: PersonaMatrix = {
  personaId: 1,
  personaName: "Home architect",
  steps: [],
  customers: 5,
  arrCents: 9_000_000,
  cells: [
    { currentStepId: 1, targetStepId: 2, customers: 3, arrCents: 6_000_000, regression: false },
    { currentStepId: 2, targetStepId: 1, customers: 1, arrCents: 1_000_000, regression: true },
    { currentStepId: null, targetStepId: null, customers: 1, arrCents: 2_000_000, regression: false },
  ],
};

function renderPresentation(onLeave = vi.fn()) {
  const client = stubClient({
    getPresentation: async () => ({ map, reveals, labels, matrix, satisfaction }),
    setFullscreen: async () => null,
    addWorkshopNote: async (input) => ({
      id: 1,
      mapId: 1,
      target: input.target,
      kind: input.kind,
      text: input.text,
      createdAt: "2026-12-01T10:00:00Z",
    }),
  });
  render(
    <ClientContext.Provider value={client}>
      <Presentation persona={persona} revision={0} onChanged={() => {}} onLeave={onLeave} />
    </ClientContext.Provider>,
  );
  return client;
}

const stage = () => screen.getByTestId("present-stage");

describe("a presentation", () => {
  it("goes full screen and reveals the map item by item from the keyboard", async () => {
    const client = renderPresentation();
    expect(await screen.findByRole("heading", { name: "Home architect" })).toBeInTheDocument();
    expect(client.setFullscreen).toHaveBeenCalledWith(true);
    expect(screen.getByTestId("present-counter")).toHaveTextContent("1 / 10");

    await userEvent.keyboard("{ArrowRight}");
    expect(stage()).toHaveAttribute("data-reveal", "step0");
    expect(screen.getByRole("heading", { name: "First project delivered" })).toBeInTheDocument();
    await userEvent.keyboard(" ");
    expect(stage()).toHaveAttribute("data-reveal", "outcome0");
    expect(screen.getByText("Days to first project")).toBeInTheDocument();
    await userEvent.keyboard("{PageDown}");
    expect(stage()).toHaveAttribute("data-reveal", "move0");
    expect(screen.getByTestId("slide-move")).toHaveTextContent("Training: First-house bootcamp");
    await userEvent.keyboard("{End}");
    expect(screen.getByTestId("present-counter")).toHaveTextContent("10 / 10");
    expect(stage()).toHaveAttribute("data-reveal", "quadrants");
    expect(screen.getByTestId("slide-quadrant-successful_satisfied")).toHaveTextContent(
      "Successful and satisfied2ARR $30K",
    );
    expect(screen.getByText("1 customer without an NPS score left out.")).toBeInTheDocument();
    await userEvent.keyboard("{ArrowLeft}");
    expect(stage()).toHaveAttribute("data-reveal", "matrix");
    await userEvent.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(stage()).toHaveAttribute("data-reveal", "overview");
    await userEvent.keyboard("{ArrowLeft}");
    expect(stage()).toHaveAttribute("data-reveal", "outcome1");
    await userEvent.keyboard("1");
    expect(stage()).toHaveAttribute("data-reveal", "step0");
    await userEvent.keyboard("{Home}");
    expect(stage()).toHaveAttribute("data-reveal", "title");
  });

  it("shows where customers stand and aim as counts and ARR, regressions marked", async () => {
    renderPresentation();
    await screen.findByRole("heading", { name: "Home architect" });
    await userEvent.keyboard("{End}{ArrowLeft}");
    const table = screen.getByRole("table");
    const rows = within(table).getAllByRole("row");
    // Two header rows, the two steps, then customers not placed.
    expect(rows.map((r) => r.querySelector("th")?.textContent)).toEqual([
      "Aiming at step",
      "On step",
      "1. First project delivered",
      "2. Templates in daily use",
      "Not placed",
    ]);
    expect(within(table).getByRole("columnheader", { name: "Aiming at step 2" })).toBeInTheDocument();
    expect(within(table).getByRole("columnheader", { name: "No target" })).toBeInTheDocument();
    const cellsOf = (row: number) => {
      const tr = rows[row];
      if (tr === undefined) throw new Error(`no row ${row}`);
      return within(tr).getAllByRole("cell");
    };
    const cells = (row: number) => cellsOf(row).map((c) => c.textContent);
    expect(cells(2)).toEqual(["", "3$60K", ""]);
    expect(cells(3)).toEqual(["1$10K", "", ""]);
    expect(cellsOf(3)[0]).toHaveClass("is-regression");
    expect(cells(4)).toEqual(["", "", "1$20K"]);
  });

  it("shows the presenter view with notes and notes an idea on the step on screen", async () => {
    const client = renderPresentation();
    await screen.findByRole("heading", { name: "Home architect" });
    await userEvent.keyboard("{ArrowRight}p");
    expect(screen.getByTestId("presenter-notes")).toHaveTextContent("Ask who shipped one already");

    await userEvent.keyboard("n");
    const text = await screen.findByTestId("present-note-text");
    expect(text).toHaveFocus();
    // Keys typed into the note do not move the presentation.
    await userEvent.type(text, "Pair new users with a buddy{Enter}");
    await waitFor(() =>
      expect(client.addWorkshopNote).toHaveBeenCalledWith({
        target: { type: "step", stepId: 1 },
        kind: "idea",
        text: "Pair new users with a buddy",
      }),
    );
    expect(await screen.findByTestId("present-said")).toHaveTextContent(
      "Idea noted on step 1, First project delivered.",
    );
    expect(stage()).toHaveAttribute("data-reveal", "step0");
  });

  it("leaves with Escape and leaves full screen", async () => {
    const onLeave = vi.fn();
    renderPresentation(onLeave);
    await screen.findByRole("heading", { name: "Home architect" });
    await userEvent.keyboard("{Escape}");
    expect(onLeave).toHaveBeenCalled();
  });
});
