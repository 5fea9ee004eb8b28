// A customer's measured KPI values, per step of its map: the evidence the Segments
// view's suggested steps are computed from. Edited in place, saved as one undoable edit.
import { useState, type FormEvent } from "react";
import { describeError, type CustomerId, type CustomerKpiValue, type KpiValueInput } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { parseLevel } from "../../lib/parseLevel";

interface Props {
  customerId: CustomerId;
  /** The customer's KPIs with their values (loaded by the panel). */
  values: CustomerKpiValue[];
  onSaved: () => void;
}

const show = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function KpiValues({ customerId, values: list, onSaved }: Props) {
  const client = useClient();
  const [draft, setDraft] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (list.length === 0) {
    return (
      <>
        <h3 className="timeline-title">KPI values</h3>
        <p className="muted">The steps of this customer's map have no KPIs yet.</p>
      </>
    );
  }
  const changed = list.filter((v) => draft[v.kpi.id] !== undefined && draft[v.kpi.id] !== show(v.value));

  async function save(e: FormEvent) {
    e.preventDefault();
    const out: KpiValueInput[] = [];
    for (const v of changed) {
      const text = (draft[v.kpi.id] ?? "").trim();
      const n = text === "" ? null : parseLevel(text);
      if (n !== null && Number.isNaN(n)) {
        setError(`“${v.kpi.name}”: enter a number, or leave it empty`);
        return;
      }
      out.push({ kpiId: v.kpi.id, value: n });
    }
    setBusy(true);
    setError(null);
    try {
      await client.setCustomerKpiValues(customerId, out);
      setDraft({});
      onSaved();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="kpi-values" onSubmit={save} data-testid="kpi-values" noValidate>
      <h3 className="timeline-title">KPI values</h3>
      {list.map((v) => (
        <label key={v.kpi.id} className="kpi-value">
          <span className="kpi-value-name">
            {v.stepPosition + 1}. {v.stepTitle} · {v.kpi.name}
            {v.kpi.unit && <span className="muted"> ({v.kpi.unit})</span>}
          </span>
          <input
            inputMode="decimal"
            value={draft[v.kpi.id] ?? show(v.value)}
            onChange={(e) => setDraft((d) => ({ ...d, [v.kpi.id]: e.target.value }))}
            aria-describedby={`kpi-levels-${v.kpi.id}`}
            data-testid="kpi-value"
          />
          <span id={`kpi-levels-${v.kpi.id}`} className="kpi-value-levels muted">
            {v.kpi.kind === "success" ? "exit at" : "satisfaction"} {v.kpi.entryLevel} · {v.kpi.goodLevel} ·{" "}
            {v.kpi.bestLevel} {v.kpi.direction === "higher_is_better" ? "↑" : "↓"}
          </span>
        </label>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-small"
          disabled={busy || changed.length === 0}
          data-testid="kpi-values-save"
        >
          {busy ? "Saving…" : "Save values"}
        </button>
      </div>
    </form>
  );
}
