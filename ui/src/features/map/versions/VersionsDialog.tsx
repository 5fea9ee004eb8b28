// The versions of a persona's map: save the map as it is now under a name, and from the
// list preview a version, compare two (or one with now), or restore one.
import { useState } from "react";
import type { MapVersion, PersonaSummary, VersionRef } from "../../../ipc/client";
import { useClient } from "../../../ipc/context";
import { FormDialog, useForm } from "../../../components/FormDialog";
import { useLoad } from "../../../lib/useLoad";

export type Viewing = { kind: "preview"; version: MapVersion } | { kind: "compare"; from: VersionRef; to: VersionRef };

interface Props {
  persona: PersonaSummary;
  revision: number;
  onView: (viewing: Viewing) => void;
  onRestore: (version: MapVersion) => void;
  onSaved: () => void;
  /** Saves the map as a template file instead (another kind of copy of it). */
  onExportTemplate: () => void;
  onClose: () => void;
}

type Field = "name" | "note";

/** When a version was saved, in the user's time zone. */
export function savedAt(createdAt: string): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

const NOW = "now";

function refOf(value: string): VersionRef {
  return value === NOW ? { kind: "now" } : { kind: "saved", id: Number(value) };
}

export function VersionsDialog({ persona, revision, onView, onRestore, onSaved, onExportTemplate, onClose }: Props) {
  const client = useClient();
  const id = persona.persona.id;
  const versions = useLoad(() => client.listMapVersions(id), [client, id, revision]);
  const form = useForm<Field>({ fieldOf: (f) => (f === "name" || f === "note" ? f : null) });
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const list = versions.data ?? [];
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string>(NOW);
  const fromValue = from ?? (list[0] ? String(list[0].id) : NOW);

  function submit() {
    if (name.trim() === "") {
      form.setErrors({ name: "Give the version a name, for example “After the Q3 workshop”" });
      return;
    }
    void form.run(async () => {
      const version = await client.saveMapVersion(id, name, note);
      setSaved(`Saved “${version.name}” (${version.stepCount} steps)`);
      setName("");
      setNote("");
      onSaved();
    });
  }

  return (
    <FormDialog
      form={form}
      testId="versions-dialog"
      className="dialog dialog-wide"
      title={
        <>
          Versions <span className="muted">· {persona.persona.name}</span>
        </>
      }
      onSubmit={submit}
      onCancel={onClose}
      cancelLabel="Close"
      submitLabel="Save version"
      busyLabel="Saving…"
      submitTestId="version-save"
      actions={
        <button
          type="button"
          className="button button-quiet"
          onClick={onExportTemplate}
          data-testid="open-template-export"
        >
          Save as template…
        </button>
      }
      footer={
        saved && (
          <p className="notice-inline" role="status" data-testid="version-saved">
            {saved}
          </p>
        )
      }
    >
      <p className="muted">
        A version keeps the map as it is now: steps, outcomes, KPIs with their levels and vehicles (not customers).
      </p>
      <div className="dialog-row dialog-row-2">
        <div className="field">
          <label htmlFor={form.fieldId("name")}>Name</label>
          <input
            {...form.fieldProps("name")}
            value={name}
            placeholder="After the Q3 workshop"
            onChange={(e) => {
              setName(e.target.value);
              setSaved(null);
              form.clear("name");
            }}
            data-testid="version-name"
          />
          {form.fieldError("name")}
        </div>
        <div className="field">
          <label htmlFor={form.fieldId("note")}>Note (optional)</label>
          <input
            {...form.fieldProps("note")}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              form.clear("note");
            }}
            data-testid="version-note"
          />
          {form.fieldError("note")}
        </div>
      </div>
      <h3 className="dialog-subheading">Saved versions</h3>
      {list.length === 0 ? (
        <p className="empty-inline" data-testid="versions-empty">
          {versions.state === "loading"
            ? "Loading…"
            : "No versions yet. Save one before a workshop changes the map, to compare or go back later."}
        </p>
      ) : (
        <>
          <ul className="version-list" data-testid="version-list">
            {list.map((v) => (
              <li key={v.id} className="version-item" data-testid="version-item">
                <div className="version-text">
                  <span className="version-name">
                    {v.name}
                    {v.automatic && <span className="badge">automatic</span>}
                  </span>
                  <span className="muted version-meta">
                    {savedAt(v.createdAt)} · {v.stepCount} {v.stepCount === 1 ? "step" : "steps"}
                    {v.note && <> · {v.note}</>}
                  </span>
                </div>
                <div className="version-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onView({ kind: "preview", version: v })}
                    aria-label={`Preview ${v.name}`}
                    data-testid="version-preview"
                  >
                    Preview
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onView({ kind: "compare", from: { kind: "saved", id: v.id }, to: { kind: "now" } })}
                    aria-label={`Compare ${v.name} with now`}
                    data-testid="version-compare-now"
                  >
                    Compare with now
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onRestore(v)}
                    aria-label={`Restore ${v.name}`}
                    data-testid="version-restore"
                  >
                    Restore…
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <div className="version-compare" role="group" aria-label="Compare two versions">
            <label>
              Compare
              <select value={fromValue} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from">
                {list.map((v) => (
                  <option key={v.id} value={String(v.id)}>
                    {v.name}
                  </option>
                ))}
                <option value={NOW}>Now</option>
              </select>
            </label>
            <label>
              with
              <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="compare-to">
                <option value={NOW}>Now</option>
                {list.map((v) => (
                  <option key={v.id} value={String(v.id)}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button button-small"
              onClick={() => onView({ kind: "compare", from: refOf(fromValue), to: refOf(to) })}
              data-testid="compare-two"
            >
              Compare
            </button>
          </div>
        </>
      )}
    </FormDialog>
  );
}
