// A persona's map presented to a room: full screen, large type, no editing chrome,
// revealed item by item from the keyboard or a clicker (sequence.ts says the order and
// the keys). The presenter view (P) shows what is on screen and next, the step's
// presenter notes and the time; N notes an idea or decision on the step or move on
// screen, kept in the workspace and undoable. Escape returns to where the user was.
import { useCallback, useEffect, useRef, useState } from "react";
import type { MapDetail, NoteKind, PersonaMatrix, PersonaSummary, SatisfactionView, StepView } from "../../ipc/client";
import { describeError } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { formatArr, formatLevel, isInlineUnit, plural } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { placeOf } from "../../lib/places";
import { kindLabel } from "../../lib/vehicles";
import { actionOf, NOTE_NEEDS_A_PLACE, noteTarget, presentKey, stepOf, type Reveal } from "./sequence";
import { NoteForm, PresenterPanel } from "./presenter";

interface Props {
  persona: PersonaSummary;
  revision: number;
  /** The presenter view was opened in its own window before the presentation started. */
  presenterWindow?: boolean;
  onChanged: () => void;
  onLeave: () => void;
}

export function Presentation({ persona, revision, presenterWindow = false, onChanged, onLeave }: Props) {
  const client = useClient();
  const view = useLoad(() => client.getPresentation(persona.persona.id), [client, persona.persona.id, revision]);
  const root = useRef<HTMLDivElement>(null);

  // Full screen while presenting; the element focused before gets focus back after.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    root.current?.focus();
    client.setFullscreen(true).catch(() => {});
    return () => {
      client.setFullscreen(false).catch(() => {});
      before?.focus();
    };
  }, [client]);

  return (
    <div
      ref={root}
      className="presentation"
      role="dialog"
      aria-modal="true"
      aria-label={`Presentation of ${persona.persona.name}'s success map`}
      tabIndex={-1}
      data-testid="presentation"
      style={{ ["--persona" as string]: persona.persona.color }}
    >
      {view.data ? (
        <Deck
          persona={persona}
          map={view.data.map}
          reveals={view.data.reveals}
          labels={view.data.labels}
          matrix={view.data.matrix}
          satisfaction={view.data.satisfaction}
          revision={revision}
          linkedAtStart={presenterWindow}
          onChanged={onChanged}
          onLeave={onLeave}
        />
      ) : view.state === "failed" ? (
        <div className="present-message">
          <p>The map could not be loaded: {describeError(view.error)}</p>
          <button type="button" className="button" onClick={onLeave}>
            Leave the presentation
          </button>
        </div>
      ) : (
        <p className="present-message">Loading…</p>
      )}
    </div>
  );
}

