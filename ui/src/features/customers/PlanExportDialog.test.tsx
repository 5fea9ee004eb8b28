import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Client } from "../../ipc/client";
import { ClientContext } from "../../ipc/context";
import { customer } from "../../test/builders";
import { stubClient } from "../../test/stubClient";
import { PlanExportDialog } from "./PlanExportDialog";

const cedar = customer(7, "Cedar & Partners", { arrCents: 1_200_000 });

function renderDialog(client: Client) {
  return render(
    <ClientContext.Provider value={client}>
      <PlanExportDialog customer={cedar} onClose={() => {}} />
    </ClientContext.Provider>,
  );
}

describe("the success plan dialog", () => {
  it("exports a PDF without internal figures by default", async () => {
    const client = stubClient({
      suggestPath: async (name) => `/home/pat/${name}`,
      exportHandout: async () => null,
    });
    renderDialog(client);
    const input = (await screen.findByDisplayValue(
      /\/home\/pat\/cedar-partners-success-plan-\d{4}-\d\d-\d\d\.pdf$/,
    )) as HTMLInputElement;
    expect(screen.getByTestId("plan-export-internal")).not.toBeChecked();
    await userEvent.click(screen.getByTestId("plan-export-save"));
    expect(await screen.findByTestId("plan-export-done")).toHaveTextContent(
      `Exported the success plan of Cedar & Partners to ${input.value}`,
    );
    expect(client.exportHandout).toHaveBeenLastCalledWith(
      7,
      expect.objectContaining({ format: "pdf", internal: false }),
      input.value,
      false,
    );
  });

  it("sends HTML and the internal figures when chosen, and says who they are for", async () => {
    const client = stubClient({
      suggestPath: async (name) => `/home/pat/${name}`,
      exportHandout: async () => null,
    });
    renderDialog(client);
    await screen.findByDisplayValue(/\.pdf$/);
    await userEvent.click(screen.getByTestId("plan-export-format-html"));
    const input = (await screen.findByDisplayValue(/success-plan-.*\.html$/)) as HTMLInputElement;
    expect(screen.queryByTestId("plan-export-paper")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("plan-export-internal"));
    expect(screen.getByText(/leave them out of what the customer sees/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("plan-export-save"));
    await screen.findByTestId("plan-export-done");
    expect(client.exportHandout).toHaveBeenLastCalledWith(
      7,
      { format: "html", internal: true, paper: expect.stringMatching(/^(a4|letter)$/) },
      input.value,
      false,
    );
  });
});
