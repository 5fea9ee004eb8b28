// Filter controls shared by the Customers and Segments views, and the step options of
// every step picker.
import type { HealthBand, Step } from "../ipc/client";
import { BANDS } from "../lib/customerFilters";
import { ChoiceSelect } from "./ChoiceSelect";

/** Owner: all (null), none (""), or one owner. */
export function OwnerFilter({
  owners,
  value,
  onChange,
}: {
  owners: string[];
  value: string | null;
  onChange: (owner: string | null) => void;
}) {
  return (
    <label className="inline-field">
      <span>Owner</span>
      <select
        value={value === null ? "*" : value}
        onChange={(e) => onChange(e.target.value === "*" ? null : e.target.value)}
      >
        <option value="*">All</option>
        <option value="">No owner</option>
        {owners.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function HealthFilter({
  value,
  onChange,
  testId,
}: {
  value: HealthBand | null;
  onChange: (band: HealthBand | null) => void;
  testId?: string;
}) {
  return <ChoiceSelect label="Health" value={value} options={BANDS} onChange={onChange} all="All" testId={testId} />;
}

/** One option per step of a map, numbered as on the map. */
export function StepOptions({ steps }: { steps: Step[] }) {
  return (
    <>
      {steps.map((s) => (
        <option key={s.id} value={s.id}>
          {s.position + 1}. {s.title}
        </option>
      ))}
    </>
  );
}