function Deck({
  persona,
  map,
  reveals,
  labels,
  matrix,
  satisfaction,
  revision,
  linkedAtStart,
  onChanged,
  onLeave,
}: {
  persona: PersonaSummary;
  map: MapDetail;
  reveals: Reveal[];
  labels: string[];
  matrix: PersonaMatrix | null;
  satisfaction: SatisfactionView | null;
  revision: number;
  linkedAtStart: boolean;
  onChanged: () => void;
  onLeave: () => void;
}) {
  const client = useClient();
  const [showNames, setShowNames] = useState(false);
  const [presenter, setPresenter] = useState(false);
  // The presenter view in a window of its own: told what is on screen, and obeyed.
  const [linked, setLinked] = useState(linkedAtStart);
  const [hello, setHello] = useState(0);
  const [index, setIndex] = useState(0);
  const [capture, setCapture] = useState<NoteKind | null>(null);
  const [said, setSaid] = useState("");
  const at = Math.min(index, reveals.length - 1);
  const reveal = reveals[at] ?? { kind: "title" };
  const target = noteTarget(map, reveal);

  const go = useCallback(
    (next: number) => {
      const clamped = Math.max(0, Math.min(reveals.length - 1, next));
      setIndex(clamped);
    },
    [reveals.length],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // The note form has its own keys.
      if (event.target instanceof HTMLElement && event.target.closest("input, textarea, select, button")) {
        if (event.key === "Escape" && capture !== null) {
          event.preventDefault();
          setCapture(null);
        }
        return;
      }
      const key = presentKey(event);
      if (key === null) return;
      event.preventDefault();
      const action = actionOf(key, at, reveals);
      if (action === null) return;
      if (typeof action === "object") go(action.go);
      else if (action === "leave") onLeave();
      else if (action === "presenter") setPresenter((p) => !p);
      else if (target === null) setSaid(NOTE_NEEDS_A_PLACE);
      else setCapture("idea");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [at, capture, go, onLeave, reveals, target]);

  useEffect(() => {
    if (!linked) return;
    client.sendPresentationState({ personaId: persona.persona.id, index: at, showNames, revision }).catch(() => {});
  }, [client, linked, persona.persona.id, at, showNames, revision, hello]);

  useEffect(() => {
    if (!linked) return;
    const stop = client.onPresenterCommand((command) => {
      if (command.kind === "hello") setHello((h) => h + 1);
      else if (command.kind === "go") go(command.index);
      else if (command.kind === "showNames") setShowNames(command.on);
      else if (command.kind === "noted") {
        setSaid(command.said);
        onChanged();
      } else onLeave();
    });
    return () => {
      stop.then((unlisten) => unlisten()).catch(() => {});
    };
  }, [client, linked, go, onChanged, onLeave]);

  // Leaving the presentation closes the presenter view's window.
  useEffect(() => {
    if (!linked) return;
    return () => {
      client.closePresenterWindow().catch(() => {});
    };
  }, [client, linked]);

  async function openOwnWindow() {
    try {
      const screens = await client.listScreens();
      const here = screens.find((s) => s.current) ?? screens[0];
      if (here === undefined) return;
      const other = screens.find((s) => s.index !== here.index);
      await client.openPresenterWindow((other ?? here).index, here.index);
      setLinked(true);
      setPresenter(false);
      document.querySelector<HTMLElement>(".presentation")?.focus();
    } catch (e) {
      setSaid(`The presenter view could not open in its own window: ${describeError(e)}`);
    }
  }

  const step = stepOf(reveal);
  const current = step === null ? null : (map.steps[step] ?? null);
  const label = labels[at] ?? "";
  const nextLabel = labels[at + 1];

  return (
    <div className={presenter ? "present-layout with-presenter" : "present-layout"}>
      <div className="present-stage" data-testid="present-stage" data-reveal={`${reveal.kind}${step ?? ""}`}>
        <Slide
          persona={persona}
          map={map}
          matrix={matrix}
          satisfaction={satisfaction}
          reveal={reveal}
          showNames={showNames}
        />
        <StepStrip map={map} step={step} reveal={reveal} />
        <p className="present-counter" data-testid="present-counter">
          {at + 1} / {reveals.length}
        </p>
      </div>
      {presenter && (
        <aside className="presenter" aria-label="Presenter view" data-testid="presenter-view">
          <PresenterPanel
            label={label}
            nextLabel={nextLabel}
            current={current}
            showNames={showNames}
            onShowNames={setShowNames}
          >
            <button type="button" className="button" onClick={openOwnWindow} data-testid="presenter-own-window">
              Presenter view in its own window
            </button>
          </PresenterPanel>
        </aside>
      )}
      {capture !== null && target !== null && (
        <NoteForm
          kind={capture}
          place={placeOf(map, target)}
          onKind={setCapture}
          onCancel={() => {
            setCapture(null);
            document.querySelector<HTMLElement>(".presentation")?.focus();
          }}
          onSave={async (kind, text) => {
            await client.addWorkshopNote({ target, kind, text });
            setCapture(null);
            setSaid(`${kind === "idea" ? "Idea" : "Decision"} noted on ${placeOf(map, target)}.`);
            onChanged();
            document.querySelector<HTMLElement>(".presentation")?.focus();
          }}
        />
      )}
      <p className="present-said" role="status" aria-live="polite" data-testid="present-said">
        {said}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {label}
      </p>
    </div>
  );
}

/** What the room sees for one reveal. Later parts of a step are laid out from the start
 * and faded in (opacity and transform only), so nothing moves when they appear. */
