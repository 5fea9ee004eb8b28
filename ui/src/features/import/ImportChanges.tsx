// What a checked import will do, before it runs: per persona, the customers it adds,
// updates, leaves as they are and moves to another step, and the first moves by name.
import type { ImportReport } from "../../ipc/client";
import { plural } from "../../lib/format";

const count = (n: number) => n.toLocaleString("en-US");

export function ImportChanges({ report }: { report: ImportReport }) {
  if (report.changes.length === 0) return null;
  const moved = report.changes.reduce((sum, c) => sum + c.moved, 0);
  return (
    <div className="import-changes" data-testid="import-changes">
      <table className="table table-compact">
        <caption className="visually-hidden">What the import changes, per persona</caption>
        <thead>
          <tr>
            <th scope="col">Persona</th>
            <th scope="col" className="num">
              New
            </th>
            <th scope="col" className="num">
              Updated
            </th>
            <th scope="col" className="num">
              Unchanged
            </th>
            <th scope="col" className="num">
              Moved to another step
            </th>
          </tr>
        </thead>
        <tbody>
          {report.changes.map((c) => (
            <tr key={c.persona}>
              <th scope="row">{c.persona}</th>
              <td className="num">{count(c.newCustomers)}</td>
              <td className="num">{count(c.updated)}</td>
              <td className="num">{count(c.unchanged)}</td>
              <td className="num">{count(c.moved)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.moves.length > 0 && (
        <div className="import-moves">
          <h3 className="import-moves-title">
            {moved > report.moves.length
              ? `The first ${report.moves.length} of ${plural(moved, "move")}`
              : plural(moved, "move")}
          </h3>
          <ul data-testid="import-moves">
            {report.moves.map((m) => (
              <li key={m.line}>
                <span className="import-move-name">{m.customer}</span> <span className="muted">({m.persona})</span>{" "}
                {m.from ?? "no step"} → {m.to ?? "no step"}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
