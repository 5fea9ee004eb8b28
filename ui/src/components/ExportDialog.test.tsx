import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { BackendError, type Client, type CustomerQuery } from "../ipc/client";
import { ClientContext } from "../ipc/context";
import { stubClient } from "../test/stubClient";
import { ExportDialog } from "./ExportDialog";

const query: CustomerQuery = {
  search: "",
  personaId: null,
  currentStepId: null,
  owner: null,
  healthBand: null,
  minArrCents: null,
  maxArrCents: null,
  npsBand: null,
  renewalWithinDays: null,
  stalledDays: null,
  cell: null,
  quadrant: null,
  sort: "name",
  descending: false,
};

const exists = (path: string) =>
  new BackendError({ code: "file_exists", path, message: `${path} already exists. Replace it?` });

function renderDialog(client: Client) {
  return render(
    <ClientContext.Provider value={client}>
      <ExportDialog query={query} count={3} filtered={false} onClose={() => {}} />
    </ClientContext.Provider>,
  );
}

describe("the export dialog", () => {
  it("asks before replacing a file that exists, and replaces it only when told", async () => {
    const client = stubClient({
      suggestPath: async (name) => `/home/pat/${name}`,
      exportCustomers: async (_q, path, replace) => {
        if (!replace) throw exists(path);
        return 3;
      },
    });
    renderDialog(client);
    // The suggested name arrives first; the user types over it.
    const input = await screen.findByDisplayValue(/customers-/);
    await userEvent.clear(input);
    await userEvent.type(input, "/home/pat/old.csv");
    await userEvent.click(screen.getByTestId("export-save"));
    expect(await screen.findByTestId("export-exists")).toHaveTextContent("/home/pat/old.csv already exists");
    expect(client.exportCustomers).toHaveBeenLastCalledWith(query, "/home/pat/old.csv", false);
    expect(screen.getByTestId("export-save")).toHaveTextContent("Replace");

    await userEvent.click(screen.getByTestId("export-save"));
    expect(await screen.findByTestId("export-done")).toHaveTextContent("Exported 3 customers to /home/pat/old.csv");
    expect(client.exportCustomers).toHaveBeenLastCalledWith(query, "/home/pat/old.csv", true);
  });

  it("forgets the question when the name changes", async () => {
    const client = stubClient({
      suggestPath: async (name) => `/home/pat/${name}`,
      exportCustomers: async (_q, path) => {
        throw exists(path);
      },
    });
    renderDialog(client);
    // The suggested name arrives first; the user types over it.
    const input = await screen.findByDisplayValue(/customers-/);
    await userEvent.clear(input);
    await userEvent.type(input, "/home/pat/old.csv");
    await userEvent.click(screen.getByTestId("export-save"));
    await screen.findByTestId("export-exists");
    await userEvent.type(input, "x");
    expect(screen.queryByTestId("export-exists")).toBeNull();
    expect(screen.getByTestId("export-save")).toHaveTextContent("Export");
  });

  it("takes a file chosen in the native dialog (which asked already) as agreed to replace", async () => {
    const client = stubClient({
      suggestPath: async (name) => `/home/pat/${name}`,
      pickSavePath: async () => "/home/pat/chosen.csv",
      exportCustomers: async () => 3,
    });
    renderDialog(client);
    await userEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await screen.findByDisplayValue("/home/pat/chosen.csv");
    await userEvent.click(screen.getByTestId("export-save"));
    await screen.findByTestId("export-done");
    expect(client.exportCustomers).toHaveBeenLastCalledWith(query, "/home/pat/chosen.csv", true);
  });
});
