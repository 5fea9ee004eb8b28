import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { BackendError, type Client, type CustomerRow } from "../../ipc/client";
import { customer, customerDetail, customerRow, mapDetail, page, personaSummary } from "../../test/builders";
import { frame, renderApp, stubClient } from "../../test/stubClient";

const personas = [personaSummary(1, "Home architect"), personaSummary(2, "Industrial architect")];

/** The Customers view over these stubs (and the frame's, for two personas). */
async function openCustomers(stubs: Partial<Client>) {
  const client = stubClient({
    ...frame(personas),
    customerOwners: async () => [],
    getMap: async (personaId) => mapDetail([], { map: { id: personaId, personaId, name: "map" } }),
    ...stubs,
  });
  renderApp(client);
  await userEvent.click(await screen.findByTestId("nav-customers"));
  return client;
}

const names = () =>
  screen.queryAllByTestId("customer-row").map((r) => r.querySelector(".cell-name")?.firstChild?.textContent);

describe("the customers view", () => {
  it("invites to add or import when there are none, and adds one through the dialog", async () => {
    const acme = customer(7, "Acme Homes", { health: 82 });
    let rows: CustomerRow[] = [];
    const client = await openCustomers({
      listCustomers: async () => page(rows),
      // The backend checks the figures' ranges: it refuses the first try, naming the field.
      createCustomer: vi
        .fn<Client["createCustomer"]>()
        .mockRejectedValueOnce(
          new BackendError({ code: "invalid_input", field: "health", message: "Health 140 is outside 0…100" }),
        )
        .mockImplementation(async () => {
          rows = [customerRow(acme)];
          return acme;
        }),
      getCustomer: async () => customerDetail(customerRow(acme)),
      customerKpiValues: async () => [],
    });
    expect(await screen.findByText("No customers yet")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("add-customer"));
    const dialog = screen.getByTestId("customer-dialog");
    await userEvent.type(within(dialog).getByLabelText("Name"), "Acme Homes");
    await userEvent.type(within(dialog).getByLabelText("Health (0–100)"), "140");
    await userEvent.click(within(dialog).getByTestId("customer-save"));
    expect(await within(dialog).findByText("Health 140 is outside 0…100")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Health (0–100)")).toHaveAccessibleDescription("Health 140 is outside 0…100");
    expect(client.createCustomer).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: "Acme Homes", health: 140 }),
    );
    await userEvent.clear(within(dialog).getByLabelText("Health (0–100)"));
    await userEvent.type(within(dialog).getByLabelText("Health (0–100)"), "82");
    await userEvent.click(within(dialog).getByTestId("customer-save"));
    expect(await screen.findByTestId("customer-panel")).toHaveTextContent("Acme Homes");
    expect(client.createCustomer).toHaveBeenLastCalledWith({
      name: "Acme Homes",
      externalId: null,
      personaId: 1,
      currentStepId: null,
      targetStepId: null,
      arrCents: null,
      health: 82,
      nps: null,
      csat: null,
      owner: "",
      renewalDate: null,
      notes: "",
    });
    expect(client.getCustomer).toHaveBeenCalledWith(7);
    await screen.findByTestId("customer-row");
    expect(names()).toEqual(["Acme Homes"]);
  });

  it("searches, selects several rows and shows who is selected", async () => {
    const [alpha, beta, gamma] = ["Alpha Arch", "Beta Build", "Gamma Lofts"].map((name, i) =>
      customerRow(customer(i + 1, name, { arrCents: 100_000, health: 50, owner: "Maya" })),
    );
    if (!alpha || !beta || !gamma) throw new Error("three customers expected");
    // The backend's answers: all three by name, and for "ga" the one whose name has it.
    const client = await openCustomers({
      listCustomers: async (query) => page(query.search === "ga" ? [gamma] : [alpha, beta, gamma]),
    });
    await screen.findAllByTestId("customer-row");
    expect(names()).toEqual(["Alpha Arch", "Beta Build", "Gamma Lofts"]);
    expect(screen.getByTestId("customer-total")).toHaveTextContent("3 customers");
    expect(client.listCustomers).toHaveBeenCalledWith(
      expect.objectContaining({ search: "", personaId: null, sort: "name", descending: false }),
      0,
      100,
    );

    await userEvent.type(screen.getByTestId("customer-search"), "ga");
    await screen.findByText("“ga”");
    await waitFor(() => expect(names()).toEqual(["Gamma Lofts"]));
    expect(client.listCustomers).toHaveBeenLastCalledWith(expect.objectContaining({ search: "ga" }), 0, 100);
    await userEvent.click(screen.getByRole("button", { name: "Remove filter “ga”" }));
    await screen.findByText("Alpha Arch");

    await userEvent.click(screen.getByLabelText("Select Alpha Arch"));
    await userEvent.click(screen.getByLabelText("Select Gamma Lofts"));
    expect(screen.getByTestId("bulk-bar")).toHaveTextContent("2 customers selected");
  });

  it("moves through the list from the keyboard and opens a customer with Enter", async () => {
    // By name, as the backend sorts them.
    const rows = ["One", "Three", "Two"].map((name, i) =>
      customerRow(customer(i + 1, name, { personaId: 2 }), { personaName: "Industrial architect" }),
    );
    const client = await openCustomers({
      listCustomers: async () => page(rows),
      getCustomer: async (id) => {
        const row = rows.find((r) => r.customer.id === id);
        if (!row) throw new Error(`no customer ${id}`);
        return customerDetail(row);
      },
      customerKpiValues: async () => [],
    });
    const list = await screen.findByTestId("customer-list");
    await screen.findAllByTestId("customer-row");
    list.focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(await screen.findByTestId("customer-panel")).toHaveTextContent("Two");
    expect(client.getCustomer).toHaveBeenCalledWith(3);
    await userEvent.keyboard(" ");
    expect(screen.getByTestId("bulk-bar")).toHaveTextContent("1 customer selected");
  });
});
