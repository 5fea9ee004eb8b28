// Filter controls shared by the Customers and Segments views, and the sort toggle of
// the customer list's column headers.
import type { CustomerSort, HealthBand, PersonaSummary, Step } from "../../ipc/client";

export const BANDS: { value: HealthBand; label: string }[] = [
  { value: "at_risk", label: "At risk (0–39)" },
  { value: "watch", label: "Watch (40–69)" },
  { value: "healthy", label: "Healthy (70–100)" },
  { value: "unknown", label: "No health score" },
];

export const bandLabel = (band: HealthBand) => BANDS.find((b) => b.value === band)?.label ?? band;

/** A labelled select over a list of values; with `all`, a first option meaning "no
 * choice" (null). Values may be strings or numbers: the option chosen is looked up. */
export function ChoiceSelect<T extends string | number>({
  label,
  value,
  options,
  onChange,
  all,
  testId,
}: {
  label: string;
  value: T | null;
  options: { value: T; label: string }[];
  onChange: (value: T | null) => void;
  all?: string;
  testId?: string;
}) {
  return (
    <label className="inline-field">
      <span>{label}</span>
      <select
        value={value === null ? "" : String(value)}
        onChange={(e) => onChange(options.find((o) => String(o.value) === e.target.value)?.value ?? null)}
        data-testid={testId}
      >
        {all !== undefined && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The personas as select options. */
export const personaOptions = (personas: PersonaSummary[]) =>
  personas.map(({ persona }) => ({ value: persona.id, label: persona.name }));

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

/** A column header pressed: the same column flips its direction; a new one starts with the
 * largest first for figures (ARR, health) and A–Z for the rest. */
export function nextSort(
  current: { sort: CustomerSort; descending: boolean },
  key: CustomerSort,
): { sort: CustomerSort; descending: boolean } {
  return {
    sort: key,
    descending: current.sort === key ? !current.descending : key === "arr" || key === "health",
  };
}
