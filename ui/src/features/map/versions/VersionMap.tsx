// A version of the map, read only: a saved version on its own (preview) or two states
// compared, with what changed marked on the map itself (added, removed struck through,
// changed with the old value on hover and focus) and listed in plain words.
import { useEffect, useRef, type ReactNode } from "react";
import type { MapComparison, MapContent, MapVersion, PersonaSummary } from "../../../ipc/client";
import { useClient } from "../../../ipc/context";
import { formatLevel, isInlineUnit } from "../../../lib/format";
import { useLoad } from "../../../lib/useLoad";
import { changeSummary, comparedSteps, plainSteps, type Mark, type ShownStep } from "./compare";
import type { Viewing } from "./VersionsDialog";

interface Props {
  persona: PersonaSummary;
  viewing: Viewing;
  revision: number;
  onRestore: (version: MapVersion) => void;
  onClose: () => void;
}

const MARK_WORDS: Record<Exclude<Mark, null>, string> = {
  added: "Added",
  removed: "Removed",
  changed: "Changed",
};

export function VersionMap({ persona, viewing, revision, onRestore, onClose }: Props) {
  const client = useClient();
  const id = persona.persona.id;
  const loaded = useLoad<{ content: MapContent; comparison: MapComparison | null }>(
    () =>
      viewing.kind === "preview"
        ? client.mapVersionContent(id, viewing.version.id).then((content) => ({ content, comparison: null }))
        : client.compareMapVersions(id, viewing.from, viewing.to).then((comparison) => ({
            content: comparison.to,
            comparison,
          })),
    [client, id, viewing, revision],
  );
  const data = loaded.data;
  // The first change is brought into view (a long map scrolls sideways).
  const board = useRef<HTMLOListElement>(null);
  const comparing = data?.comparison ?? null;
  useEffect(() => {
    if (!comparing) return;
    const first = board.current?.querySelector<HTMLElement>(
      "[data-mark=added], [data-mark=removed], [data-mark=changed]",
    );
    first?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [comparing]);
  const steps = data ? (data.comparison ? comparedSteps(data.comparison) : plainSteps(data.content)) : [];
  const title =
    viewing.kind === "preview"
      ? `Version “${viewing.version.name}”`
      : data?.comparison
        ? `“${data.comparison.fromLabel}” compared with ${data.comparison.toLabel === "Now" ? "now" : `“${data.comparison.toLabel}”`}`
        : "Comparing…";

  return (
    <div className="version-view" data-testid="version-view">
      <div className="version-banner" role="region" aria-label="Version">
        <div>
          <p className="version-banner-title" data-testid="version-view-title">
            {title}
          </p>
          <p className="muted">
            {viewing.kind === "preview"
              ? "Read only. This is the map as it was saved; the map itself is unchanged."
              : data?.comparison
                ? `${changeSummary(data.comparison.changes)}. Added in green, removed struck through, changed marked: hover or focus a mark for the old value.`
                : ""}
          </p>
        </div>
        <div className="version-banner-actions">
          {viewing.kind === "preview" && (
            <button
              type="button"
              className="button"
              onClick={() => onRestore(viewing.version)}
              data-testid="version-view-restore"
            >
              Restore this version…
            </button>
          )}
          <button type="button" className="button button-primary" onClick={onClose} data-testid="version-view-close">
            Back to the map
          </button>
        </div>
      </div>
      {loaded.state === "failed" && (
        <p className="notice notice-error" role="alert">
          {loaded.error instanceof Error ? loaded.error.message : String(loaded.error)}
        </p>
      )}
      <ol ref={board} className="version-board" aria-label="Steps" data-testid="version-board">
        {steps.map((s, index) => (
          <VersionStep key={s.key} shown={s} index={index} />
        ))}
      </ol>
      {data?.comparison && (
        <section className="version-changes" aria-labelledby="changes-heading">
          <h2 id="changes-heading">Changes</h2>
          {data.comparison.changes.length === 0 ? (
            <p className="empty-inline" data-testid="no-changes">
              The two are the same.
            </p>
          ) : (
            <ul data-testid="change-list">
              {data.comparison.changes.map((c, i) => (
                <li key={i} className={`change change-${c.kind}`} data-testid="change">
                  {c.text}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

/** A mark with the old value on hover and on focus (and to screen readers). */
function Was({ label, was, children }: { label: string; was: string; children: ReactNode }) {
  return (
    <span className="was" tabIndex={0} title={`${label}: ${was}`} data-testid="was">
      {children}
      <span className="was-tip" role="tooltip">
        {label}: {was}
      </span>
    </span>
  );
}

function MarkBadge({ mark }: { mark: Mark }) {
  if (mark === null) return null;
  return (
    <span className={`mark-badge mark-${mark}`} data-testid="mark">
      {MARK_WORDS[mark]}
    </span>
  );
}

function VersionStep({ shown, index }: { shown: ShownStep; index: number }) {
  const { step, mark } = shown;
  return (
    <li
      className={`version-step${mark ? ` is-${mark}` : ""}`}
      data-testid="version-step"
      data-mark={mark ?? "none"}
      aria-label={`${step.title}${mark ? ` (${MARK_WORDS[mark].toLowerCase()})` : ""}`}
    >
      <div className="version-step-top">
        <span className="step-index">{mark === "removed" ? "Removed step" : `Step ${index + 1}`}</span>
        <MarkBadge mark={mark} />
      </div>
      <h3 className="step-title">
        {shown.oldTitle !== null ? (
          <Was label="Was" was={`“${shown.oldTitle}”`}>
            <span className="changed-text">{step.title}</span>
          </Was>
        ) : (
          step.title
        )}
      </h3>
      {shown.oldPosition !== null && (
        <p className="muted version-moved">
          <Was label="Was at position" was={shown.oldPosition}>
            Moved
          </Was>
        </p>
      )}
      {shown.oldOutcome !== null ? (
        <p className="step-outcome">
          <Was label="Outcome was" was={shown.oldOutcome === "" ? "(empty)" : `“${shown.oldOutcome}”`}>
            <span className="changed-text">{step.outcome || "(no outcome)"}</span>
          </Was>
        </p>
      ) : (
        step.outcome && <p className="step-outcome">{step.outcome}</p>
      )}
      {shown.kpis.length > 0 && (
        <ul className="kpi-list" aria-label="KPIs">
          {shown.kpis.map((k, i) => {
            const levels = [k.kpi.entryLevel, k.kpi.goodLevel, k.kpi.bestLevel]
              .map((l) => formatLevel(l, isInlineUnit(k.kpi.unit) ? k.kpi.unit : ""))
              .join(" · ");
            const body = (
              <>
                <span className="kpi-name">{k.kpi.name}</span>
                <span className="muted"> {levels}</span>
              </>
            );
            return (
              <li key={`${k.kpi.id ?? "n"}-${i}`} className={`version-kpi${k.mark ? ` is-${k.mark}` : ""}`}>
                {k.was.length > 0 ? (
                  <Was label="Was" was={k.was.join("; ")}>
                    {body}
                  </Was>
                ) : (
                  body
                )}
                <MarkBadge mark={k.mark} />
              </li>
            );
          })}
        </ul>
      )}
      {shown.vehicles.length > 0 && (
        <ul className="version-vehicles" aria-label="Vehicles on the step">
          {shown.vehicles.map((v) => (
            <li key={v.name} className={`vehicle-chip${v.mark ? ` is-${v.mark}` : ""}`}>
              {v.name}
              {v.mark && <span className="visually-hidden"> ({MARK_WORDS[v.mark].toLowerCase()})</span>}
            </li>
          ))}
        </ul>
      )}
      {shown.moveVehicles.length > 0 && (
        <div className="version-move">
          <p className="muted">On the move to the next step</p>
          <ul className="version-vehicles" aria-label="Vehicles on the move to the next step">
            {shown.moveVehicles.map((v) => (
              <li key={v.name} className={`vehicle-chip${v.mark ? ` is-${v.mark}` : ""}`}>
                {v.name}
                {v.mark && <span className="visually-hidden"> ({MARK_WORDS[v.mark].toLowerCase()})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
