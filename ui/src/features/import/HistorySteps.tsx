// The import wizard for a CRM's stage history: which column holds the customer, the
// new (and previous) stage and the date; which step each CRM stage stands for (checked
// again as soon as a choice changes); then the import into the placement history.
import { useEffect, useState } from "react";
import type { HistoryField, HistoryPreview, HistoryReport, StageChoice } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { plural } from "../../lib/format";
import { EncodingPicker, ProblemTable } from "./ImportParts";
import { describeFile, historySummary, stageHow } from "./importText";
import type { RunStep } from "./useImportStep";

type Sub =
  | { name: "loading" }
  | { name: "columns"; preview: HistoryPreview }
  | { name: "check"; preview: HistoryPreview; report: HistoryReport }
  | { name: "done"; report: HistoryReport };

interface Props {
  path: string;
  busy: boolean;
  step: RunStep;
  /** The wizard's step shown: 1 columns, 2 check, 3 done. */
  onAt: (at: number) => void;
  onBack: () => void;
  onClose: () => void;
}

export function HistorySteps({ path, busy, step, onAt, onBack, onClose }: Props) {
  const client = useClient();
  const [sub, setSub] = useState<Sub>({ name: "loading" });
  const [mapping, setMapping] = useState<(HistoryField | null)[]>([]);
  const [encoding, setEncoding] = useState<string | null>(null);
  const [stages, setStages] = useState<StageChoice[]>([]);
  /** The value of the "field changed" column whose rows are imported; null: stage fields. */
  const [field, setField] = useState<string | null>(null);
  const [remember, setRemember] = useState(true);

  const show = (preview: HistoryPreview) => {
    setMapping(preview.mapping);
    setSub({ name: "columns", preview });
    onAt(1);
  };

  useEffect(() => {
    let live = true;
    void step("Reading the file…", () => client.previewHistory(path)).then((preview) => {
      if (!live) return;
      if (preview) show(preview);
      else onBack();
    });
    return () => {
      live = false;
    };
    // Read once, when the wizard turns to the history.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const options = (choices: StageChoice[], only: string | null) => ({
    mapping,
    stages: choices,
    field: only,
    encoding,
  });

  /** Checks the file with these choices; they are kept only when the check succeeds. */
  async function check(preview: HistoryPreview, choices: StageChoice[], only: string | null) {
    const report = await step("Checking rows…", (onProgress) =>
      client.validateHistory(path, options(choices, only), onProgress),
    );
    if (report) {
      setStages(choices);
      setField(only);
      setSub({ name: "check", preview, report });
      onAt(2);
    }
  }

  async function readAs(previous: HistoryPreview, name: string) {
    const preview = await step("Reading the file…", () => client.previewHistory(path, name));
    if (preview) {
      setEncoding(name);
      const same = preview.file.headers.join("\u0000") === previous.file.headers.join("\u0000");
      if (same) setSub({ name: "columns", preview });
      else show(preview);
    }
  }

  function choose(preview: HistoryPreview, stage: string, step: string | null) {
    const choices = [...stages.filter((c) => c.stage !== stage), { stage, step }];
    void check(preview, choices, field);
  }

  async function importHistory() {
    const report = await step("Importing…", (onProgress) =>
      client.runHistory(path, options(stages, field), remember, onProgress),
    );
    if (report) {
      setSub({ name: "done", report });
      onAt(3);
    }
  }

  if (sub.name === "loading") return null;

  if (sub.name === "columns") {
    const { preview } = sub;
    return (
      <div className="wizard-body">
        <p className="muted" data-testid="import-detected">
          {describeFile(preview.file)} · {plural(preview.file.headers.length, "column")}
        </p>
        <EncodingPicker preview={preview.file} disabled={busy} onChoose={(name) => void readAs(preview, name)} />
        <div className="mapping-wrap">
          <table className="table table-compact mapping-table">
            <thead>
              <tr>
                {preview.file.headers.map((h, i) => (
                  <th key={i} scope="col">
                    <span className="mapping-header">{h || `Column ${i + 1}`}</span>
                    <select
                      aria-label={`Field for column ${h || i + 1}`}
                      value={mapping[i] ?? ""}
                      onChange={(e) => {
                        const field = e.target.value === "" ? null : (e.target.value as HistoryField);
                        setMapping((m) =>
                          m.map((f, c) => (c === i ? field : field !== null && f === field ? null : f)),
                        );
                      }}
                      data-testid="history-mapping-select"
                    >
                      <option value="">Not used</option>
                      {preview.fields.map((f) => (
                        <option key={f.field} value={f.field}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.file.sample.map((row, r) => (
                <tr key={r}>
                  {preview.file.headers.map((_, c) => (
                    <td key={c}>{row[c] ?? ""}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">
          Each row is one change of a customer&apos;s stage, with its date. Customers are found by external id (or by
          name); import them as customers first.
        </p>
        <div className="form-actions">
          <button type="button" className="button" onClick={onBack} disabled={busy}>
            Back
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void check(preview, stages, field)}
            data-testid="import-check"
          >
            Check rows
          </button>
        </div>
      </div>
    );
  }

  if (sub.name === "check") {
    const { preview, report } = sub;
    return (
      <div className="wizard-body">
        <p className="report-summary" data-testid="import-summary">
          {historySummary(report)}
        </p>
        {report.fields.length > 0 && (
          <label className="inline-field">
            <span>Import the changes of the field</span>
            <select
              value={field ?? report.fields.find((f) => f.imported)?.field ?? ""}
              disabled={busy}
              onChange={(e) => void check(preview, stages, e.target.value)}
              data-testid="history-field"
            >
              {!report.fields.some((f) => f.imported) && <option value="">None of them</option>}
              {report.fields.map((f) => (
                <option key={f.field} value={f.field}>
                  {f.field} ({plural(f.rows, "row")})
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="mapping-wrap">
          <table className="table table-compact" data-testid="history-stages">
            <caption className="visually-hidden">The step each stage of the file stands for</caption>
            <thead>
              <tr>
                <th scope="col">Stage in the file</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col">Step</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {report.stages.map((s) => (
                <tr key={s.stage}>
                  <th scope="row">{s.stage}</th>
                  <td className="num">{s.rows.toLocaleString("en-US")}</td>
                  <td>
                    <select
                      aria-label={`Step for the stage ${s.stage}`}
                      value={s.step ?? ""}
                      disabled={busy}
                      onChange={(e) => choose(preview, s.stage, e.target.value === "" ? null : e.target.value)}
                      data-testid="history-stage-select"
                    >
                      <option value="">Leave out</option>
                      {preview.stepTitles.map((t) => (
                        <option key={t} value={t}>
                          {t}
                        </option>
                      ))}
                      {s.step !== null && !preview.stepTitles.includes(s.step) && (
                        <option value={s.step}>{s.step}</option>
                      )}
                    </select>
                  </td>
                  <td className="muted">{stageHow(s.matched)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {report.notes.map((note) => (
          <p key={note} className="muted" data-testid="import-note">
            {note}
          </p>
        ))}
        {report.correctedEntries > 0 && (
          <p className="muted" data-testid="history-corrected">
            {plural(report.correctedEntries, "stored entry", "stored entries")} will be corrected: the step a change
            came from, or a customer import&apos;s first placement, now dated by this history.
          </p>
        )}
        <ProblemTable problems={report.problems} count={report.problemCount} />
        <label className="check-field">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Remember these stage choices for the next history file
        </label>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel import
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setSub({ name: "columns", preview });
              onAt(1);
            }}
            disabled={busy}
          >
            Back to columns
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || report.newEntries === 0}
            onClick={() => void importHistory()}
            data-testid="import-run"
          >
            {`Import ${plural(report.newEntries, "step change")}`}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="wizard-body">
      <p className="notice-inline" role="status" data-testid="import-done">
        Imported: {plural(sub.report.newEntries, "step change")} in the history of{" "}
        {plural(sub.report.customers, "customer")}.
      </p>
      <p className="muted">Undo (Ctrl+Z) takes the whole import back.</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onClose} data-testid="import-close">
          Close
        </button>
      </div>
    </div>
  );
}
