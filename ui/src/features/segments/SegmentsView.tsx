// The Segments view: filters over every view, saved segments, one tab per way of
// looking at the customers (matrix, flows, success vs satisfaction, progression,
// suggested steps), and below them the segment chosen in a tab: its customers, sortable,
// movable together, exportable to CSV.
import { Suspense, useState } from "react";
import type {
  CustomerId,
  CustomerQuery,
  CustomerSort,
  KpiLevel,
  PersonaId,
  PersonaSummary,
  SavedSegmentInput,
  SegmentId,
  SegmentSummary,
} from "../../ipc/client";
import { PROGRESSION_PERIOD_DAYS, STALLED_DAYS } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { ExportDialog } from "../../components/ExportDialog";
import { HealthFilter, OwnerFilter } from "../../components/filters";
import { nextSort, personaOptions } from "../../lib/customerFilters";
import { inFlight, useLoad } from "../../lib/useLoad";
import { EvidenceTab } from "./EvidenceTab";
import { FlowsTab } from "./FlowsTab";
import type { Measure } from "./matrix";
import { MatrixTab } from "./MatrixTab";
import { lastDays, ProgressionTab } from "./ProgressionTab";
import { quadrantName } from "./satisfaction";
import { SatisfactionTab, type Axes } from "./SatisfactionTab";
import { SaveSegmentDialog } from "./SaveSegmentDialog";
import { describeSegment, SavedSegments } from "./SavedSegments";
import { ArrRangeFilter, NpsFilter, RenewalFilter, StalledFilter } from "./SegmentFilters";
import { filterChips, NO_FILTER, segmentQuery } from "./segmentFilter";
import { SegmentPanel } from "./SegmentPanel";
import { TABS, type Tab } from "./TabPanel";
import { useSegmentSelection } from "./useSegmentSelection";

interface Props {
  personas: PersonaSummary[];
  revision: number;
  onOpenCustomer: (id: CustomerId) => void;
  /** Called after an edit (a segment saved, renamed or deleted). */
  onChanged: () => void;
  onError: (error: unknown) => void;
  /** Presents a persona's map to a room (the persona the view shows). */
  onPresent: (persona: PersonaId) => void;
}

interface Exporting {
  query: CustomerQuery;
  count: number;
  subject: string;
}

interface Saving {
  input: SavedSegmentInput;
  description: string;
  renaming?: SegmentId;
}

