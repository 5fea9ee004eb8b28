// A labelled select over a list of values, shared by the filter bars and the settings
// of the Customers and Segments views.

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
