// New persona from a map template: one of the built-in templates or a template file,
// shown before it is created (its steps), under the template's persona name or another.
import { useState } from "react";
import { describeError, type MapTemplate, type Persona } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { FormDialog, useForm } from "../../components/FormDialog";
import { useLoad } from "../../lib/useLoad";

interface Props {
  onCreated: (persona: Persona) => void;
  onClose: () => void;
}

interface Choice {
  key: string;
  /** Where it comes from: "Built in" or the file's path. */
  source: string;
  template: MapTemplate;
}

export function TemplateDialog({ onCreated, onClose }: Props) {
  const client = useClient();
  const gallery = useLoad(() => client.templateGallery(), [client]);
  const [fromFile, setFromFile] = useState<Choice | null>(null);
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const form = useForm<"name">({ fieldOf: (f) => (f === "name" ? "name" : null) });

  const choices: Choice[] = [
    ...(fromFile ? [fromFile] : []),
    ...(gallery.data ?? []).map((g) => ({ key: g.key, source: "Built in", template: g.template })),
  ];
  const chosen = choices.find((c) => c.key === chosenKey) ?? choices[0] ?? null;
  const shownName = name ?? chosen?.template.persona.name ?? "";

  function openFile() {
    setFileError(null);
    client.pickTemplateFile().then(
      (path) => {
        if (path === null) return;
        client.readMapTemplate(path).then(
          (template) => {
            setFromFile({ key: `file:${path}`, source: path, template });
            setChosenKey(`file:${path}`);
            setName(null);
          },
          (err: unknown) => setFileError(describeError(err)),
        );
      },
      (err: unknown) => setFileError(describeError(err)),
    );
  }

  function submit() {
    if (!chosen) return;
    void form.run(async () => {
      const trimmed = shownName.trim();
      const persona = await client.importMapTemplate(
        chosen.template,
        trimmed === chosen.template.persona.name ? null : trimmed,
      );
      onCreated(persona);
    });
  }

  return (
    <FormDialog
      form={form}
      testId="template-dialog"
      className="dialog dialog-wide"
      title="New persona from a template"
      onSubmit={submit}
      onCancel={onClose}
      submitLabel="Create persona"
      busyLabel="Creating…"
      submitTestId="template-create"
    >
      <p className="muted">
        A template brings a whole success map: steps, outcomes, KPIs with their levels and vehicles. Vehicles the
        workspace already has are used as they are.
      </p>
      <div className="template-layout">
        <div>
          <ul className="template-list" role="listbox" aria-label="Templates" data-testid="template-list">
            {choices.map((c) => (
              <li
                key={c.key}
                role="option"
                aria-selected={c.key === chosen?.key}
                tabIndex={0}
                className="template-item"
                onClick={() => {
                  setChosenKey(c.key);
                  setName(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    setChosenKey(c.key);
                    setName(null);
                  }
                }}
                data-testid="template-item"
              >
                <span className="template-name">{c.template.persona.name}</span>
                <span className="muted template-source">
                  {c.source} · {c.template.map.steps.length} steps
                </span>
              </li>
            ))}
            {gallery.state === "loading" && <li className="muted">Loading…</li>}
          </ul>
          <button type="button" className="button button-small" onClick={openFile} data-testid="template-file">
            From a file…
          </button>
          {fileError && (
            <p className="notice-inline notice-warning" role="alert" data-testid="template-file-error">
              {fileError}
            </p>
          )}
        </div>
        {chosen && (
          <div className="template-preview" data-testid="template-preview">
            {chosen.template.persona.successDefinition && <p>{chosen.template.persona.successDefinition}</p>}
            <ol className="template-steps">
              {chosen.template.map.steps.map((s) => (
                <li key={s.title}>
                  <strong>{s.title}</strong>
                  {s.outcome && <span className="muted"> — {s.outcome}</span>}
                </li>
              ))}
            </ol>
            <div className="field">
              <label htmlFor={form.fieldId("name")}>Persona name</label>
              <input
                {...form.fieldProps("name")}
                value={shownName}
                onChange={(e) => {
                  setName(e.target.value);
                  form.clear("name");
                }}
                data-testid="template-name"
              />
              {form.fieldError("name")}
            </div>
          </div>
        )}
      </div>
    </FormDialog>
  );
}