export function SegmentsView({ personas, revision, onOpenCustomer, onChanged, onError, onPresent }: Props) {
  const client = useClient();
  const segment = useSegmentSelection();
  const { filter, selection } = segment;
  const [measure, setMeasure] = useState<Measure>("customers");
  const [tab, setTab] = useState<Tab>("matrix");
  // The tabs' settings stay as they were when the user comes back to a tab.
  const [axes, setAxes] = useState<Axes>({ basis: "map", measure: "nps" });
  const [period, setPeriod] = useState(() => lastDays(PROGRESSION_PERIOD_DAYS));
  const [stalledDays, setStalledDays] = useState<number>(STALLED_DAYS);
  const [level, setLevel] = useState<KpiLevel>("good");
  const [pickedPersona, setPickedPersona] = useState<PersonaId | null>(null);
  const shownPersona = filter.personaId ?? pickedPersona ?? personas[0]?.persona.id ?? null;
  const [sort, setSort] = useState<{ sort: CustomerSort; descending: boolean }>({ sort: "arr", descending: true });
  const [exporting, setExporting] = useState<Exporting | null>(null);
  const [saving, setSaving] = useState<Saving | null>(null);
  const owners = useLoad(() => client.customerOwners(), [client, revision]);
  const saved = useLoad(() => client.listSegments(), [client, revision]);

  const personaName = (id: PersonaId) => personas.find((p) => p.persona.id === id)?.persona.name ?? "Persona";
  const chips = filterChips(filter, personaName);

  function startSaving() {
    const segmentFilter = selection ? { ...filter, personaId: selection.personaId ?? filter.personaId } : filter;
    const what = filterChips(segmentFilter, personaName)
      .filter((c) => !(selection && c.key === "persona"))
      .map((c) => c.label);
    if (selection) what.unshift(selection.label);
    setSaving({
      input: {
        name: "",
        filter: segmentFilter,
        cell: selection?.cell ?? null,
        quadrant: selection?.quadrant ?? null,
      },
      description:
        what.length === 0
          ? "Every customer of every persona. Its size is counted again each time you look."
          : `${what.join(" · ")}. Its size is counted again each time you look.`,
    });
  }

  function open(s: SegmentSummary) {
    const segmentFilter = { ...NO_FILTER, ...s.segment.filter };
    const persona = s.segment.filter.personaId;
    const { cell, quadrant } = s.segment;
    const count = s.customers;
    if (quadrant !== null) {
      setAxes({ basis: quadrant.basis, measure: quadrant.measure });
      setTab("satisfaction");
      const label = s.quadrantLabel ?? quadrantName(quadrant.quadrant);
      segment.show(segmentFilter, { personaId: null, cell: null, quadrant, label, count });
    } else if (cell !== null && persona !== null) {
      if (tab === "satisfaction") setTab("matrix");
      const label = `${s.personaName}: ${s.cellLabel ?? ""}`;
      segment.show(segmentFilter, { personaId: persona, cell, quadrant: null, label, count });
    } else {
      segment.show(segmentFilter, null);
    }
  }

  function showStalled(persona: PersonaId, count: number) {
    segment.show(
      { personaId: persona, stalledDays },
      {
        personaId: persona,
        cell: null,
        quadrant: null,
        label: `${personaName(persona)}: on their step over ${stalledDays} days`,
        count,
      },
    );
  }

  /** A quadrant chosen under other axes would no longer match the chart: let it go. */
  function changeAxes(next: Axes) {
    setAxes(next);
    segment.axesChanged();
  }

  function remove(s: SegmentSummary) {
    client.deleteSegment(s.segment.id).then(onChanged, onError);
  }

  return (
    <section className="view view-segments" aria-labelledby="segments-title" aria-busy={inFlight(owners, saved)}>
      <header className="view-header">
        <div>
          <h1 id="segments-title">Segments</h1>
          <p className="view-subtitle">
            Who stands where on each map, and where they aim: rows are the current step, columns the target step.
          </p>
        </div>
        <div className="view-tools">
          {shownPersona !== null && (
            <button
              type="button"
              className="button"
              onClick={() => onPresent(shownPersona)}
              title="Present this persona's map to a room (F5)"
              data-testid="present-segments"
            >
              Present
            </button>
          )}
          <button type="button" className="button" onClick={startSaving} data-testid="save-segment">
            Save segment…
          </button>
          <div className="segmented" role="group" aria-label="Shade cells by">
            {(["customers", "arr"] as const).map((m) => (
              <button
                key={m}
                type="button"
                className="segmented-button"
                aria-pressed={measure === m}
                onClick={() => setMeasure(m)}
                data-testid={`shade-${m}`}
              >
                {m === "customers" ? "Customers" : "ARR"}
              </button>
            ))}
          </div>
        </div>
      </header>

      <div className="filter-bar" role="search" aria-label="Segment filters">
        <ChoiceSelect
          label="Persona"
          value={filter.personaId}
          options={personaOptions(personas)}
          all="All"
          onChange={(personaId) => segment.change({ personaId })}
          testId="segment-persona"
        />
        <OwnerFilter owners={owners.data ?? []} value={filter.owner} onChange={(owner) => segment.change({ owner })} />
        <ArrRangeFilter
          min={filter.minArrCents}
          max={filter.maxArrCents}
          onChange={(minArrCents, maxArrCents) => segment.change({ minArrCents, maxArrCents })}
        />
        <HealthFilter value={filter.healthBand} onChange={(healthBand) => segment.change({ healthBand })} />
        <NpsFilter value={filter.npsBand} onChange={(npsBand) => segment.change({ npsBand })} />
        <RenewalFilter
          value={filter.renewalWithinDays}
          onChange={(renewalWithinDays) => segment.change({ renewalWithinDays })}
        />
        <StalledFilter value={filter.stalledDays} onChange={(stalledDays) => segment.change({ stalledDays })} />
      </div>
      {chips.length > 0 && (
        <div className="active-filters" aria-label="Active filters">
          {chips.map((f) => (
            <button
              key={f.key}
              type="button"
              className="filter-chip"
              onClick={() => segment.removeFilter(f)}
              aria-label={`Remove filter ${f.label}`}
            >
              {f.label} ×
            </button>
          ))}
          {chips.length > 1 && (
            <button type="button" className="button button-quiet" onClick={segment.clearFilters}>
              Clear all
            </button>
          )}
        </div>
      )}

      <section className="saved-section" aria-labelledby="saved-title">
        <h2 id="saved-title" className="section-title">
          Saved segments
        </h2>
        <SavedSegments
          segments={saved.data ?? []}
          personaName={personaName}
          onOpen={open}
          onExport={(s) =>
            setExporting({
              query: segmentQuery(s.segment.filter, s.segment.cell, sort, s.segment.quadrant),
              count: s.customers,
              subject: s.segment.name,
            })
          }
          onRename={(s) =>
            setSaving({
              input: {
                name: s.segment.name,
                filter: s.segment.filter,
                cell: s.segment.cell,
                quadrant: s.segment.quadrant,
              },
              description: describeSegment(s, personaName),
              renaming: s.segment.id,
            })
          }
          onDelete={remove}
        />
      </section>

      {personas.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing to segment yet</h2>
          <p>
            Segments group customers by where they stand on a persona's map. Create a persona and bring in customers
            first.
          </p>
        </div>
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label="Segment views">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                className="tab"
                onClick={() => setTab(t.id)}
                data-testid={`tab-${t.id}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          <Suspense fallback={<p className="muted">Loading the chart…</p>}>
            {tab === "matrix" && (
              <MatrixTab
                filter={filter}
                revision={revision}
                measure={measure}
                selected={selection}
                onSelect={segment.select}
              />
            )}
            {tab === "flows" && (
              <FlowsTab filter={filter} revision={revision} measure={measure} onSelect={segment.select} />
            )}
            {tab === "satisfaction" && (
              <SatisfactionTab
                filter={filter}
                revision={revision}
                axes={axes}
                onAxes={changeAxes}
                selected={selection?.quadrant?.quadrant ?? null}
                onSelect={segment.select}
              />
            )}
            {tab === "progression" && (
              <ProgressionTab
                filter={filter}
                revision={revision}
                personas={personas}
                persona={shownPersona}
                onPersona={setPickedPersona}
                period={period}
                onPeriod={setPeriod}
                stalledDays={stalledDays}
                onStalledDays={setStalledDays}
                onShowStalled={showStalled}
              />
            )}
            {tab === "evidence" && (
              <EvidenceTab
                revision={revision}
                personas={personas}
                filtered={filter.personaId !== null}
                persona={shownPersona}
                onPersona={setPickedPersona}
                level={level}
                onLevel={setLevel}
                onChanged={onChanged}
                onError={onError}
              />
            )}
          </Suspense>
        </>
      )}

      {selection && (
        <SegmentPanel
          key={segment.selectionKey}
          selection={selection}
          filter={filter}
          sort={sort}
          onSort={(key) => setSort((s) => nextSort(s, key))}
          revision={revision}
          picked={segment.picked}
          onToggle={segment.toggle}
          onClearPicked={segment.clearPicked}
          onPlace={(ids, placement) =>
            client.placeCustomers(ids, placement, "bulk").then(() => {
              segment.clearPicked();
              onChanged();
            }, onError)
          }
          onOpenCustomer={onOpenCustomer}
          onExport={(query, count) => setExporting({ query, count, subject: selection.label })}
          onClose={() => segment.select(null)}
        />
      )}
      {exporting && (
        <ExportDialog
          query={exporting.query}
          count={exporting.count}
          filtered
          subject={exporting.subject}
          onClose={() => setExporting(null)}
        />
      )}
      {saving && (
        <SaveSegmentDialog
          input={saving.input}
          description={saving.description}
          renaming={saving.renaming}
          onClose={() => setSaving(null)}
          onSaved={() => {
            setSaving(null);
            onChanged();
          }}
        />
      )}
    </section>
  );
}
