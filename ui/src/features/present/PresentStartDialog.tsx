// With more than one display: where the audience sees the slides and where the
// presenter view goes (its own window on another display, or the side panel).
import { useState } from "react";
import type { PersonaSummary, Screen } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { FormDialog, useForm } from "../../components/FormDialog";

interface Props {
  persona: PersonaSummary;
  screens: Screen[];
  /** `presenterWindow`: the presenter view was opened in its own window. */
  onStart: (presenterWindow: boolean) => void;
  onClose: () => void;
}

function screenName(s: Screen): string {
  return `${s.name} (${s.width} × ${s.height}${s.primary ? ", main display" : ""})`;
}

export function PresentStartDialog({ persona, screens, onStart, onClose }: Props) {
  const client = useClient();
  const form = useForm<"audience">({ errorsAt: "audience" });
  const here = screens.find((s) => s.current) ?? screens[0];
  // A projector is usually the display the app is not on.
  const [audience, setAudience] = useState(() => (screens.find((s) => !s.current) ?? here)?.index ?? 0);
  const [presenter, setPresenter] = useState<number | "panel">(() => here?.index ?? "panel");

  function submit() {
    void form.run(async () => {
      if (presenter === "panel") {
        onStart(false);
        return;
      }
      await client.openPresenterWindow(presenter, audience);
      onStart(true);
    });
  }

  return (
    <FormDialog
      form={form}
      testId="present-start-dialog"
      title={`Present ${persona.persona.name}`}
      onSubmit={submit}
      onCancel={onClose}
      submitLabel="Start presenting"
      submitTestId="present-start"
    >
      <div className="field">
        <label htmlFor={form.fieldId("audience")}>Slides for the room on</label>
        <select
          {...form.fieldProps("audience")}
          value={audience}
          onChange={(e) => setAudience(Number(e.target.value))}
          data-testid="present-audience-screen"
        >
          {screens.map((s) => (
            <option key={s.index} value={s.index}>
              {screenName(s)}
            </option>
          ))}
        </select>
        {form.fieldError("audience")}
      </div>
      <div className="field">
        <label htmlFor="present-presenter-screen">Presenter view on</label>
        <select
          id="present-presenter-screen"
          value={presenter}
          onChange={(e) => setPresenter(e.target.value === "panel" ? "panel" : Number(e.target.value))}
          data-testid="present-presenter-screen"
        >
          {screens.map((s) => (
            <option key={s.index} value={s.index}>
              {screenName(s)}
            </option>
          ))}
          <option value="panel">Beside the slides (P shows and hides it)</option>
        </select>
        <p className="field-hint">
          The presenter view shows what is on screen and next, the step's notes and the time. Keys and a clicker work in
          either window.
        </p>
      </div>
    </FormDialog>
  );
}