function Slide({
  persona,
  map,
  matrix,
  satisfaction,
  reveal,
  showNames,
}: {
  persona: PersonaSummary;
  map: MapDetail;
  matrix: PersonaMatrix | null;
  satisfaction: SatisfactionView | null;
  reveal: Reveal;
  showNames: boolean;
}) {
  if (reveal.kind === "title") {
    return (
      <section className="slide slide-title" key="title">
        <p className="slide-eyebrow">Success map</p>
        <h1>{persona.persona.name}</h1>
        {persona.persona.successDefinition.trim() && (
          <p className="slide-definition">
            <strong>Success means:</strong> {persona.persona.successDefinition}
          </p>
        )}
        <p className="slide-facts">{plural(map.steps.length, "step")}</p>
      </section>
    );
  }
  if (reveal.kind === "overview") return <Overview map={map} />;
  if (reveal.kind === "customers") return <Customers map={map} showNames={showNames} />;
  if (reveal.kind === "matrix") return <Matrix map={map} matrix={matrix} />;
  if (reveal.kind === "quadrants") return <Quadrants view={satisfaction} />;
  const view = map.steps[reveal.step];
  if (!view) return null;
  const detail = reveal.kind === "outcome" || reveal.kind === "move";
  const moving = reveal.kind === "move";
  return (
    <section className="slide slide-step" key={`step-${reveal.step}`}>
      <p className="slide-eyebrow">
        Step {reveal.step + 1} of {map.steps.length}
      </p>
      <h1 className="slide-step-title">{view.step.title}</h1>
      <div className="reveal" data-shown={detail} aria-hidden={!detail}>
        <StepDetail view={view} />
      </div>
      {reveal.step < map.steps.length - 1 && (
        <div className="reveal" data-shown={moving} aria-hidden={!moving}>
          <MovePanel map={map} step={reveal.step} />
        </div>
      )}
    </section>
  );
}

