// Choices shared by the export dialogs: the file format as a row of toggle buttons with
// a line on what it is for, and the paper a PDF is laid out on.
import type { Paper } from "../ipc/client";

export interface FormatOption<T extends string> {
  value: T;
  label: string;
  hint: string;
}

export function FormatChoice<T extends string>({
  id,
  testId,
  formats,
  value,
  onChange,
}: {
  id: string;
  /** Each button's test id is `${testId}-${value}`. */
  testId: string;
  formats: FormatOption<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="field">
      <span className="field-label" id={`${id}-format`}>
        Format
      </span>
      <div className="segmented" role="group" aria-labelledby={`${id}-format`}>
        {formats.map((f) => (
          <button
            key={f.value}
            type="button"
            className="segmented-button"
            aria-pressed={value === f.value}
            onClick={() => onChange(f.value)}
            data-testid={`${testId}-${f.value}`}
          >
            {f.label}
          </button>
        ))}
      </div>
      <p className="field-hint">{formats.find((f) => f.value === value)?.hint}</p>
    </div>
  );
}

export function PaperSelect({
  id,
  testId,
  value,
  onChange,
}: {
  id: string;
  testId: string;
  value: Paper;
  onChange: (paper: Paper) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={`${id}-paper`}>Paper</label>
      <select id={`${id}-paper`} value={value} onChange={(e) => onChange(e.target.value as Paper)} data-testid={testId}>
        <option value="a4">A4, landscape</option>
        <option value="letter">US Letter, landscape</option>
      </select>
    </div>
  );
}
