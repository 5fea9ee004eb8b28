// Parts both import wizards use: the encoding choice of a CSV file with its warning,
// and the table of problems by line.
import type { ImportPreview, ImportProblem } from "../../ipc/client";
import { plural } from "../../lib/format";

/** The text encoding of a CSV file, to choose another; says when the guess is weak. */
export function EncodingPicker({
  preview,
  disabled,
  onChoose,
}: {
  preview: ImportPreview;
  disabled: boolean;
  onChoose: (name: string) => void;
}) {
  if (preview.format !== "csv") return null;
  return (
    <div className="wizard-encoding">
      <label className="inline-field">
        <span>Text encoding</span>
        <select
          value={preview.encodingName}
          disabled={disabled}
          onChange={(e) => onChoose(e.target.value)}
          data-testid="import-encoding"
        >
          {!preview.encodings.some((e) => e.name === preview.encodingName) && (
            <option value={preview.encodingName}>{preview.encoding}</option>
          )}
          {preview.encodings.map((e) => (
            <option key={e.name} value={e.name}>
              {e.label}
            </option>
          ))}
        </select>
      </label>
      {preview.encodingDoubt !== null && !preview.encodingChosen && (
        <p className="notice-inline notice-warning" role="status" data-testid="import-encoding-unsure">
          {preview.encodingDoubt}
        </p>
      )}
    </div>
  );
}

/** The problems of a check, by line, and how many more there are. */
export function ProblemTable({ problems, count }: { problems: ImportProblem[]; count: number }) {
  if (problems.length === 0) return null;
  return (
    <div className="problem-list" role="region" aria-label="Problems" tabIndex={0}>
      <table className="table table-compact" data-testid="import-problems">
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td className="num">{p.line}</td>
              <td>{p.column ?? "—"}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {count > problems.length && <p className="muted">… and {plural(count - problems.length, "more problem")}.</p>}
    </div>
  );
}
