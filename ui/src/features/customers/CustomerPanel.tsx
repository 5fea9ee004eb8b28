// One customer beside the list: its figures, where it stands, menu equivalents of the
// map's drag gestures, and its placement history as a timeline.
import { useState } from "react";
import type { CustomerDetail, CustomerId, PlacementMove, StepId } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { formatArrExact } from "../../lib/format";
import { inFlight, useLoad } from "../../lib/useLoad";
import { Icon } from "../../components/Icons";
import { healthClass } from "../../lib/customerFilters";
import { changeLines, formatWhen, sourceLabel } from "./placements";
import { StepOptions } from "../../components/filters";
import { KpiValues } from "./KpiValues";
import { useStepsLoad } from "../../lib/useSteps";
import { PlanExportDialog } from "./PlanExportDialog";

interface Props {
  id: CustomerId;
  revision: number;
  onEdit: (detail: CustomerDetail) => void;
  onPlace: (id: CustomerId, placement: PlacementMove) => void;
  onDelete: (detail: CustomerDetail) => void;
  onClose: () => void;
  /** After an edit made in the panel itself (KPI values). */
  onChanged: () => void;
}

export function CustomerPanel({ id, revision, onEdit, onPlace, onDelete, onClose, onChanged }: Props) {
  const client = useClient();
  const detail = useLoad(() => client.getCustomer(id), [client, id, revision]);
  const kpiValues = useLoad(() => client.customerKpiValues(id), [client, id, revision]);
  const d = detail.data;
  const { steps, loading: loadingSteps } = useStepsLoad(d?.row.customer.personaId ?? null, revision);
  const busy = inFlight(detail, kpiValues) || loadingSteps;
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);

  if (!d) {
    return (
      <aside className="customer-panel" aria-label="Customer" aria-busy={busy}>
        <p className="muted">{detail.state === "failed" ? "This customer could not be loaded." : "Loading…"}</p>
      </aside>
    );
  }
  const c = d.row.customer;
  const regression =
    d.row.currentStepPosition !== null &&
    d.row.targetStepPosition !== null &&
    d.row.targetStepPosition < d.row.currentStepPosition;

  return (
    <aside
      className="customer-panel"
      aria-labelledby="customer-panel-title"
      aria-busy={busy}
      data-testid="customer-panel"
    >
      <header className="customer-panel-head">
        <div>
          <h2 id="customer-panel-title">{c.name}</h2>
          <p className="muted">
            {d.row.personaName}
            {c.externalId && <span className="mono"> · {c.externalId}</span>}
          </p>
        </div>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>

      <div className="placement-box">
        <label className="placement-field">
          <span>Current step</span>
          <select
            value={c.currentStepId ?? ""}
            data-testid="panel-current"
            onChange={(e) =>
              e.target.value !== "" && onPlace(c.id, { type: "current", step_id: Number(e.target.value) })
            }
          >
            {c.currentStepId === null && <option value="">Not placed</option>}
            <StepOptions steps={steps} />
          </select>
        </label>
        <label className="placement-field">
          <span>Target step</span>
          <select
            value={c.targetStepId ?? ""}
            data-testid="panel-target"
            onChange={(e) =>
              onPlace(c.id, {
                type: "target",
                step_id: e.target.value === "" ? null : (Number(e.target.value) as StepId),
              })
            }
          >
            <option value="">No target</option>
            <StepOptions steps={steps} />
          </select>
        </label>
        {regression && (
          <p className="step-warning" role="note">
            The target lies before the current step: a regression.
          </p>
        )}
      </div>

      <dl className="figures">
        <dt>ARR</dt>
        <dd>{formatArrExact(c.arrCents)}</dd>
        <dt>Health</dt>
        <dd>
          <span className={`health ${healthClass(c.health)}`}>{c.health ?? "—"}</span>
        </dd>
        <dt>NPS</dt>
        <dd>{c.nps ?? "—"}</dd>
        <dt>CSAT</dt>
        <dd>{c.csat === null ? "—" : `${c.csat}%`}</dd>
        <dt>Owner</dt>
        <dd>{c.owner || "—"}</dd>
        <dt>Renewal</dt>
        <dd>{c.renewalDate ?? "—"}</dd>
      </dl>
      {c.notes && <p className="customer-notes">{c.notes}</p>}

      <div className="panel-actions">
        <button type="button" className="button button-small" onClick={() => onEdit(d)} data-testid="customer-edit">
          <Icon name="edit" /> Edit
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => setExporting(true)}
          data-testid="customer-plan"
        >
          <Icon name="download" /> Success plan…
        </button>
        {confirming ? (
          <span className="confirm-inline" role="group" aria-label={`Delete ${c.name}?`}>
            Delete {c.name}?
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => onDelete(d)}
              data-testid="customer-delete-confirm"
            >
              Delete
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button button-small button-quiet button-danger"
            onClick={() => setConfirming(true)}
            data-testid="customer-delete"
          >
            Delete
          </button>
        )}
      </div>

      {exporting && <PlanExportDialog customer={c} onClose={() => setExporting(false)} />}

      <KpiValues customerId={id} values={kpiValues.data ?? []} onSaved={onChanged} />

      <h3 className="timeline-title">History</h3>
      {d.placements.length === 0 ? (
        <p className="muted">No placement yet.</p>
      ) : (
        <ol className="timeline" data-testid="customer-history">
          {d.placements.map((entry) => (
            <li key={entry.id} className={`timeline-entry source-${entry.source}`}>
              <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
              <span className="timeline-source">{sourceLabel(entry.source)}</span>
              {changeLines(entry).map((line) => (
                <span key={line} className="timeline-change">
                  {line}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
