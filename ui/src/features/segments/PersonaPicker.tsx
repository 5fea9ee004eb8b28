// The persona a one-persona tab (progression, suggested steps) shows when the filters
// name none.
import type { PersonaId, PersonaSummary } from "../../ipc/client";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { personaOptions } from "../../lib/customerFilters";

export function PersonaPicker({
  personas,
  value,
  onChange,
  testId,
}: {
  personas: PersonaSummary[];
  value: PersonaId | null;
  onChange: (persona: PersonaId) => void;
  testId: string;
}) {
  return (
    <ChoiceSelect
      label="Persona"
      value={value}
      options={personaOptions(personas)}
      onChange={(p) => p !== null && onChange(p)}
      testId={testId}
    />
  );
}
