import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Client, MapComparison, MapVersion } from "../../../ipc/client";
import { mapDetail, personaSummary, step, stepView } from "../../../test/builders";
import { frame, renderApp, stubClient } from "../../../test/stubClient";

const home = personaSummary(1, "Home architect");

function version(id: number, name: string, values: Partial<MapVersion> = {}): MapVersion {
  return {
    id,
    mapId: 1,
    name,
    note: "",
    automatic: false,
    createdAt: "2026-11-30T09:00:00.000Z",
    stepCount: 2,
    ...values,
  };
}

const comparison: MapComparison = {
  fromLabel: "v1",
  toLabel: "Now",
  from: {
    steps: [
      { id: 11, title: "Pilot", outcome: "One project", notes: "", kpis: [], vehicles: [], moveVehicles: [] },
      { id: 12, title: "Champion", outcome: "", notes: "", kpis: [], vehicles: [], moveVehicles: [] },
    ],
    vehicles: [],
  },
  to: {
    steps: [{ id: 11, title: "Pilot", outcome: "Two projects", notes: "", kpis: [], vehicles: [], moveVehicles: [] }],
    vehicles: [],
  },
  changes: [
    {
      kind: "step_removed",
      stepId: 12,
      step: "Champion",
      subject: null,
      onMove: false,
      old: null,
      new: null,
      text: "- step “Champion” removed",
    },
    {
      kind: "outcome_changed",
      stepId: 11,
      step: "Pilot",
      subject: null,
      onMove: false,
      old: "One project",
      new: "Two projects",
      text: "~ outcome of “Pilot”: “One project” → “Two projects”",
    },
  ],
};

async function openVersions(stubs: Partial<Client>) {
  const client = stubClient({
    ...frame([home]),
    listVehicles: async () => [],
    getMap: async () => mapDetail([stepView(step(11, "Pilot", 0))]),
    ...stubs,
  });
  renderApp(client);
  await userEvent.click(await screen.findByTestId("nav-map"));
  await userEvent.click(await screen.findByTestId("open-versions"));
  return client;
}

describe("versions of a map", () => {
  it("saves a version with a note and lists the versions, automatic ones marked", async () => {
    let versions = [version(1, "Before import", { automatic: true })];
    const client = await openVersions({
      listMapVersions: async () => versions,
      saveMapVersion: async (_persona, name, note) => {
        const saved = version(2, name, { note });
        versions = [saved, ...versions];
        return saved;
      },
    });
    await userEvent.click(screen.getByTestId("version-save"));
    expect(await screen.findByText(/Give the version a name/)).toBeInTheDocument();
    expect(client.saveMapVersion).not.toHaveBeenCalled();
    await userEvent.type(screen.getByTestId("version-name"), "After the Q3 workshop");
    await userEvent.type(screen.getByTestId("version-note"), "Agreed in Lyon");
    await userEvent.click(screen.getByTestId("version-save"));
    expect(await screen.findByTestId("version-saved")).toHaveTextContent("Saved “After the Q3 workshop” (2 steps)");
    expect(client.saveMapVersion).toHaveBeenCalledWith(1, "After the Q3 workshop", "Agreed in Lyon");
    const items = await screen.findAllByTestId("version-item");
    expect(items.map((i) => within(i).getByText(/./, { selector: ".version-name" }).textContent)).toEqual([
      "After the Q3 workshop",
      "Before importautomatic",
    ]);
  });

  it("compares a version with now on the map: the removed step struck, the change with its old value", async () => {
    const client = await openVersions({
      listMapVersions: async () => [version(1, "v1")],
      compareMapVersions: async () => comparison,
    });
    await userEvent.click(await screen.findByRole("button", { name: "Compare v1 with now" }));
    expect(client.compareMapVersions).toHaveBeenCalledWith(1, { kind: "saved", id: 1 }, { kind: "now" });
    expect(await screen.findByTestId("version-view-title")).toHaveTextContent("“v1” compared with now");
    const steps = await screen.findAllByTestId("version-step");
    expect(steps.map((s) => s.getAttribute("data-mark"))).toEqual(["changed", "removed"]);
    expect(within(steps[0] as HTMLElement).getByTestId("was")).toHaveAttribute("title", "Outcome was: “One project”");
    expect(screen.getAllByTestId("change").map((c) => c.textContent)).toEqual([
      "- step “Champion” removed",
      "~ outcome of “Pilot”: “One project” → “Two projects”",
    ]);
    await userEvent.click(screen.getByTestId("version-view-close"));
    expect(screen.queryByTestId("version-view")).toBeNull();
    expect(await screen.findAllByTestId("step-column")).toHaveLength(1);
  });

  it("restores only once the customers of the steps that go have a step to go to", async () => {
    const client = await openVersions({
      listMapVersions: async () => [version(1, "v1")],
      restorePreview: async () => ({
        version: version(1, "v1"),
        removed: [{ stepId: 12, title: "Champion", onCount: 2, aimingCount: 1 }],
        steps: [{ stepId: 11, title: "Pilot" }],
        kpiValuesLost: 3,
        notesLost: 0,
      }),
      restoreMapVersion: async () => null,
    });
    await userEvent.click(await screen.findByRole("button", { name: "Restore v1" }));
    expect(await screen.findByTestId("restore-losses")).toHaveTextContent("3 customer KPI values");
    await screen.findByTestId("restore-move");
    await userEvent.click(screen.getByTestId("restore-confirm"));
    expect(await screen.findByText("Choose where the customers of “Champion” go")).toBeInTheDocument();
    expect(client.restoreMapVersion).not.toHaveBeenCalled();
    await userEvent.selectOptions(screen.getByTestId("restore-move-to"), "Pilot");
    await userEvent.click(screen.getByTestId("restore-confirm"));
    expect(client.restoreMapVersion).toHaveBeenCalledWith(1, 1, [{ fromStepId: 12, toStepId: 11 }]);
  });
});
