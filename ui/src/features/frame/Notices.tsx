// Errors and confirmations shown at the top of the content area. Errors stay until
// dismissed; they are announced to screen readers.
import { describeError } from "../../ipc/client";
import { Icon } from "../../components/Icons";

export interface Notice {
  id: number;
  text: string;
}

let nextId = 1;
export function noticeFrom(error: unknown): Notice {
  return { id: nextId++, text: describeError(error) };
}

export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className="notice notice-error" role="alert" data-testid="error-notice">
          <Icon name="alert" />
          <p>{n.text}</p>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => onDismiss(n.id)}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
