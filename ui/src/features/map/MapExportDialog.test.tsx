import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Client } from "../../ipc/client";
import { ClientContext } from "../../ipc/context";
import { followSuggestion } from "../../components/SaveFileDialog";
import { personaSummary } from "../../test/builders";
import { stubClient } from "../../test/stubClient";
import { MapExportDialog } from "./MapExportDialog";
import { defaultPaper } from "../../lib/paper";

const home = personaSummary(1, "Home architect");
const large = personaSummary(2, "Large-building architect");

function renderDialog(client: Client) {
  return render(
    <ClientContext.Provider value={client}>
      <MapExportDialog persona={home} onClose={() => {}} />
    </ClientContext.Provider>,
  );
}

describe("the map export dialog", () => {
  it("exports this map as PDF by default, names left out", async () => {
    const client = stubClient({
      suggestPath: async (name) => `/home/pat/${name}`,
      listPersonas: async () => [home, large],
      exportMap: async () => null,
    });
    renderDialog(client);
    const input = await screen.findByDisplayValue(/\/home\/pat\/home-architect-map-\d{4}-\d\d-\d\d\.pdf$/);
    await userEvent.click(screen.getByTestId("map-export-save"));
    expect(await screen.findByTestId("map-export-done")).toHaveTextContent(
      `Exported the map of Home architect to ${(input as HTMLInputElement).value}`,
    );
    expect(client.exportMap).toHaveBeenLastCalledWith(
      [1],
      expect.objectContaining({ format: "pdf", customers: "counts" }),
      (input as HTMLInputElement).value,
      false,
    );
  });

  it("adds each map's matrix page to a PDF when asked, and only there", async () => {
    const client = stubClient({
      suggestPath: async (name) => `/home/pat/${name}`,
      listPersonas: async () => [home, large],
      exportMap: async () => null,
    });
    renderDialog(client);
    await screen.findByDisplayValue(/\.pdf$/);
    await userEvent.click(screen.getByTestId("map-export-matrix"));
    await userEvent.click(screen.getByTestId("map-export-save"));
    await screen.findByTestId("map-export-done");
    expect(client.exportMap).toHaveBeenLastCalledWith(
      [1],
      expect.objectContaining({ format: "pdf", matrix: true, slides: false }),
      expect.any(String),
      false,
    );
    // Not with the map alone, and not in the slides (they have it).
    await userEvent.selectOptions(screen.getByTestId("map-export-customers"), "none");
    expect(screen.queryByTestId("map-export-matrix")).not.toBeInTheDocument();
    await userEvent.selectOptions(screen.getByTestId("map-export-customers"), "counts");
    await userEvent.click(screen.getByTestId("map-export-slides"));
    expect(screen.queryByTestId("map-export-matrix")).not.toBeInTheDocument();
  });

  it("follows the format in the suggested file name and sends the choices", async () => {
    const client = stubClient({
      suggestPath: async (name) => `/home/pat/${name}`,
      listPersonas: async () => [home, large],
      exportMap: async () => null,
    });
    renderDialog(client);
    await screen.findByDisplayValue(/\.pdf$/);
    await userEvent.click(screen.getByTestId("map-export-format-png"));
    const input = await screen.findByDisplayValue(/home-architect-map-.*\.png$/);
    await userEvent.selectOptions(screen.getByTestId("map-export-scale"), "1");
    await userEvent.selectOptions(screen.getByTestId("map-export-customers"), "names");
    expect(screen.getByText(/leave them out of a handout/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("map-export-save"));
    await screen.findByTestId("map-export-done");
    expect(client.exportMap).toHaveBeenLastCalledWith(
      [1],
      expect.objectContaining({ format: "png", customers: "names", scale: 1 }),
      (input as HTMLInputElement).value,
      false,
    );
    // Another choice makes another file: the "done" line goes and Export is back.
    await userEvent.click(screen.getByTestId("map-export-format-svg"));
    expect(screen.queryByTestId("map-export-done")).not.toBeInTheDocument();
    expect(await screen.findByDisplayValue(/\.svg$/)).toBeInTheDocument();
  });

  it("puts every persona's map in one PDF when asked", async () => {
    const client = stubClient({
      suggestPath: async (name) => `/home/pat/${name}`,
      listPersonas: async () => [home, large],
      exportMap: async () => null,
    });
    renderDialog(client);
    await userEvent.click(await screen.findByTestId("map-export-all"));
    await userEvent.selectOptions(screen.getByTestId("map-export-paper"), "letter");
    const input = await screen.findByDisplayValue(/success-maps-.*\.pdf$/);
    await userEvent.click(screen.getByTestId("map-export-save"));
    expect(await screen.findByTestId("map-export-done")).toHaveTextContent("Exported 2 maps");
    expect(client.exportMap).toHaveBeenLastCalledWith(
      [1, 2],
      expect.objectContaining({ format: "pdf", paper: "letter" }),
      (input as HTMLInputElement).value,
      false,
    );
  });
});

it("exports the presentation as 16:9 slides", async () => {
  const client = stubClient({
    suggestPath: async (name) => `/home/pat/${name}`,
    listPersonas: async () => [home, large],
    exportMap: async () => null,
  });
  renderDialog(client);
  await screen.findByDisplayValue(/-map-.*\.pdf$/);
  await userEvent.click(screen.getByTestId("map-export-slides"));
  expect(screen.queryByTestId("map-export-paper")).not.toBeInTheDocument();
  const input = await screen.findByDisplayValue(/home-architect-slides-.*\.pdf$/);
  await userEvent.click(screen.getByTestId("map-export-save"));
  await screen.findByTestId("map-export-done");
  expect(client.exportMap).toHaveBeenLastCalledWith(
    [1],
    expect.objectContaining({ format: "pdf", slides: true }),
    (input as HTMLInputElement).value,
    false,
  );
});

describe("a suggested path that follows the format", () => {
  it("replaces an untouched path and swaps a typed path's extension", () => {
    expect(followSuggestion("", null, "/d/map.pdf")).toBe("/d/map.pdf");
    expect(followSuggestion("/d/map.pdf", "/d/map.pdf", "/d/map.png")).toBe("/d/map.png");
    expect(followSuggestion("/x/board.PDF", "/d/map.pdf", "/d/map.svg")).toBe("/x/board.svg");
    expect(followSuggestion("/x/board", "/d/map.pdf", "/d/map.svg")).toBe("/x/board");
  });

  it("prints on Letter where the locale does", () => {
    expect(defaultPaper("en-US")).toBe("letter");
    expect(defaultPaper("en-GB")).toBe("a4");
    expect(defaultPaper("de")).toBe("a4");
    expect(defaultPaper("es_MX")).toBe("letter");
  });
});
