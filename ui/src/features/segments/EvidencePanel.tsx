// Evidence-based placement for one persona: its steps' success KPIs as exit criteria
// at a chosen level, the customers whose KPI values put them on another step than the
// one they are placed on, and one action to move them all (one undoable edit).
import { useState } from "react";
import type { KpiLevel, SuggestionsView } from "../../ipc/client";
import { plural } from "../../lib/format";

export const LEVELS: { value: KpiLevel; label: string }[] = [
  { value: "entry", label: "Entry level" },
  { value: "good", label: "Good" },
  { value: "best", label: "Best in class" },
];

interface Props {
  view: SuggestionsView;
  onAccept: () => Promise<unknown>;
}

export function EvidencePanel({ view, onAccept }: Props) {
  const [busy, setBusy] = useState(false);
  const title = new Map(view.steps.map((s) => [s.id, `${s.position + 1}. ${s.title}`]));
  const level = LEVELS.find((l) => l.value === view.level)?.label.toLowerCase() ?? view.level;
  return (
    <figure className="evidence" data-testid="evidence">
      <figcaption>
        <strong>Suggested steps</strong>{" "}
        <span className="muted">
          A customer has reached a step when its values of all the step's success KPIs reach the {level} level; steps
          without success KPIs are walked past. {view.stepsWithCriteria} of {view.steps.length} steps have criteria;{" "}
          {plural(view.customersWithValues, "customer")} {view.customersWithValues === 1 ? "has" : "have"} KPI values.
          Every customer of the persona counts here: the other filters do not apply.
        </span>
      </figcaption>
      {view.stepsWithCriteria === 0 ? (
        <p className="muted">Add success KPIs to this map's steps (Map view) to use them as exit criteria.</p>
      ) : view.differing === 0 ? (
        <p className="muted" data-testid="evidence-none">
          Every customer with KPI values stands where its values put it.
        </p>
      ) : (
        <>
          <table className="progression-table evidence-table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Placed on</th>
                <th scope="col">Values suggest</th>
              </tr>
            </thead>
            <tbody>
              {view.suggestions.map((s) => (
                <tr key={s.customerId} data-testid="suggestion">
                  <th scope="row">{s.customerName}</th>
                  <td>{s.currentStepId == null ? "Not placed" : title.get(s.currentStepId)}</td>
                  <td>{title.get(s.suggestedStepId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.differing > view.suggestions.length && (
            <p className="muted">
              The first {view.suggestions.length} of {view.differing.toLocaleString("en-US")} by name.
            </p>
          )}
          <div className="progression-stalled">
            <span>
              <strong>{plural(view.differing, "customer")}</strong> placed elsewhere than their values suggest.
            </span>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                onAccept().finally(() => setBusy(false));
              }}
              data-testid="accept-suggestions"
            >
              {busy ? "Moving…" : `Move ${plural(view.differing, "customer")} to the suggested steps`}
            </button>
          </div>
        </>
      )}
    </figure>
  );
}
