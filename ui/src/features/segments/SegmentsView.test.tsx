import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../App";
import { ClientContext } from "../../ipc/context";
import { fakeClient } from "../../test/fakeClient";

describe("the segments view", () => {
  it("shows a persona's current × target matrix and opens a cell as a segment", async () => {
    const client = fakeClient(["Home architect"]);
    const map = await client.getMap(1);
    const a = await client.addStep(map.map.id, { title: "Pilot", outcome: "" }, null);
    const b = await client.addStep(map.map.id, { title: "Scale", outcome: "" }, null);
    const add = (name: string, current: number | null, target: number | null, arr: number) =>
      client.createCustomer({
        name,
        externalId: null,
        personaId: 1,
        currentStepId: current,
        targetStepId: target,
        arrCents: arr,
        health: null,
        nps: null,
        csat: null,
        owner: "",
        renewalDate: null,
        notes: "",
      });
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
  });
});
