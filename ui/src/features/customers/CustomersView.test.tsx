import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { BackendError } from "../../ipc/client";
import { ClientContext } from "../../ipc/context";
import { fakeClient } from "../../test/fakeClient";

async function openCustomers(setup?: (client: ReturnType<typeof fakeClient>) => Promise<void>) {
  const client = fakeClient(["Home architect", "Industrial architect"]);
  await setup?.(client);
  render(
    <ClientContext.Provider value={client}>
      <App />
    </ClientContext.Provider>,
  );
  await userEvent.click(await screen.findByTestId("nav-customers"));
  return client;
}

const names = () =>
  screen.queryAllByTestId("customer-row").map((r) => r.querySelector(".cell-name")?.firstChild?.textContent);

describe("the customers view", () => {
  it("invites to add or import when there are none, and adds one through the dialog", async () => {
    const client = await openCustomers();
    // The backend checks the figures' ranges; its refusal names the field.
    const create = client.createCustomer;
    const sent = vi
      .fn(create)
      .mockRejectedValueOnce(
        new BackendError({ code: "invalid_input", field: "health", message: "Health 140 is outside 0…100" }),
      );
    client.createCustomer = sent;
    expect(await screen.findByText("No customers yet")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("add-customer"));
    const dialog = screen.getByTestId("customer-dialog");
    await userEvent.type(within(dialog).getByLabelText("Name"), "Acme Homes");
    await userEvent.type(within(dialog).getByLabelText("Health (0–100)"), "140");
    await userEvent.click(within(dialog).getByTestId("customer-save"));
    expect(await within(dialog).findByText("Health 140 is outside 0…100")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Health (0–100)")).toHaveAccessibleDescription("Health 140 is outside 0…100");
    expect(sent).toHaveBeenLastCalledWith(expect.objectContaining({ name: "Acme Homes", health: 140 }));
    await userEvent.clear(within(dialog).getByLabelText("Health (0–100)"));
    await userEvent.type(within(dialog).getByLabelText("Health (0–100)"), "82");
    await userEvent.click(within(dialog).getByTestId("customer-save"));
    expect(await screen.findByTestId("customer-panel")).toHaveTextContent("Acme Homes");
    expect(sent).toHaveBeenLastCalledWith(expect.objectContaining({ name: "Acme Homes", health: 82 }));
    await screen.findByTestId("customer-row");
    expect(names()).toEqual(["Acme Homes"]);
  });

  it("searches, selects several rows and shows who is selected", async () => {
    await openCustomers(async (client) => {
      for (const name of ["Beta Build", "Alpha Arch", "Gamma Lofts"]) {
        await client.createCustomer({
          name,
          externalId: null,
          personaId: 1,
          currentStepId: null,
          targetStepId: null,
          arrCents: 100_000,
          health: 50,
          nps: null,
          csat: null,
          owner: "Maya",
          renewalDate: null,
          notes: "",
        });
      }
    });
    await screen.findAllByTestId("customer-row");
    expect(names()).toEqual(["Alpha Arch", "Beta Build", "Gamma Lofts"]);
    expect(screen.getByTestId("customer-total")).toHaveTextContent("3 customers");

    await userEvent.type(screen.getByTestId("customer-search"), "ga");
    await screen.findByText("“ga”");
    await waitFor(() => expect(names()).toEqual(["Gamma Lofts"]));
    await userEvent.click(screen.getByRole("button", { name: "Remove filter “ga”" }));
    await screen.findByText("Alpha Arch");

    await userEvent.click(screen.getByLabelText("Select Alpha Arch"));
    await userEvent.click(screen.getByLabelText("Select Gamma Lofts"));
    expect(screen.getByTestId("bulk-bar")).toHaveTextContent("2 customers selected");
  });

  it("moves through the list from the keyboard and opens a customer with Enter", async () => {
    await openCustomers(async (client) => {
      for (const name of ["One", "Two", "Three"]) {
        await client.createCustomer({
          name,
          externalId: null,
          personaId: 2,
          currentStepId: null,
          targetStepId: null,
          arrCents: null,
          health: null,
          nps: null,
          csat: null,
          owner: "",
          renewalDate: null,
          notes: "",
        });
      }
    });
    const list = await screen.findByTestId("customer-list");
    await screen.findAllByTestId("customer-row");
    list.focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(await screen.findByTestId("customer-panel")).toHaveTextContent("Two");
    await userEvent.keyboard(" ");
    expect(screen.getByTestId("bulk-bar")).toHaveTextContent("1 customer selected");
  });
});
