import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { BackendError, type MapTemplate } from "../../ipc/client";
import { persona, personaSummary } from "../../test/builders";
import { frame, renderApp, stubClient } from "../../test/stubClient";

function template(name: string, steps: string[]): MapTemplate {
  return {
    format: "successmap-map",
    version: 1,
    persona: { name, description: "", successDefinition: `${name} succeeds`, goals: [] },
    map: {
      steps: steps.map((title) => ({ title, outcome: "", notes: "", kpis: [], vehicles: [], moveVehicles: [] })),
      vehicles: [],
    },
  };
}

describe("a new persona from a template", () => {
  it("offers the gallery and a file, shows the steps, and creates the persona under the chosen name", async () => {
    const saas = template("B2B SaaS team admin", ["Onboarded", "Adopted", "Expanded"]);
    const client = stubClient({
      ...frame([personaSummary(1, "Home architect")]),
      templateGallery: async () => [
        { key: "demo:home", template: template("Home architect", ["First project delivered"]) },
        { key: "b2b-saas", template: saas },
      ],
      pickTemplateFile: async () => "/tmp/broken.successmap-map.json",
      readMapTemplate: async () => {
        throw new BackendError({
          code: "invalid_input",
          field: "template",
          message: "the file is not valid JSON (line 3, column 1: expected value)",
        });
      },
      importMapTemplate: async () => persona(2, "Admin"),
    });
    renderApp(client);
    await userEvent.click(await screen.findByTestId("new-from-template"));
    const items = await screen.findAllByTestId("template-item");
    expect(items.map((i) => within(i).getByText(/./, { selector: ".template-name" }).textContent)).toEqual([
      "Home architect",
      "B2B SaaS team admin",
    ]);
    await userEvent.click(items[1] as HTMLElement);
    expect(screen.getByTestId("template-preview")).toHaveTextContent("OnboardedAdoptedExpanded");
    expect(screen.getByTestId("template-name")).toHaveValue("B2B SaaS team admin");

    await userEvent.click(screen.getByTestId("template-file"));
    expect(await screen.findByTestId("template-file-error")).toHaveTextContent("line 3, column 1");

    await userEvent.clear(screen.getByTestId("template-name"));
    await userEvent.type(screen.getByTestId("template-name"), "Admin");
    await userEvent.click(screen.getByTestId("template-create"));
    expect(client.importMapTemplate).toHaveBeenCalledWith(saas, "Admin");
    await expectGone();
  });
});

async function expectGone() {
  await screen.findByTestId("persona-list");
  expect(screen.queryByTestId("template-dialog")).toBeNull();
}
