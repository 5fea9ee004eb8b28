// Suggested steps for one persona at a chosen level, and the action that accepts them.
import type { KpiLevel, PersonaId, PersonaSummary } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { inFlight, useLoad } from "../../lib/useLoad";
import { EvidencePanel, LEVELS } from "./EvidencePanel";
import { PersonaPicker } from "./PersonaPicker";
import { TabPanel } from "./TabPanel";

interface Props {
  revision: number;
  personas: PersonaSummary[];
  /** Whether the filters name a persona (then no picker is shown). */
  filtered: boolean;
  /** The persona shown: the filters', else the one picked here. */
  persona: PersonaId | null;
  onPersona: (persona: PersonaId) => void;
  level: KpiLevel;
  onLevel: (level: KpiLevel) => void;
  /** Called after the suggestions were accepted. */
  onChanged: () => void;
  onError: (error: unknown) => void;
}

export function EvidenceTab(props: Props) {
  const { revision, personas, filtered, persona, onPersona, level, onLevel, onChanged, onError } = props;
  const client = useClient();
  const evidence = useLoad(
    () => (persona !== null ? client.placementSuggestions(persona, level) : Promise.resolve(null)),
    [client, revision, persona, level],
  );
  return (
    <TabPanel tab="evidence" busy={inFlight(evidence)}>
      <div className="filter-bar" role="group" aria-label="Suggested steps settings">
        {!filtered && (
          <PersonaPicker personas={personas} value={persona} onChange={onPersona} testId="evidence-persona" />
        )}
        <ChoiceSelect
          label="Reached at"
          value={level}
          options={LEVELS}
          onChange={(l) => l && onLevel(l)}
          testId="evidence-level"
        />
      </div>
      {evidence.data && (
        <EvidencePanel
          view={evidence.data}
          onAccept={() =>
            persona === null ? Promise.resolve() : client.acceptSuggestions(persona, level).then(onChanged, onError)
          }
        />
      )}
    </TabPanel>
  );
}
