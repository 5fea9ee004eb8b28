import { Fragment } from "react";
import type { AttachedVehicle, MapView as MapData, MoveView, PersonaSummary, StepView } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { formatArr, formatLevel, isInlineUnit, plural } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { Icon } from "../frame/Icons";
import { kindLabel, moveCoverage, onlySatisfactionKpis } from "./coverage";

interface Props {
  persona: PersonaSummary | null;
  onShowPersonas: () => void;
}

export function MapView({ persona, onShowPersonas }: Props) {
  if (persona === null) {
    return (
      <section className="view">
        <div className="empty-state">
          <h2>No persona selected</h2>
          <p>A success map belongs to a persona. Create one or pick one in the sidebar.</p>
          <div className="empty-actions">
            <button type="button" className="button button-primary" onClick={onShowPersonas}>
              Go to personas
            </button>
          </div>
        </div>
      </section>
    );
  }
  return <LoadedMap key={persona.persona.id} persona={persona} />;
}

function LoadedMap({ persona }: { persona: PersonaSummary }) {
  const client = useClient();
  const map = useLoad(() => client.getMap(persona.persona.id), [persona.persona.id, client]);

  return (
    <section className="view view-map" aria-labelledby="map-title">
      <header className="view-header">
        <div>
          <h1 id="map-title">
            <span className="swatch swatch-lg" style={{ background: persona.persona.color }} aria-hidden="true" />{" "}
            {persona.persona.name}
          </h1>
          {persona.persona.successDefinition && <p className="view-subtitle">{persona.persona.successDefinition}</p>}
        </div>
        {map.data && <MapSummary map={map.data} />}
      </header>
      {map.state === "failed" && (
        <div className="notice notice-error" role="alert">
          <Icon name="alert" />
          <p>The map could not be loaded: {map.error instanceof Error ? map.error.message : String(map.error)}</p>
        </div>
      )}
      {map.data && map.data.steps.some((s) => s.kpis.length > 0) && (
        <p className="level-legend" aria-hidden="true">
          KPI levels: <span>entry</span>
          <span>good</span>
          <span>best in class</span>
        </p>
      )}
      {map.data && <MapBoard map={map.data} />}
    </section>
  );
}

const LEVEL_NAMES = ["Entry level", "Good", "Best in class"];

function MapSummary({ map }: { map: MapData }) {
  const { covered, total } = moveCoverage(map);
  return (
    <dl className="map-summary" data-testid="map-summary">
      <div>
        <dt>Steps</dt>
        <dd>{map.steps.length}</dd>
      </div>
      <div>
        <dt>Moves covered</dt>
        <dd data-testid="moves-covered">
          {covered} of {total}
        </dd>
      </div>
      {map.unplacedCount > 0 && (
        <div>
          <dt>Not placed</dt>
          <dd>{map.unplacedCount}</dd>
        </div>
      )}
    </dl>
  );
}

function MapBoard({ map }: { map: MapData }) {
  if (map.steps.length === 0) {
    return (
      <div className="empty-state">
        <h2>This map has no steps yet</h2>
        <p>
          Steps are the usual milestones on the way to success, left to right: for example first project delivered,
          team onboarded, workflow adopted.
        </p>
      </div>
    );
  }
  return (
    <div className="map-board" role="list" aria-label={`Steps of ${map.personaName}`} data-testid="map-board">
      {map.steps.map((step, index) => (
        <Fragment key={step.step.id}>
          {index > 0 && <MoveColumn move={map.moves[index - 1]} />}
          <StepColumn step={step} index={index} />
        </Fragment>
      ))}
    </div>
  );
}

function StepColumn({ step, index }: { step: StepView; index: number }) {
  const warn = onlySatisfactionKpis(step);
  return (
    <div className="step-column" role="listitem" data-testid="step-column">
      <article className="step-card" aria-labelledby={`step-${step.step.id}`}>
        <p className="step-index">Step {index + 1}</p>
        <h2 className="step-title" id={`step-${step.step.id}`}>
          {step.step.title}
        </h2>
        {step.step.outcome && <p className="step-outcome">{step.step.outcome}</p>}
        {step.kpis.length > 0 && (
          <ul className="kpi-list" aria-label="KPIs">
            {step.kpis.map((k) => (
              <li key={k.id} className={`kpi kpi-${k.kind}`}>
                <span className="kpi-name">
                  {k.name}
                  {!isInlineUnit(k.unit) && <span className="kpi-unit"> ({k.unit})</span>}
                  {k.kind === "satisfaction" && <span className="kpi-kind"> · satisfaction</span>}
                </span>
                <span className="kpi-levels" aria-label="Entry, good and best-in-class levels">
                  {[k.entryLevel, k.goodLevel, k.bestLevel].map((level, i) => (
                    <span key={i} title={`${LEVEL_NAMES[i]}: ${formatLevel(level, k.unit)}`}>
                      {formatLevel(level, isInlineUnit(k.unit) ? k.unit : "")}
                    </span>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
        {warn && (
          <p className="step-warning" role="note">
            <Icon name="alert" size={14} /> Only satisfaction KPIs: satisfaction is not success.
          </p>
        )}
        {step.vehicles.length > 0 && <VehicleChips vehicles={step.vehicles} label="Vehicles on this step" />}
      </article>
      <div className="customer-band" aria-label="Customers on this step">
        <span className="band-count">{plural(step.customerCount, "customer")}</span>
        <span className="band-arr">{formatArr(step.arrCents)} ARR</span>
        {step.targetCount > 0 && <span className="band-target">{step.targetCount} aiming here</span>}
      </div>
    </div>
  );
}

function MoveColumn({ move }: { move: MoveView | undefined }) {
  if (!move) return null;
  const gap = move.vehicles.length === 0;
  return (
    <div className={`move-column${gap ? " move-gap" : ""}`} aria-hidden={false} data-testid="move-column">
      <div className="move-arrow" aria-hidden="true" />
      {gap ? (
        <p className="gap-marker" title="No vehicle helps customers make this move">
          Gap
        </p>
      ) : (
        <VehicleChips vehicles={move.vehicles} label="Vehicles for this move" />
      )}
    </div>
  );
}

function VehicleChips({ vehicles, label }: { vehicles: AttachedVehicle[]; label: string }) {
  return (
    <ul className="vehicle-chips" aria-label={label}>
      {vehicles.map(({ attachmentId, vehicle }) => (
        <li key={attachmentId} className={`vehicle-chip vehicle-${vehicle.kind}`} title={vehicle.description}>
          <span className="vehicle-kind">{kindLabel(vehicle.kind, vehicle.customKind)}</span>
          <span className="vehicle-name">{vehicle.name}</span>
        </li>
      ))}
    </ul>
  );
}
