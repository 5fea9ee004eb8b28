// What the window shows when no workspace is open (the user closed it, or the file could
// not be opened): create one, open one, or pick one of the workspaces used last.
import { useState } from "react";
import { describeError, type RecentWorkspace, type WorkspaceInfo } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { Brand } from "../../components/Brand";
import { Icon } from "../../components/Icons";
import { useLoad } from "../../lib/useLoad";

interface Props {
  /** Why the last workspace could not be opened, if that is why this screen shows. */
  problem: string | null;
  onNew: () => void;
  onOpen: () => void;
  onOpened: (info: WorkspaceInfo) => void;
}

export function StartScreen({ problem, onNew, onOpen, onOpened }: Props) {
  const client = useClient();
  const recent = useLoad(() => client.recentWorkspaces(), [client]);
  // A list changed here (an entry removed) replaces the loaded one.
  const [edited, setEdited] = useState<RecentWorkspace[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const list = edited ?? recent.data ?? [];

  const open = (path: string) => {
    setOpening(path);
    setError(null);
    client.openWorkspace(path).then(onOpened, (err: unknown) => {
      setOpening(null);
      setError(describeError(err));
    });
  };
  const forget = (path: string) => {
    client.forgetRecentWorkspace(path).then(setEdited, (err: unknown) => setError(describeError(err)));
  };

  return (
    <div className="start-screen" data-testid="start-screen">
      <div className="start-card">
        <Brand size={28} className="brand start-brand" />
        {problem !== null ? (
          <div className="notice notice-error" role="alert" data-testid="workspace-unavailable">
            <Icon name="alert" />
            <div>
              <p className="start-problem-title">The workspace could not be opened</p>
              <p>{problem}</p>
              <p className="muted">Nothing in the file was changed. Open another workspace or create a new one.</p>
            </div>
          </div>
        ) : (
          <p className="muted">
            No workspace is open. A workspace is one file that holds personas, maps and customers.
          </p>
        )}
        <div className="empty-actions">
          <button type="button" className="button button-primary" onClick={onNew} data-testid="start-new">
            <Icon name="plus" size={16} /> New workspace…
          </button>
          <button type="button" className="button" onClick={onOpen} data-testid="start-open">
            Open…
          </button>
        </div>
        {error !== null && (
          <p className="notice-inline notice-warning" role="alert" data-testid="start-error">
            {error}
          </p>
        )}
        <h2 className="start-heading" id="recent-heading">
          Recent workspaces
        </h2>
        {list.length === 0 ? (
          <p className="empty-inline" data-testid="recent-empty">
            {recent.state === "loading" ? "Loading…" : "Workspaces you create or open are listed here."}
          </p>
        ) : (
          <ul className="recent-list" aria-labelledby="recent-heading" data-testid="recent-list">
            {list.map((entry) => (
              <li key={entry.path} className="recent-item" data-testid="recent-item">
                <button
                  type="button"
                  className="recent-open"
                  disabled={!entry.exists || opening !== null}
                  onClick={() => open(entry.path)}
                  aria-label={entry.exists ? `Open ${entry.name}` : `${entry.name} (missing)`}
                >
                  <span className="recent-name">
                    {entry.name}
                    {!entry.exists && <span className="badge badge-warn">missing</span>}
                    {opening === entry.path && <span className="muted"> Opening…</span>}
                  </span>
                  <span className="recent-path mono">{entry.path}</span>
                </button>
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => forget(entry.path)}
                  aria-label={`Remove ${entry.name} from the list`}
                  title="Remove from the list (the file stays)"
                  data-testid="recent-forget"
                >
                  <Icon name="close" size={16} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
