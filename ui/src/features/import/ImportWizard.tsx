// Import customers from a CRM export: choose a file, check the column mapping, see a
// row-level report, then import the valid rows (one undoable edit) or cancel. Long
// checks and imports show their progress and can be cancelled; nothing read from the
// file is ever interpreted as markup.
import { useId, useState, type FormEvent } from "react";
import {
  describeError,
  type ImportField,
  type ImportPreview,
  type ImportReport,
  type PersonaId,
  type PersonaSummary,
} from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { plural } from "../../lib/format";
import { useModal } from "../../lib/useModal";
import { HistorySteps } from "./HistorySteps";
import { ImportChanges } from "./ImportChanges";
import { EncodingPicker, ProblemTable } from "./ImportParts";
import { useImportStep } from "./useImportStep";
import { ambiguityNotes, assign, describeFile, mappingProblem, reportSummary, resultSummary } from "./importText";

interface Props {
  personas: PersonaSummary[];
  onClose: (imported: boolean) => void;
}

type Stage =
  | { name: "file" }
  | { name: "columns"; preview: ImportPreview }
  | { name: "report"; preview: ImportPreview; report: ImportReport }
  | { name: "done"; report: ImportReport }
  /** A stage history file, in its own steps; `at`: the step shown (1–3), `done` once imported. */
  | { name: "history"; at: number; done: boolean };

