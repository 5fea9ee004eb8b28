// Restore a version of the map: first what it would do (the steps that go and their
// customers, who must be given a step of the version to move to, and what goes with the
// steps), then one undoable edit.
import { useState } from "react";
import type { MapVersion, PersonaSummary, RestoreMove } from "../../../ipc/client";
import { useClient } from "../../../ipc/context";
import { FormDialog, useForm } from "../../../components/FormDialog";
import { plural } from "../../../lib/format";
import { useLoad } from "../../../lib/useLoad";

interface Props {
  persona: PersonaSummary;
  version: MapVersion;
  onRestored: () => void;
  onClose: () => void;
}

export function RestoreDialog({ persona, version, onRestored, onClose }: Props) {
  const client = useClient();
  const id = persona.persona.id;
  const preview = useLoad(() => client.restorePreview(id, version.id), [client, id, version.id]);
  const form = useForm<"moves">({ fieldOf: () => "moves" });
  // Where the customers of each removed step go: a step id of the version.
  const [moves, setMoves] = useState<Record<number, number>>({});
  const data = preview.data;
  const waiting = (data?.removed ?? []).filter((s) => s.onCount + s.aimingCount > 0);

  function submit() {
    const missing = waiting.filter((s) => moves[s.stepId] === undefined);
    if (missing.length > 0) {
      form.setErrors({
        moves: `Choose where the customers of ${missing.map((s) => `“${s.title}”`).join(", ")} go`,
      });
      return;
    }
    const chosen: RestoreMove[] = waiting.flatMap((s) => {
      const to = moves[s.stepId];
      return to === undefined ? [] : [{ fromStepId: s.stepId, toStepId: to }];
    });
    void form.run(async () => {
      await client.restoreMapVersion(id, version.id, chosen);
      onRestored();
    });
  }

  return (
    <FormDialog
      form={form}
      testId="restore-dialog"
      title={<>Restore “{version.name}”</>}
      onSubmit={submit}
      onCancel={onClose}
      submitLabel="Restore"
      busyLabel="Restoring…"
      submitTestId="restore-confirm"
    >
      <p>
        The map of {persona.persona.name} becomes what this version holds: its steps, outcomes, KPIs and vehicles. The
        map as it is now is kept as an automatic version, and Undo puts it back.
      </p>
      {preview.state === "loading" && <p className="muted">Looking at what would change…</p>}
      {data && data.removed.length > 0 && (
        <div className="field">
          <p>
            The version does not have {plural(data.removed.length, "step")} of the map now:{" "}
            {data.removed.map((s) => `“${s.title}”`).join(", ")}.
          </p>
          {waiting.length > 0 && (
            <fieldset className="restore-moves" aria-describedby={form.fieldId("moves")}>
              <legend>Their customers move to</legend>
              {waiting.map((s) => (
                <label key={s.stepId} className="restore-move" data-testid="restore-move">
                  <span>
                    “{s.title}” ({s.onCount} on it, {s.aimingCount} aiming at it)
                  </span>
                  <select
                    value={moves[s.stepId] ?? ""}
                    onChange={(e) => {
                      setMoves((m) => ({ ...m, [s.stepId]: Number(e.target.value) }));
                      form.clear("moves");
                    }}
                    data-testid="restore-move-to"
                  >
                    <option value="" disabled>
                      Choose a step of the version…
                    </option>
                    {data.steps.map((c) => (
                      <option key={c.stepId} value={c.stepId}>
                        {c.title}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          )}
          <span id={form.fieldId("moves")}>{form.fieldError("moves")}</span>
        </div>
      )}
      {data && (data.kpiValuesLost > 0 || data.notesLost > 0) && (
        <p className="notice-inline notice-warning" data-testid="restore-losses">
          Removed with the steps and KPIs the version does not have:{" "}
          {[
            data.kpiValuesLost > 0 ? plural(data.kpiValuesLost, "customer KPI value") : null,
            data.notesLost > 0 ? plural(data.notesLost, "workshop note") : null,
          ]
            .filter(Boolean)
            .join(" and ")}
          . Undo brings them back.
        </p>
      )}
    </FormDialog>
  );
}