function StepDetail({ view }: { view: StepView }) {
  return (
    <div className="slide-detail">
      {view.step.outcome.trim() && <p className="slide-outcome">{view.step.outcome}</p>}
      {view.kpis.length > 0 && (
        <table className="slide-kpis">
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col">Entry</th>
              <th scope="col">Good</th>
              <th scope="col">Best in class</th>
            </tr>
          </thead>
          <tbody>
            {view.kpis.map((k) => {
              const unit = isInlineUnit(k.unit) ? k.unit : "";
              return (
                <tr key={k.id}>
                  <th scope="row">
                    {k.name}
                    {!isInlineUnit(k.unit) && <span className="slide-unit"> ({k.unit})</span>}
                  </th>
                  <td>{formatLevel(k.entryLevel, unit)}</td>
                  <td className="level-good">{formatLevel(k.goodLevel, unit)}</td>
                  <td className="level-best">{formatLevel(k.bestLevel, unit)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {view.vehicles.length > 0 && (
        <p className="slide-vehicles">
          On this step:{" "}
          {view.vehicles.map((v) => (
            <span key={v.attachmentId} className={`slide-chip kind-${v.vehicle.kind}`}>
              {kindLabel(v.vehicle.kind, v.vehicle.customKind)}: {v.vehicle.name}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

function MovePanel({ map, step }: { map: MapDetail; step: number }) {
  const move = map.moves[step];
  const to = map.steps[step + 1];
  if (!move || !to) return null;
  const gap = move.vehicles.length === 0;
  return (
    <div className={gap ? "slide-move slide-gap" : "slide-move"} data-testid="slide-move">
      <p className="slide-move-title">
        <span aria-hidden="true">→ </span>To step {step + 2}: {to.step.title}
      </p>
      {gap ? (
        <p className="slide-gap-note">Gap: no vehicle helps customers make this move.</p>
      ) : (
        <p className="slide-vehicles">
          {move.vehicles.map((v) => (
            <span key={v.attachmentId} className={`slide-chip kind-${v.vehicle.kind}`}>
              {kindLabel(v.vehicle.kind, v.vehicle.customKind)}: {v.vehicle.name}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

function Overview({ map }: { map: MapDetail }) {
  return (
    <section className="slide slide-overview" key="overview">
      <p className="slide-eyebrow">The whole map</p>
      <ol className="overview-steps">
        {map.steps.map((s, i) => {
          const gap = i < map.moves.length && (map.moves[i]?.vehicles.length ?? 0) === 0;
          return (
            <li key={s.step.id} className={gap ? "has-gap" : undefined}>
              <span className="overview-num">{i + 1}</span>
              <span className="overview-title">{s.step.title}</span>
              {gap && <span className="overview-gap">gap to step {i + 2}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Customers({ map, showNames }: { map: MapDetail; showNames: boolean }) {
  return (
    <section className="slide slide-customers" key="customers">
      <p className="slide-eyebrow">Customers per step</p>
      <table className="slide-kpis">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Customers</th>
            <th scope="col">ARR</th>
            <th scope="col">Aiming here</th>
          </tr>
        </thead>
        <tbody>
          {map.steps.map((s, i) => (
            <tr key={s.step.id}>
              <th scope="row">
                {i + 1}. {s.step.title}
                {showNames && s.customers.length > 0 && (
                  <span className="slide-names">{s.customers.map((c) => c.name).join(", ")}</span>
                )}
              </th>
              <td>{s.customerCount.toLocaleString("en-US")}</td>
              <td>{formatArr(s.arrCents)}</td>
              <td>{s.targetCount.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!showNames && <p className="slide-facts">Names are hidden (turn them on in the presenter view, P).</p>}
    </section>
  );
}

/** Customers by the step they are on (rows) and the step they aim at (columns): counts
 * and ARR, never names; regressions (a target before the current step) marked. */
function Matrix({ map, matrix }: { map: MapDetail; matrix: PersonaMatrix | null }) {
  const cells = matrix?.cells ?? [];
  const rows: { id: number | null; label: string }[] = map.steps.map((s, i) => ({
    id: s.step.id,
    label: `${i + 1}. ${s.step.title}`,
  }));
  if (cells.some((c) => c.currentStepId === null)) rows.push({ id: null, label: "Not placed" });
  const columns: { id: number | null; label: string }[] = map.steps.map((s, i) => ({
    id: s.step.id,
    label: String(i + 1),
  }));
  if (cells.some((c) => c.targetStepId === null)) columns.push({ id: null, label: "No target" });
  const cellOf = (current: number | null, target: number | null) =>
    cells.find((c) => c.currentStepId === current && c.targetStepId === target);
  return (
    <section className="slide slide-matrix" key="matrix">
      <p className="slide-eyebrow">Where customers stand and aim</p>
      <table className="present-matrix">
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={columns.length}>
              Aiming at step
            </th>
          </tr>
          <tr>
            <th scope="col">On step</th>
            {columns.map((c) => (
              <th scope="col" key={c.id ?? "none"} aria-label={c.id === null ? undefined : `Aiming at step ${c.label}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id ?? "none"}>
              <th scope="row">{r.label}</th>
              {columns.map((c) => {
                const cell = cellOf(r.id, c.id);
                return (
                  <td
                    key={c.id ?? "none"}
                    className={cell ? (cell.regression ? "is-regression" : "is-filled") : undefined}
                  >
                    {cell && (
                      <>
                        <strong>{cell.customers.toLocaleString("en-US")}</strong>
                        <span>{formatArr(cell.arrCents)}</span>
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Customers by success (columns) and satisfaction (rows), as on the Segments chart:
 * each quadrant's name, count and ARR, and the rules behind them. */
function Quadrants({ view }: { view: SatisfactionView | null }) {
  if (view === null) return null;
  const rules = `${view.successfulRule}; ${view.satisfiedRule}.`;
  // Satisfied on top, successful on the right.
  const order = ["satisfied_not_successful", "successful_satisfied", "neither", "successful_not_satisfied"] as const;
  return (
    <section className="slide slide-quadrants" key="quadrants">
      <p className="slide-eyebrow">Success and satisfaction</p>
      <p className="slide-facts">{rules.charAt(0).toUpperCase() + rules.slice(1)}</p>
      <ul className="present-quadrants">
        {order.map((q) => {
          const figure = view.quadrants.find((f) => f.quadrant === q);
          return (
            <li
              key={q}
              className={q === "successful_satisfied" ? "is-good" : undefined}
              data-testid={`slide-quadrant-${q}`}
            >
              <span className="present-quadrant-name">{figure?.label}</span>
              <strong>{(figure?.customers ?? 0).toLocaleString("en-US")}</strong>
              <span className="present-quadrant-arr">ARR {formatArr(figure?.arrCents ?? 0)}</span>
            </li>
          );
        })}
      </ul>
      {view.withoutScore > 0 && (
        <p className="slide-facts">{plural(view.withoutScore, "customer")} without an NPS score left out.</p>
      )}
    </section>
  );
}

/** The steps along the bottom: where the presentation is. */
function StepStrip({ map, step, reveal }: { map: MapDetail; step: number | null; reveal: Reveal }) {
  if (map.steps.length === 0) return null;
  return (
    <ol className="present-strip" aria-hidden="true">
      {map.steps.map((s, i) => (
        <li
          key={s.step.id}
          className={
            i === step
              ? "is-current"
              : step !== null && i < step
                ? "is-done"
                : reveal.kind === "overview" ||
                    reveal.kind === "customers" ||
                    reveal.kind === "matrix" ||
                    reveal.kind === "quadrants"
                  ? "is-done"
                  : undefined
          }
        >
          {i + 1}
        </li>
      ))}
    </ol>
  );
}
