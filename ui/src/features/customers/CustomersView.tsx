import { useState } from "react";
import type { PersonaId, PersonaSummary } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { formatArrExact, plural } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { Icon } from "../frame/Icons";

const PAGE = 50;

export function CustomersView({ personas, revision }: { personas: PersonaSummary[]; revision: number }) {
  const client = useClient();
  const [personaId, setPersonaId] = useState<PersonaId | null>(null);
  const [offset, setOffset] = useState(0);
  const page = useLoad(() => client.listCustomers(personaId, offset, PAGE), [client, personaId, offset, revision]);
  const data = page.data;
  const total = data?.total ?? 0;

  return (
    <section className="view" aria-labelledby="customers-title">
      <header className="view-header">
        <div>
          <h1 id="customers-title">Customers</h1>
          <p className="view-subtitle">{data ? plural(total, "customer") : "Loading…"}</p>
        </div>
        <label className="inline-field">
          <span>Persona</span>
          <select
            value={personaId ?? ""}
            onChange={(e) => {
              setPersonaId(e.target.value === "" ? null : Number(e.target.value));
              setOffset(0);
            }}
          >
            <option value="">All personas</option>
            {personas.map(({ persona }) => (
              <option key={persona.id} value={persona.id}>
                {persona.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      {page.state === "failed" && (
        <div className="notice notice-error" role="alert">
          <Icon name="alert" />
          <p>Customers could not be loaded: {page.error instanceof Error ? page.error.message : String(page.error)}</p>
        </div>
      )}
      {data && data.rows.length === 0 ? (
        <div className="empty-state">
          <h2>No customers yet</h2>
          <p>
            Customers are the real accounts you place on a persona's success map, each on a current and a target step.
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="customer-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">External id</th>
                <th scope="col">Persona</th>
                <th scope="col">Current step</th>
                <th scope="col">Target step</th>
                <th scope="col" className="num">
                  ARR
                </th>
                <th scope="col" className="num">
                  Health
                </th>
                <th scope="col" className="num">
                  NPS
                </th>
                <th scope="col">Owner</th>
                <th scope="col">Renewal</th>
              </tr>
            </thead>
            <tbody>
              {data?.rows.map(({ customer, personaName, currentStepTitle, targetStepTitle }) => (
                <tr key={customer.id}>
                  <th scope="row">{customer.name}</th>
                  <td className="mono">{customer.externalId ?? "—"}</td>
                  <td>{personaName}</td>
                  <td>{currentStepTitle ?? <span className="muted">Not placed</span>}</td>
                  <td>{targetStepTitle ?? <span className="muted">—</span>}</td>
                  <td className="num">{formatArrExact(customer.arrCents)}</td>
                  <td className="num">{customer.health ?? "—"}</td>
                  <td className="num">{customer.nps ?? "—"}</td>
                  <td>{customer.owner || "—"}</td>
                  <td className="nowrap">{customer.renewalDate ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="button button-small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Previous
          </button>
          <span>
            {offset + 1}–{Math.min(offset + PAGE, total)} of {total.toLocaleString("en-US")}
          </span>
          <button
            type="button"
            className="button button-small"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
