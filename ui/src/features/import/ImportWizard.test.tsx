import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../App";
import { ClientContext } from "../../ipc/context";
import { fakeClient } from "../../test/fakeClient";

describe("the import wizard", () => {
  it("reads a file, reports its bad rows by line, imports the valid ones and shows text as text", async () => {
    const client = fakeClient(["Home architect"]);
    client.files["/data/crm.csv"] =
      "name,persona\nAcme Homes,Home architect\n<img src=x onerror=alert(1)>,Home architect\nGhost,Nobody\n";
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    await userEvent.click(await screen.findByTestId("nav-customers"));
    await userEvent.click(await screen.findByTestId("open-import"));
    const wizard = screen.getByTestId("import-wizard");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    expect(within(wizard).getByRole("alert")).toHaveTextContent("Choose a CSV or XLSX file");

    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/crm.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    expect(await within(wizard).findByTestId("import-detected")).toHaveTextContent("CSV · UTF-8 · comma-separated");
    expect(within(wizard).getByText("<img src=x onerror=alert(1)>")).toBeInTheDocument();
    expect(wizard.querySelector("img")).toBeNull();

    await userEvent.click(within(wizard).getByTestId("import-check"));
    expect(await within(wizard).findByTestId("import-summary")).toHaveTextContent(
      "3 rows read · 2 valid · 1 with problems",
    );
    const problems = within(wizard).getByTestId("import-problems");
    expect(within(problems).getAllByRole("row")[1]).toHaveTextContent('4personaunknown persona "Nobody"');

    await userEvent.click(within(wizard).getByTestId("import-run"));
    expect(await within(wizard).findByTestId("import-done")).toHaveTextContent(
      "Imported: 2 new customers, 1 row left out.",
    );
    await userEvent.click(within(wizard).getByTestId("import-close"));
    expect(await screen.findByTestId("customer-total")).toHaveTextContent("2 customers");
  });

  it("asks for a name column before checking rows", async () => {
    const client = fakeClient(["Home architect"]);
    client.files["/data/other.csv"] = "Kunde,Typ\nAcme,Home architect\n";
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    await userEvent.click(await screen.findByTestId("nav-customers"));
    await userEvent.click(await screen.findByTestId("open-import"));
    const wizard = screen.getByTestId("import-wizard");
    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/other.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    await within(wizard).findByTestId("import-detected");
    expect(within(wizard).getByRole("alert")).toHaveTextContent("Choose the column that holds the customer name.");
    expect(within(wizard).getByTestId("import-check")).toBeDisabled();
    await userEvent.selectOptions(within(wizard).getByLabelText("Field for column Kunde"), "name");
    await userEvent.selectOptions(within(wizard).getByLabelText("Field for column Typ"), "persona");
    expect(within(wizard).getByTestId("import-check")).toBeEnabled();
  });
});

describe("KPI columns in the import wizard", () => {
  it("proposes a column named after a KPI as its values and sends the choice with the import", async () => {
    const client = fakeClient(["Home architect"]);
    const map = await client.getMap(1);
    const step = await client.addStep(map.map.id, { title: "Pilot", outcome: "" }, null);
    for (const name of ["Seats active", "Projects delivered"]) {
      await client.addKpi(step.id, {
        name,
        unit: "",
        direction: "higher_is_better",
        kind: "success",
        entryLevel: 1,
        goodLevel: 2,
        bestLevel: 3,
      });
    }
    client.files["/data/kpis.csv"] = "name,persona,seats active,done\nAcme,Home architect,40,3\n";
    let sent: unknown = null;
    const validate = client.validateImport;
    client.validateImport = (path, options, onProgress) => {
      sent = options;
      return validate(path, options, onProgress);
    };
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    await userEvent.click(await screen.findByTestId("nav-customers"));
    await userEvent.click(await screen.findByTestId("open-import"));
    const wizard = screen.getByTestId("import-wizard");
    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/kpis.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    await within(wizard).findByTestId("import-detected");
    expect(within(wizard).getByLabelText("Field for column seats active")).toHaveValue("kpi:Seats active");
    await userEvent.selectOptions(within(wizard).getByLabelText("Field for column done"), "kpi:Projects delivered");
    await userEvent.click(within(wizard).getByTestId("import-check"));
    await waitFor(() =>
      expect(sent).toMatchObject({
        mapping: ["name", "persona", null, null],
        kpiColumns: [
          { column: 2, kpi: "Seats active" },
          { column: 3, kpi: "Projects delivered" },
        ],
      }),
    );
  });
});
