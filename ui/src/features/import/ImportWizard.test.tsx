import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { BackendError, type Client, type CustomerRow } from "../../ipc/client";
import { customer, customerRow, importPreview, importReport, page, personaSummary } from "../../test/builders";
import { frame, renderApp, stubClient } from "../../test/stubClient";

/** The import wizard, opened from the Customers view, over these stubs. */
async function openWizard(stubs: Partial<Client>) {
  const client = stubClient({
    ...frame([personaSummary(1, "Home architect")]),
    customerOwners: async () => [],
    listCustomers: async () => page([]),
    ...stubs,
  });
  renderApp(client);
  await userEvent.click(await screen.findByTestId("nav-customers"));
  await userEvent.click(await screen.findByTestId("open-import"));
  return { client, wizard: screen.getByTestId("import-wizard") };
}

describe("the import wizard", () => {
  it("reads a file, reports its bad rows by line, imports the valid ones and shows text as text", async () => {
    const sample = [
      ["Acme Homes", "Home architect"],
      ["<img src=x onerror=alert(1)>", "Home architect"],
      ["Ghost", "Nobody"],
    ];
    const problems = [{ line: 4, column: "persona", reason: 'unknown persona "Nobody"' }];
    const checked = { rows: 3, validRows: 2, rejectedRows: 1, newCustomers: 2, problems, problemCount: 1 };
    let rows: CustomerRow[] = [];
    const { client, wizard } = await openWizard({
      listCustomers: async () => page(rows),
      previewImport: async (path) => importPreview(path, ["name", "persona"], { sample, mapping: ["name", "persona"] }),
      validateImport: async () => importReport(checked),
      runImport: async () => {
        rows = [customerRow(customer(1, "Acme Homes")), customerRow(customer(2, "<img src=x onerror=alert(1)>"))];
        return importReport({ ...checked, written: true });
      },
    });
    await userEvent.click(within(wizard).getByTestId("import-read"));
    expect(within(wizard).getByRole("alert")).toHaveTextContent("Choose a CSV or XLSX file");
    expect(client.previewImport).not.toHaveBeenCalled();

    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/crm.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    expect(await within(wizard).findByTestId("import-detected")).toHaveTextContent("CSV · UTF-8 · comma-separated");
    expect(client.previewImport).toHaveBeenCalledWith("/data/crm.csv");
    expect(within(wizard).getByText("<img src=x onerror=alert(1)>")).toBeInTheDocument();
    expect(wizard.querySelector("img")).toBeNull();

    const options = {
      mapping: ["name", "persona"],
      kpiColumns: [],
      createMissing: false,
      defaultPersonaId: null,
      encoding: null,
    };
    await userEvent.click(within(wizard).getByTestId("import-check"));
    expect(await within(wizard).findByTestId("import-summary")).toHaveTextContent(
      "3 rows read · 2 valid · 1 with problems",
    );
    expect(client.validateImport).toHaveBeenCalledWith("/data/crm.csv", options, expect.any(Function));
    const problemRows = within(wizard).getByTestId("import-problems");
    expect(within(problemRows).getAllByRole("row")[1]).toHaveTextContent('4personaunknown persona "Nobody"');

    await userEvent.click(within(wizard).getByTestId("import-run"));
    expect(await within(wizard).findByTestId("import-done")).toHaveTextContent(
      "Imported: 2 new customers, 1 row left out.",
    );
    expect(client.runImport).toHaveBeenCalledWith("/data/crm.csv", options, true, expect.any(Function));
    await userEvent.click(within(wizard).getByTestId("import-close"));
    expect(await screen.findByTestId("customer-total")).toHaveTextContent("2 customers");
  });

  it("asks for a name column before checking rows", async () => {
    const { wizard } = await openWizard({
      previewImport: async (path) => importPreview(path, ["Kunde", "Typ"], { sample: [["Acme", "Home architect"]] }),
    });
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

describe("files from other CRMs in the import wizard", () => {
  it("reads the file again in the encoding chosen and imports in it", async () => {
    const mojibake = [["Š”Ž®‰ïŽÐ", "Home architect"]];
    const right = [["株式会社", "Home architect"]];
    const { client, wizard } = await openWizard({
      previewImport: async (path, encoding) =>
        encoding === "Shift_JIS"
          ? importPreview(path, ["name", "persona"], {
              sample: right,
              mapping: ["name", "persona"],
              encoding: "Shift_JIS (Japanese)",
              encodingName: "Shift_JIS",
              encodingChosen: true,
            })
          : importPreview(path, ["name", "persona"], {
              sample: mojibake,
              mapping: ["name", "persona"],
              encoding: "windows-1252 (Western European)",
              encodingName: "windows-1252",
              encodingSure: false,
              encodingDoubt: "The encoding is a guess from little evidence. Check that the names below read right.",
            }),
      validateImport: async () => importReport({ rows: 1, validRows: 1, newCustomers: 1 }),
    });
    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/jp.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    expect(await within(wizard).findByTestId("import-encoding-unsure")).toHaveTextContent(
      "The encoding is a guess from little evidence.",
    );
    expect(within(wizard).getByTestId("import-encoding")).toHaveValue("windows-1252");
    // The user's column choice survives the new reading of the same headers.
    await userEvent.selectOptions(within(wizard).getByLabelText("Field for column persona"), "");
    await userEvent.selectOptions(within(wizard).getByTestId("import-encoding"), "Shift_JIS");
    expect(await within(wizard).findByText("株式会社")).toBeInTheDocument();
    expect(client.previewImport).toHaveBeenLastCalledWith("/data/jp.csv", "Shift_JIS");
    expect(within(wizard).queryByTestId("import-encoding-unsure")).toBeNull();
    expect(within(wizard).getByTestId("import-detected")).toHaveTextContent("CSV · Shift_JIS (Japanese)");
    expect(within(wizard).getByLabelText("Field for column persona")).toHaveValue("");
    await userEvent.selectOptions(within(wizard).getByLabelText("Field for column persona"), "persona");
    await userEvent.click(within(wizard).getByTestId("import-check"));
    await waitFor(() =>
      expect(client.validateImport).toHaveBeenCalledWith(
        "/data/jp.csv",
        expect.objectContaining({ encoding: "Shift_JIS" }),
        expect.any(Function),
      ),
    );
  });

  it("says which column it took when two could be the same field, and what it left out of the file", async () => {
    const message = 'Current step: took "Current step"; "Lifecycle Stage" could be it too.';
    const { wizard } = await openWizard({
      previewImport: async (path) =>
        importPreview(path, ["name", "persona", "Lifecycle Stage", "Current step"], {
          mapping: ["name", "persona", null, "current_step"],
          ambiguities: [{ field: "current_step", chosen: 3, others: [2], message }],
        }),
      validateImport: async () =>
        importReport({
          rows: 2,
          validRows: 2,
          notes: ['Ignored the report footer on lines 5–6 ("Confidential Information - Do Not Distribute").'],
        }),
    });
    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/sf.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    expect(await within(wizard).findByTestId("import-ambiguity")).toHaveTextContent(message);
    await userEvent.click(within(wizard).getByTestId("import-check"));
    expect(await within(wizard).findByTestId("import-note")).toHaveTextContent(
      "Ignored the report footer on lines 5–6",
    );
  });

  it("shows what the import will change before it runs", async () => {
    const { wizard } = await openWizard({
      previewImport: async (path) => importPreview(path, ["name", "persona"], { mapping: ["name", "persona"] }),
      validateImport: async () =>
        importReport({
          rows: 4,
          validRows: 4,
          changes: [{ persona: "Home architect", newCustomers: 1, updated: 2, unchanged: 1, moved: 1 }],
          moves: [{ line: 3, customer: "Acme Homes", persona: "Home architect", from: "Onboard", to: "Adopt" }],
        }),
    });
    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/again.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    await userEvent.click(await within(wizard).findByTestId("import-check"));
    const changes = await within(wizard).findByTestId("import-changes");
    expect(within(changes).getAllByRole("row")[1]).toHaveTextContent("Home architect1211");
    expect(within(changes).getByText("1 move")).toBeInTheDocument();
    expect(within(wizard).getByTestId("import-moves")).toHaveTextContent("Acme Homes (Home architect) Onboard → Adopt");
  });
});

describe("KPI columns in the import wizard", () => {
  it("proposes a column named after a KPI as its values and sends the choice with the import", async () => {
    const { client, wizard } = await openWizard({
      // The backend proposes the column whose header names a KPI.
      previewImport: async (path) =>
        importPreview(path, ["name", "persona", "seats active", "done"], {
          sample: [["Acme", "Home architect", "40", "3"]],
          mapping: ["name", "persona", null, null],
          kpiColumns: [{ column: 2, kpi: "Seats active" }],
          kpiNames: ["Projects delivered", "Seats active"],
        }),
      validateImport: async () => importReport({ rows: 1, validRows: 1, newCustomers: 1 }),
    });
    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/kpis.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    await within(wizard).findByTestId("import-detected");
    expect(within(wizard).getByLabelText("Field for column seats active")).toHaveValue("kpi:Seats active");
    await userEvent.selectOptions(within(wizard).getByLabelText("Field for column done"), "kpi:Projects delivered");
    await userEvent.click(within(wizard).getByTestId("import-check"));
    await waitFor(() =>
      expect(client.validateImport).toHaveBeenCalledWith(
        "/data/kpis.csv",
        expect.objectContaining({
          mapping: ["name", "persona", null, null],
          kpiColumns: [
            { column: 2, kpi: "Seats active" },
            { column: 3, kpi: "Projects delivered" },
          ],
        }),
        expect.any(Function),
      ),
    );
  });
});

describe("stage history in the import wizard", () => {
  it("maps columns, checks again when a stage's step is chosen, and imports the history", async () => {
    const preview = {
      file: importPreview("/data/history.csv", ["Record ID", "Lifecycle Stage", "Date entered"], {
        sample: [["101", "customer", "2025-02-03"]],
      }),
      mapping: ["external_id", "stage", "date"] as const,
      fields: [
        { field: "external_id", label: "Customer's external id" },
        { field: "stage", label: "New stage" },
        { field: "date", label: "Date of the change" },
      ] as const,
      stepTitles: ["Onboard", "Adopt"],
    };
    const stageUse = (step: string | null) => ({
      stage: "customer",
      rows: 2,
      step,
      matched: step === null ? ("none" as const) : ("chosen" as const),
    });
    const history = (step: string | null) => ({
      rows: 2,
      validRows: step === null ? 0 : 2,
      rejectedRows: 0,
      skippedRows: step === null ? 2 : 0,
      customers: step === null ? 0 : 1,
      newEntries: step === null ? 0 : 2,
      knownEntries: 0,
      correctedEntries: 0,
      stages: [stageUse(step)],
      fields: [],
      problems: [],
      problemCount: 0,
      notes: step === null ? ["Left out 2 rows of stages that go to no step."] : [],
      written: false,
    });
    const { client, wizard } = await openWizard({
      previewHistory: async () => ({ ...preview, mapping: [...preview.mapping], fields: [...preview.fields] }),
      validateHistory: async (_path, options) => history(options.stages?.[0]?.step ?? null),
      runHistory: async () => ({ ...history("Onboard"), written: true }),
    });
    await userEvent.click(within(wizard).getByTestId("import-kind-history"));
    expect(within(wizard).getByRole("heading", { name: "Import stage history" })).toBeInTheDocument();
    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/history.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    expect(await within(wizard).findByLabelText("Field for column Date entered")).toHaveValue("date");
    expect(client.previewHistory).toHaveBeenCalledWith("/data/history.csv");

    await userEvent.click(within(wizard).getByTestId("import-check"));
    expect(await within(wizard).findByTestId("import-summary")).toHaveTextContent("2 rows read · 0 valid · 2 left out");
    expect(within(wizard).getByTestId("import-note")).toHaveTextContent(
      "Left out 2 rows of stages that go to no step.",
    );
    expect(within(wizard).getByTestId("import-run")).toBeDisabled();

    await userEvent.selectOptions(within(wizard).getByLabelText("Step for the stage customer"), "Onboard");
    await waitFor(() => expect(within(wizard).getByTestId("import-summary")).toHaveTextContent("2 valid"));
    expect(client.validateHistory).toHaveBeenLastCalledWith(
      "/data/history.csv",
      {
        mapping: ["external_id", "stage", "date"],
        stages: [{ stage: "customer", step: "Onboard" }],
        field: null,
        encoding: null,
      },
      expect.any(Function),
    );
    await userEvent.click(within(wizard).getByTestId("import-run"));
    expect(await within(wizard).findByTestId("import-done")).toHaveTextContent(
      "Imported: 2 step changes in the history of 1 customer.",
    );
    expect(client.runHistory).toHaveBeenCalledWith("/data/history.csv", expect.anything(), true, expect.any(Function));
  });

  it("keeps a stage choice only once its check succeeded, and checks again for another field", async () => {
    const report = (field: string) => ({
      rows: 3,
      validRows: 1,
      rejectedRows: 0,
      skippedRows: 2,
      customers: 1,
      newEntries: 1,
      knownEntries: 0,
      correctedEntries: 1,
      stages: [{ stage: "Closed Won", rows: 1, step: "Onboard", matched: "same_name" as const }],
      fields: [
        { field: "Stage", rows: 2, imported: field === "Stage" },
        { field: "Customer Status", rows: 1, imported: field === "Customer Status" },
      ],
      problems: [],
      problemCount: 0,
      notes: [],
      written: false,
    });
    let fail = false;
    const { client, wizard } = await openWizard({
      previewHistory: async (path) => ({
        file: importPreview(path, ["Account ID", "Field", "New Value", "Edit Date"]),
        mapping: ["external_id", "field", "stage", "date"],
        fields: [],
        stepTitles: ["Onboard", "Adopt"],
      }),
      validateHistory: async (_path, options) => {
        if (fail) throw new BackendError({ code: "cancelled", message: "cancelled" });
        return report(options.field ?? "Stage");
      },
      runHistory: async () => ({ ...report("Stage"), written: true }),
    });
    await userEvent.click(within(wizard).getByTestId("import-kind-history"));
    await userEvent.type(within(wizard).getByTestId("import-path"), "/data/sf.csv");
    await userEvent.click(within(wizard).getByTestId("import-read"));
    await userEvent.click(await within(wizard).findByTestId("import-check"));
    expect(await within(wizard).findByTestId("history-corrected")).toHaveTextContent(
      "1 stored entry will be corrected",
    );
    expect(within(wizard).getByTestId("history-field")).toHaveValue("Stage");

    await userEvent.selectOptions(within(wizard).getByTestId("history-field"), "Customer Status");
    await waitFor(() => expect(within(wizard).getByTestId("history-field")).toHaveValue("Customer Status"));
    expect(client.validateHistory).toHaveBeenLastCalledWith(
      "/data/sf.csv",
      expect.objectContaining({ field: "Customer Status" }),
      expect.any(Function),
    );

    fail = true;
    await userEvent.selectOptions(within(wizard).getByLabelText("Step for the stage Closed Won"), "Adopt");
    expect(await within(wizard).findByTestId("import-error")).toHaveTextContent("Cancelled. Nothing was changed.");
    fail = false;
    await userEvent.click(within(wizard).getByTestId("import-run"));
    await within(wizard).findByTestId("import-done");
    expect(client.runHistory).toHaveBeenCalledWith(
      "/data/sf.csv",
      expect.objectContaining({ stages: [], field: "Customer Status" }),
      true,
      expect.any(Function),
    );
  });
});
