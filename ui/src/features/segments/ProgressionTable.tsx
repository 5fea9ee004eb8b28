// Progression along one persona's map, from the placement history: per step the median
// time customers spent there before moving on, the moves in a chosen period (forward,
// backward, none), and who is stalled now; stalled customers open as a segment.
import type { ProgressionView } from "../../ipc/client";
import { plural } from "../../lib/format";

interface Props {
  view: ProgressionView;
  onShowStalled: () => void;
}

/** "12 days", "1 day", "3.5 days"; "—" when nobody has moved on yet. */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return "—";
  const rounded = days >= 10 ? Math.round(days) : Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? "day" : "days"}`;
}

export function ProgressionTable({ view, onShowStalled }: Props) {
  const title = new Map(view.steps.map((s) => [s.id, `${s.position + 1}. ${s.title}`]));
  const totals = view.rows.reduce(
    (t, r) => ({ forward: t.forward + r.forward, backward: t.backward + r.backward, stayed: t.stayed + r.stayed }),
    { forward: 0, backward: 0, stayed: 0 },
  );
  return (
    <figure className="progression" data-testid="progression">
      <figcaption>
        <strong>Progression</strong>{" "}
        <span className="muted">
          {view.periodFrom} to {view.periodTo}: {plural(totals.forward, "move")} forward,{" "}
          {plural(totals.backward, "move")} backward, {plural(totals.stayed, "customer")} did not move
        </span>
      </figcaption>
      {view.steps.length === 0 ? (
        <p className="muted">This map has no steps yet.</p>
      ) : (
        <table className="progression-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col" title="Median time on the step before moving on to another step">
                Median time there
              </th>
              <th scope="col">Moved forward</th>
              <th scope="col">Moved backward</th>
              <th scope="col">Did not move</th>
              <th scope="col">Stalled now</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr key={r.stepId} data-testid="progression-row">
                <th scope="row">{title.get(r.stepId)}</th>
                <td>
                  {formatDays(r.medianDays)}{" "}
                  {r.movedOn > 0 && <span className="muted">({plural(r.movedOn, "stay")})</span>}
                </td>
                <td className="num">{r.forward}</td>
                <td className={r.backward > 0 ? "num is-backward" : "num"}>{r.backward}</td>
                <td className="num">{r.stayed}</td>
                <td className="num">{r.stalled}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="progression-stalled">
        <span>
          <strong data-testid="stalled-count">{plural(view.stalled, "customer")}</strong> on their step for more than{" "}
          {plural(view.stalledDays, "day")}.
        </span>
        <button
          type="button"
          className="button"
          onClick={onShowStalled}
          disabled={view.stalled === 0}
          data-testid="show-stalled"
        >
          Show them as a segment
        </button>
      </div>
    </figure>
  );
}