export function ImportWizard({ personas, onClose }: Props) {
  const client = useClient();
  const ref = useModal();
  const id = useId();
  const [stage, setStage] = useState<Stage>({ name: "file" });
  const [path, setPath] = useState("");
  /** What the file holds: customers, or their stage history from a CRM. */
  const [kind, setKind] = useState<"customers" | "history">("customers");
  const [mapping, setMapping] = useState<(ImportField | null)[]>([]);
  /** Column → the KPI whose values it holds. */
  const [kpiColumns, setKpiColumns] = useState<Record<number, string>>({});
  const [createMissing, setCreateMissing] = useState(false);
  const [defaultPersona, setDefaultPersona] = useState<PersonaId | null>(null);
  const [remember, setRemember] = useState(true);
  /** The encoding the user chose for a CSV file; null: the detected one. */
  const [encoding, setEncoding] = useState<string | null>(null);
  const { busy, error, setError, step } = useImportStep();

  const options = () => ({
    mapping,
    kpiColumns: Object.entries(kpiColumns).map(([column, kpi]) => ({ column: Number(column), kpi })),
    createMissing,
    defaultPersonaId: defaultPersona,
    encoding,
  });

  async function read(e?: FormEvent) {
    e?.preventDefault();
    if (path.trim() === "") {
      setError("Choose a CSV or XLSX file");
      return;
    }
    if (kind === "history") {
      setStage({ name: "history", at: 1, done: false });
      return;
    }
    const preview = await step("Reading the file…", () => client.previewImport(path.trim()));
    if (preview) {
      setEncoding(null);
      show(preview);
    }
  }

  function show(preview: ImportPreview) {
    setMapping(preview.mapping);
    setKpiColumns(Object.fromEntries(preview.kpiColumns.map((k) => [k.column, k.kpi])));
    setStage({ name: "columns", preview });
  }

  /** Reads the file again in the encoding chosen, for the preview to show its text. */
  async function readAs(previous: ImportPreview, name: string) {
    const preview = await step("Reading the file…", () => client.previewImport(previous.path, name));
    if (preview) {
      setEncoding(name);
      // The user's column choices stay when the headers read the same.
      const same = preview.headers.join("\u0000") === previous.headers.join("\u0000");
      if (same) setStage({ name: "columns", preview });
      else show(preview);
    }
  }

  async function check(preview: ImportPreview) {
    const report = await step("Checking rows…", (onProgress) =>
      client.validateImport(preview.path, options(), onProgress),
    );
    if (report) setStage({ name: "report", preview, report });
  }

  async function importRows(preview: ImportPreview) {
    const report = await step("Importing…", (onProgress) =>
      client.runImport(preview.path, options(), remember, onProgress),
    );
    if (report) setStage({ name: "done", report });
  }

  const close = () => {
    if (busy) return;
    onClose(stage.name === "done" || (stage.name === "history" && stage.done));
  };

  const problem = stage.name === "columns" ? mappingProblem(mapping, defaultPersona !== null) : null;

  return (
    <dialog
      ref={ref}
      className="dialog dialog-import"
      aria-labelledby={`${id}-title`}
      aria-busy={busy !== null}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      data-testid="import-wizard"
    >
      <div className="dialog-form">
        <h2 id={`${id}-title`}>{kind === "history" ? "Import stage history" : "Import customers"}</h2>
        <ol className="wizard-steps" aria-label="Steps">
          {["File", "Columns", "Check", "Done"].map((label, i) => {
            const at = stage.name === "history" ? stage.at : ["file", "columns", "report", "done"].indexOf(stage.name);
            return (
              <li
                key={label}
                className={i === at ? "is-current" : i < at ? "is-done" : ""}
                aria-current={i === at ? "step" : undefined}
              >
                {label}
              </li>
            );
          })}
        </ol>

        {stage.name === "file" && (
          <form onSubmit={read} className="wizard-body" noValidate>
            <fieldset className="import-kind">
              <legend>The file holds</legend>
              <label className="check-field">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  checked={kind === "customers"}
                  onChange={() => setKind("customers")}
                />
                <span>
                  Customers, one per row <span className="muted">(added, or updated by external id)</span>
                </span>
              </label>
              <label className="check-field">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  checked={kind === "history"}
                  onChange={() => setKind("history")}
                  data-testid="import-kind-history"
                />
                <span>
                  Stage history, one change per row{" "}
                  <span className="muted">
                    (HubSpot lifecycle stage history, a Salesforce field history report: customer, stage, date)
                  </span>
                </span>
              </label>
            </fieldset>
            <p className="muted">
              A CSV (comma, semicolon or tab, in any common encoding) or XLSX export of your CRM, with a header row.
            </p>
            <div className="field">
              <label htmlFor={`${id}-path`}>File</label>
              <div className="path-field">
                <input
                  id={`${id}-path`}
                  className="mono"
                  value={path}
                  placeholder="/home/you/Downloads/accounts.csv"
                  onChange={(e) => setPath(e.target.value)}
                  data-testid="import-path"
                  autoFocus
                />
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    client.pickImportFile().then(
                      (picked) => picked && setPath(picked),
                      (e: unknown) => setError(describeError(e)),
                    )
                  }
                >
                  Browse…
                </button>
              </div>
            </div>
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button
                type="submit"
                className="button button-primary"
                disabled={busy !== null}
                data-testid="import-read"
              >
                Next
              </button>
            </div>
          </form>
        )}

        {stage.name === "history" && (
          <HistorySteps
            path={path.trim()}
            busy={busy !== null}
            step={step}
            onAt={(at) => setStage({ name: "history", at, done: at === 3 })}
            onBack={() => setStage({ name: "file" })}
            onClose={() => {
              if (!busy) onClose(stage.done);
            }}
          />
        )}

        {stage.name === "columns" && (
          <div className="wizard-body">
            <p className="muted" data-testid="import-detected">
              {describeFile(stage.preview)} · {plural(stage.preview.headers.length, "column")}
              {stage.preview.mappingSaved ? " · your saved column choices applied" : ""}
            </p>
            <EncodingPicker
              preview={stage.preview}
              disabled={busy !== null}
              onChoose={(name) => void readAs(stage.preview, name)}
            />
            {ambiguityNotes(stage.preview, mapping).map((note) => (
              <p key={note} className="muted" data-testid="import-ambiguity">
                {note} Choose another field for a column below if the guess is wrong.
              </p>
            ))}
            <div className="mapping-wrap">
              <table className="table table-compact mapping-table">
                <thead>
                  <tr>
                    {stage.preview.headers.map((h, i) => (
                      <th key={i} scope="col">
                        <span className="mapping-header">{h || `Column ${i + 1}`}</span>
                        <select
                          aria-label={`Field for column ${h || i + 1}`}
                          value={kpiColumns[i] !== undefined ? `kpi:${kpiColumns[i]}` : (mapping[i] ?? "")}
                          onChange={(e) => {
                            const value = e.target.value;
                            const kpi = value.startsWith("kpi:") ? value.slice(4) : null;
                            setKpiColumns((k) => {
                              const rest = Object.fromEntries(Object.entries(k).filter(([c]) => Number(c) !== i));
                              return kpi === null ? rest : { ...rest, [i]: kpi };
                            });
                            setMapping((m) =>
                              assign(m, i, value === "" || kpi !== null ? null : (value as ImportField)),
                            );
                          }}
                          data-testid="mapping-select"
                        >
                          <option value="">Not imported</option>
                          {stage.preview.fields.map((f) => (
                            <option key={f.field} value={f.field}>
                              {f.label}
                            </option>
                          ))}
                          {stage.preview.kpiNames.length > 0 && (
                            <optgroup label="KPI values">
                              {stage.preview.kpiNames.map((k) => (
                                <option key={k} value={`kpi:${k}`}>
                                  {k}
                                </option>
                              ))}
                            </optgroup>
                          )}
                        </select>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {stage.preview.sample.map((row, r) => (
                    <tr key={r}>
                      {stage.preview.headers.map((_, c) => (
                        <td key={c}>{row[c] ?? ""}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="wizard-options">
              <label className="inline-field">
                <span>Persona for rows without one</span>
                <select
                  value={defaultPersona ?? ""}
                  onChange={(e) => setDefaultPersona(e.target.value === "" ? null : Number(e.target.value))}
                >
                  <option value="">None (such rows are reported)</option>
                  {personas.map(({ persona }) => (
                    <option key={persona.id} value={persona.id}>
                      {persona.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="check-field">
                <input
                  type="checkbox"
                  checked={createMissing}
                  onChange={(e) => setCreateMissing(e.target.checked)}
                  data-testid="create-missing"
                />
                Create personas and steps the file names that do not exist yet (steps are added to the end of the map)
              </label>
              <label className="check-field">
                <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
                Remember these column choices for the next import
              </label>
            </div>
            {problem && (
              <p className="form-error" role="alert">
                {problem}
              </p>
            )}
            <div className="form-actions">
              <button
                type="button"
                className="button"
                onClick={() => setStage({ name: "file" })}
                disabled={busy !== null}
              >
                Back
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={busy !== null || problem !== null}
                onClick={() => void check(stage.preview)}
                data-testid="import-check"
              >
                Check rows
              </button>
            </div>
          </div>
        )}

        {stage.name === "report" && (
          <div className="wizard-body">
            <p className="report-summary" data-testid="import-summary">
              {reportSummary(stage.report)}
            </p>
            <ImportChanges report={stage.report} />
            {stage.report.notes.map((note) => (
              <p key={note} className="muted" data-testid="import-note">
                {note}
              </p>
            ))}
            {stage.report.missingPersonas.length > 0 && (
              <p className="muted">
                {createMissing ? "Will create personas: " : "Unknown personas: "}
                {stage.report.missingPersonas.join(", ")}
              </p>
            )}
            {stage.report.missingSteps.length > 0 && (
              <p className="muted">
                {createMissing ? "Will add steps: " : "Unknown steps: "}
                {stage.report.missingSteps.join(", ")}
              </p>
            )}
            <ProblemTable problems={stage.report.problems} count={stage.report.problemCount} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close} disabled={busy !== null}>
                Cancel import
              </button>
              <button
                type="button"
                className="button"
                onClick={() => setStage({ name: "columns", preview: stage.preview })}
                disabled={busy !== null}
              >
                Back to columns
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={busy !== null || stage.report.validRows === 0}
                onClick={() => void importRows(stage.preview)}
                data-testid="import-run"
              >
                {stage.report.rejectedRows > 0
                  ? `Import the ${plural(stage.report.validRows, "valid row")}`
                  : `Import ${plural(stage.report.validRows, "row")}`}
              </button>
            </div>
          </div>
        )}

        {stage.name === "done" && (
          <div className="wizard-body">
            <p className="notice-inline" role="status" data-testid="import-done">
              Imported: {resultSummary(stage.report)}.
            </p>
            <p className="muted">Undo (Ctrl+Z) takes the whole import back.</p>
            <div className="form-actions">
              <button type="button" className="button button-primary" onClick={close} data-testid="import-close">
                Close
              </button>
            </div>
          </div>
        )}

        {busy && (
          <div className="import-progress" role="status" data-testid="import-progress">
            <span>
              {busy.what}
              {busy.progress ? ` ${busy.progress.rowsDone.toLocaleString("en-US")} rows` : ""}
            </span>
            <progress max={1} value={busy.progress?.fraction ?? undefined} aria-label={busy.what} />
            {busy.what !== "Reading the file…" && (
              <button type="button" className="button button-small" onClick={() => void client.cancelImport()}>
                Cancel
              </button>
            )}
          </div>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="import-error">
            {error}
          </p>
        )}
      </div>
    </dialog>
  );
}
