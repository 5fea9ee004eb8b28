// Progression along one persona's map in a chosen period; its stalled customers open
// as a segment.
import type { PersonaId, PersonaSummary, SegmentFilter } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { inFlight, useLoad } from "../../lib/useLoad";
import { PersonaPicker } from "./PersonaPicker";
import { ProgressionTable } from "./ProgressionTable";
import { TabPanel } from "./TabPanel";

const STALLED_AFTER = [14, 30, 60, 90, 180, 365].map((d) => ({ value: d, label: `${d} days` }));

export interface Period {
  from: string;
  to: string;
}

/** The last `days` days up to today, as ISO dates. */
export function lastDays(days: number): Period {
  const iso = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { from: iso(from), to: iso(to) };
}

interface Props {
  filter: SegmentFilter;
  revision: number;
  personas: PersonaSummary[];
  /** The persona shown: the filters', else the one picked here. */
  persona: PersonaId | null;
  onPersona: (persona: PersonaId) => void;
  period: Period;
  onPeriod: (period: Period) => void;
  stalledDays: number;
  onStalledDays: (days: number) => void;
  /** Opens the customers stalled now (this many) as a segment. */
  onShowStalled: (persona: PersonaId, count: number) => void;
}

export function ProgressionTab(props: Props) {
  const { filter, revision, personas, persona, onPersona, period, onPeriod, stalledDays, onStalledDays } = props;
  const client = useClient();
  const progression = useLoad(
    () =>
      persona !== null && period.from <= period.to
        ? client.segmentProgression(filter, persona, period.from, period.to, stalledDays)
        : Promise.resolve(null),
    [client, revision, filter, persona, period, stalledDays],
  );
  return (
    <TabPanel tab="progression" busy={inFlight(progression)}>
      <div className="filter-bar" role="group" aria-label="Progression settings">
        {filter.personaId === null && (
          <PersonaPicker personas={personas} value={persona} onChange={onPersona} testId="progression-persona" />
        )}
        <label className="inline-field">
          <span>Moves from</span>
          <input
            type="date"
            className="date-input"
            value={period.from}
            max={period.to}
            onChange={(e) => e.target.value && onPeriod({ ...period, from: e.target.value })}
            data-testid="period-from"
          />
        </label>
        <label className="inline-field">
          <span>to</span>
          <input
            type="date"
            className="date-input"
            value={period.to}
            min={period.from}
            onChange={(e) => e.target.value && onPeriod({ ...period, to: e.target.value })}
            data-testid="period-to"
          />
        </label>
        <ChoiceSelect
          label="Stalled after"
          value={stalledDays}
          options={STALLED_AFTER}
          onChange={(d) => d && onStalledDays(d)}
          testId="stalled-days"
        />
      </div>
      {period.from > period.to && (
        <p className="field-error" role="alert">
          The period ends before it begins.
        </p>
      )}
      {progression.data && (
        <ProgressionTable
          view={progression.data}
          onShowStalled={() => persona !== null && props.onShowStalled(persona, progression.data?.stalled ?? 0)}
        />
      )}
    </TabPanel>
  );
}
