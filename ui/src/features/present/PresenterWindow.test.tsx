import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { PresentationState, PresenterCommand, Screen } from "../../ipc/client";
import { ClientContext } from "../../ipc/context";
import { mapDetail, personaSummary, step, stepView } from "../../test/builders";
import { stubClient } from "../../test/stubClient";
import { Presentation } from "./Presentation";
import { PresenterWindow } from "./PresenterWindow";
import { PresentStartDialog } from "./PresentStartDialog";

const persona = personaSummary(1, "Home architect");
const map = mapDetail([
  stepView(step(1, "First project delivered", 0, { notes: "Ask who shipped one already" })),
  stepView(step(2, "Templates in daily use", 1)),
]);
const view = {
  map,
  reveals: [
    { kind: "title" as const },
    { kind: "step" as const, step: 0 },
    { kind: "outcome" as const, step: 0 },
    { kind: "move" as const, step: 0 },
    { kind: "step" as const, step: 1 },
  ],
  labels: [
    "Title: Home architect",
    "Step 1: First project delivered",
    "Step 1: outcome and KPIs",
    "Move to step 2: Templates in daily use (gap: no vehicle)",
    "Step 2: Templates in daily use",
  ],
  matrix: null,
  satisfaction: null,
};

describe("the audience window with the presenter view in its own window", () => {
  it("tells the presenter view what is on screen, obeys it, and closes it on leaving", async () => {
    let command: ((c: PresenterCommand) => void) | null = null;
    const onLeave = vi.fn();
    const client = stubClient({
      getPresentation: async () => view,
      setFullscreen: async () => null,
      sendPresentationState: async () => {},
      onPresenterCommand: async (handle) => {
        command = handle;
        return () => {};
      },
      closePresenterWindow: async () => null,
    });
    const { unmount } = render(
      <ClientContext.Provider value={client}>
        <Presentation persona={persona} revision={4} presenterWindow onChanged={() => {}} onLeave={onLeave} />
      </ClientContext.Provider>,
    );
    await waitFor(() =>
      expect(client.sendPresentationState).toHaveBeenCalledWith({
        personaId: 1,
        index: 0,
        showNames: false,
        revision: 4,
      }),
    );
    await waitFor(() => expect(command).not.toBeNull());
    act(() => command?.({ kind: "go", index: 3 }));
    expect(screen.getByTestId("present-stage")).toHaveAttribute("data-reveal", "move0");
    expect(client.sendPresentationState).toHaveBeenLastCalledWith(expect.objectContaining({ index: 3 }));
    act(() => command?.({ kind: "showNames", on: true }));
    expect(client.sendPresentationState).toHaveBeenLastCalledWith(expect.objectContaining({ showNames: true }));
    act(() => command?.({ kind: "leave" }));
    expect(onLeave).toHaveBeenCalled();
    unmount();
    expect(client.closePresenterWindow).toHaveBeenCalled();
  });
});

describe("the presenter view's own window", () => {
  it("shows what is on screen and next with the notes, and sends the keys to the audience", async () => {
    let tell: ((s: PresentationState) => void) | null = null;
    const client = stubClient({
      getPresentation: async () => view,
      onPresentationState: async (handle) => {
        tell = handle;
        return () => {};
      },
      sendPresenterCommand: async () => {},
    });
    render(
      <ClientContext.Provider value={client}>
        <PresenterWindow />
      </ClientContext.Provider>,
    );
    expect(screen.getByText("Waiting for the presentation…")).toBeInTheDocument();
    await waitFor(() => expect(client.sendPresenterCommand).toHaveBeenCalledWith({ kind: "hello" }));
    act(() => tell?.({ personaId: 1, index: 1, showNames: false, revision: 0 }));
    expect(await screen.findByTestId("presenter-now")).toHaveTextContent("Step 1: First project delivered");
    expect(screen.getByTestId("presenter-next")).toHaveTextContent("Step 1: outcome and KPIs");
    expect(screen.getByTestId("presenter-notes")).toHaveTextContent("Ask who shipped one already");
    expect(screen.getByTestId("presenter-counter")).toHaveTextContent("2 / 5");
    await userEvent.keyboard("{ArrowRight}");
    expect(client.sendPresenterCommand).toHaveBeenLastCalledWith({ kind: "go", index: 2 });
    await userEvent.keyboard("2");
    expect(client.sendPresenterCommand).toHaveBeenLastCalledWith({ kind: "go", index: 4 });
    await userEvent.click(screen.getByTestId("presenter-names"));
    expect(client.sendPresenterCommand).toHaveBeenLastCalledWith({ kind: "showNames", on: true });
    // Keys typed in a control stay there; from the page, Escape ends the presentation.
    act(() => screen.getByTestId("presenter-names").blur());
    await userEvent.keyboard("{Escape}");
    expect(client.sendPresenterCommand).toHaveBeenLastCalledWith({ kind: "leave" });
  });
});

describe("the start dialog with two displays", () => {
  const screens: Screen[] = [
    { index: 0, name: "eDP-1", width: 1920, height: 1080, primary: true, current: true },
    { index: 1, name: "HDMI-1", width: 1920, height: 1080, primary: false, current: false },
  ];
  it("puts the slides on the other display and the presenter view on this one", async () => {
    const onStart = vi.fn();
    const client = stubClient({ openPresenterWindow: async () => null });
    render(
      <ClientContext.Provider value={client}>
        <PresentStartDialog persona={persona} screens={screens} onStart={onStart} onClose={() => {}} />
      </ClientContext.Provider>,
    );
    expect(screen.getByTestId("present-audience-screen")).toHaveValue("1");
    expect(screen.getByTestId("present-presenter-screen")).toHaveValue("0");
    await userEvent.click(screen.getByTestId("present-start"));
    await waitFor(() => expect(onStart).toHaveBeenCalledWith(true));
    expect(client.openPresenterWindow).toHaveBeenCalledWith(0, 1);
  });

  it("keeps the presenter view beside the slides when chosen", async () => {
    const onStart = vi.fn();
    const client = stubClient({});
    render(
      <ClientContext.Provider value={client}>
        <PresentStartDialog persona={persona} screens={screens} onStart={onStart} onClose={() => {}} />
      </ClientContext.Provider>,
    );
    await userEvent.selectOptions(screen.getByTestId("present-presenter-screen"), "panel");
    await userEvent.click(screen.getByTestId("present-start"));
    await waitFor(() => expect(onStart).toHaveBeenCalledWith(false));
  });
});
