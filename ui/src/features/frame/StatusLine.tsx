import type { WorkspaceInfo } from "../../ipc/client";
import { plural } from "../../lib/format";

export function StatusLine({ info }: { info: WorkspaceInfo | null }) {
  return (
    <footer className="status-line" role="status" aria-live="polite">
      {info === null ? (
        <span>Opening workspace…</span>
      ) : (
        <>
          <span className="status-path" title={info.path ?? undefined} data-testid="status-path">
            {info.path ?? "In-memory workspace"}
          </span>
          <span className="status-sep" aria-hidden="true">
            ·
          </span>
          <span>{plural(info.personaCount, "persona")}</span>
          <span className="status-sep" aria-hidden="true">
            ·
          </span>
          <span data-testid="status-line-customers">{plural(info.customerCount, "customer")}</span>
          <span className="status-sep" aria-hidden="true">
            ·
          </span>
          <span>schema v{info.schemaVersion}</span>
        </>
      )}
    </footer>
  );
}
