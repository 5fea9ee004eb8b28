// Controls for the segment filters that take typed values (ARR range, renewal window)
// or the NPS band. Typed values apply after a short pause; a value that cannot be read
// is marked and explained, and the last good filter stays in force.
import { useEffect, useId, useRef, useState } from "react";
import type { NpsBand } from "../../ipc/client";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { NPS_BANDS, parseDays, parseMoney } from "./segmentFilter";

const PAUSE_MS = 300;

/** A text field bound to a filter value: shows the value, reports parsed edits after a pause. */
function useTypedValue<T>(
  value: T | null,
  show: (v: T) => string,
  parse: (text: string) => { value: T | null; error?: string },
  onChange: (v: T | null) => void,
) {
  const [text, setText] = useState(value === null ? "" : show(value));
  // Cleared or set from outside (a chip, a saved segment): show the new value, unless the
  // text already reads as it.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    const typed = parse(text);
    if (typed.error !== undefined || typed.value !== value) setText(value === null ? "" : show(value));
  }
  const { value: parsed, error } = parse(text);
  const report = useRef(onChange);
  useEffect(() => {
    report.current = onChange;
  });
  useEffect(() => {
    if (error !== undefined || parsed === value) return;
    const t = setTimeout(() => report.current(parsed), PAUSE_MS);
    return () => clearTimeout(t);
  }, [parsed, error, value]);
  return { text, setText, error };
}

const money = (text: string) => {
  const p = parseMoney(text);
  return { value: p.cents, error: p.error };
};
const days = (text: string) => {
  const p = parseDays(text);
  return { value: p.days, error: p.error };
};
const showMoney = (cents: number) => String(cents / 100);

export function ArrRangeFilter({
  min,
  max,
  onChange,
}: {
  min: number | null;
  max: number | null;
  onChange: (min: number | null, max: number | null) => void;
}) {
  const id = useId();
  const lo = useTypedValue(min, showMoney, money, (v) => onChange(v, max));
  const hi = useTypedValue(max, showMoney, money, (v) => onChange(min, v));
  const reversed = min !== null && max !== null && min > max;
  const error = lo.error ?? hi.error ?? (reversed ? "The lower bound is above the upper one" : undefined);
  return (
    <div className="inline-field range-field" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`}>ARR</span>
      <input
        className="short-input"
        inputMode="decimal"
        placeholder="from"
        aria-label="ARR from"
        aria-invalid={lo.error !== undefined || reversed}
        aria-describedby={error ? `${id}-error` : undefined}
        value={lo.text}
        onChange={(e) => lo.setText(e.target.value)}
        data-testid="filter-arr-min"
      />
      <span aria-hidden="true">–</span>
      <input
        className="short-input"
        inputMode="decimal"
        placeholder="to"
        aria-label="ARR up to"
        aria-invalid={hi.error !== undefined || reversed}
        aria-describedby={error ? `${id}-error` : undefined}
        value={hi.text}
        onChange={(e) => hi.setText(e.target.value)}
        data-testid="filter-arr-max"
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** A number of days (1–3650) typed after a label: "Renews within [90] days". */
function DaysFilter({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: number | null;
  onChange: (days: number | null) => void;
  testId: string;
}) {
  const id = useId();
  const d = useTypedValue(value, String, days, onChange);
  return (
    <div className="inline-field range-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="short-input"
        inputMode="numeric"
        placeholder="any"
        aria-invalid={d.error !== undefined}
        aria-describedby={d.error ? `${id}-error` : undefined}
        value={d.text}
        onChange={(e) => d.setText(e.target.value)}
        data-testid={testId}
      />
      <span aria-hidden="true">days</span>
      {d.error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {d.error}
        </span>
      )}
    </div>
  );
}

export function RenewalFilter({ value, onChange }: { value: number | null; onChange: (days: number | null) => void }) {
  return <DaysFilter label="Renews within" value={value} onChange={onChange} testId="filter-renewal" />;
}

/** Customers on their current step for more than N days. */
export function StalledFilter({ value, onChange }: { value: number | null; onChange: (days: number | null) => void }) {
  return <DaysFilter label="On their step over" value={value} onChange={onChange} testId="filter-stalled" />;
}

export function NpsFilter({ value, onChange }: { value: NpsBand | null; onChange: (band: NpsBand | null) => void }) {
  return (
    <ChoiceSelect label="NPS" value={value} options={NPS_BANDS} onChange={onChange} all="All" testId="filter-nps" />
  );
}
