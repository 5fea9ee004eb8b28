import type { PersonaSummary } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { formatArr, plural } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { distribution } from "./distribution";

export function SegmentsView({ personas, revision }: { personas: PersonaSummary[]; revision: number }) {
  return (
    <section className="view" aria-labelledby="segments-title">
      <header className="view-header">
        <div>
          <h1 id="segments-title">Segments</h1>
          <p className="view-subtitle">Where customers stand on each persona's map, step by step.</p>
        </div>
      </header>
      {personas.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing to segment yet</h2>
          <p>
            Segments group customers by the step they are on. Create a persona and place customers on its map first.
          </p>
        </div>
      ) : (
        <div className="segment-list">
          {personas.map((p) => (
            <PersonaDistribution key={p.persona.id} persona={p} revision={revision} />
          ))}
        </div>
      )}
    </section>
  );
}

function PersonaDistribution({ persona, revision }: { persona: PersonaSummary; revision: number }) {
  const client = useClient();
  const map = useLoad(() => client.getMap(persona.persona.id), [client, persona.persona.id, revision]);
  const rows = map.data ? distribution(map.data) : [];
  return (
    <article className="panel" aria-labelledby={`dist-${persona.persona.id}`}>
      <h2 className="panel-title" id={`dist-${persona.persona.id}`}>
        <span className="swatch" style={{ background: persona.persona.color }} aria-hidden="true" />{" "}
        {persona.persona.name}
        <span className="panel-meta">
          {plural(persona.customerCount, "customer")} · {formatArr(persona.arrCents)} ARR
        </span>
      </h2>
      {map.state === "failed" && <p className="form-error">This persona's map could not be loaded.</p>}
      {map.data && rows.length === 0 && <p className="muted">No steps on this map yet.</p>}
      {rows.length > 0 && (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col" className="bar-col">
                Customers on it
              </th>
              <th scope="col" className="num">
                ARR
              </th>
              <th scope="col" className="num">
                Aiming at it
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.stepId}>
                <th scope="row">{r.title}</th>
                <td className="bar-col">
                  <span className="bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(r.share * 100)}%`, background: persona.persona.color }} />
                  </span>
                  <span className="bar-value">{r.count}</span>
                </td>
                <td className="num">{formatArr(r.arrCents)}</td>
                <td className="num">{r.targets}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
