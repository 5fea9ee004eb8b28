// Export the listed customers (all, or those the filters match) to a CSV file. The path
// can be typed or chosen in the native save dialog.
import { useEffect, useId, useState, type FormEvent } from "react";
import { describeError, type CustomerQuery } from "../ipc/client";
import { useClient } from "../ipc/context";
import { plural } from "../lib/format";
import { useModal } from "../lib/useModal";

interface Props {
  query: CustomerQuery;
  count: number;
  filtered: boolean;
  /** Names what is exported (a segment); the customer list's export says nothing more. */
  subject?: string;
  onClose: () => void;
}

/** A file name part from a segment's name: "Big pilots (EU)" → "big-pilots-eu". */
export function fileStem(name: string): string {
  const stem = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return stem === "" ? "segment" : stem;
}

export function ExportDialog({ query, count, filtered, subject, onClose }: Props) {
  const client = useClient();
  const ref = useModal();
  const id = useId();
  const [path, setPath] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const date = new Date().toISOString().slice(0, 10);
    client.suggestPath(`${subject === undefined ? "customers" : fileStem(subject)}-${date}.csv`).then(
      (p) => setPath((current) => current || p),
      () => {},
    );
  }, [client, subject]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (path.trim() === "") {
      setError("Choose where to save the file");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const written = await client.exportCustomers(query, path.trim());
      setDone(`Exported ${plural(written, "customer")} to ${path.trim()}`);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="export-dialog"
    >
      <form className="dialog-form" onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{subject === undefined ? "Export customers to CSV" : "Export segment to CSV"}</h2>
        <p className="muted">
          {subject !== undefined
            ? `The ${plural(count, "customer")} of ${subject}`
            : filtered
              ? `The ${plural(count, "customer")} the filters match`
              : `All ${plural(count, "customer")}`}
          , with persona and steps by name. The file can be imported again.
        </p>
        <div className="field">
          <label htmlFor={`${id}-path`}>Save as</label>
          <div className="path-field">
            <input
              id={`${id}-path`}
              className="mono"
              value={path}
              onChange={(e) => {
                setPath(e.target.value);
                setDone(null);
              }}
              aria-invalid={error ? true : undefined}
              data-testid="export-path"
            />
            <button
              type="button"
              className="button"
              onClick={() =>
                client.pickSavePath(path).then(
                  (p) => p && setPath(p),
                  (err) => setError(describeError(err)),
                )
              }
            >
              Choose…
            </button>
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        {done && (
          <p className="notice-inline" role="status" data-testid="export-done">
            {done}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {done ? "Close" : "Cancel"}
          </button>
          {!done && (
            <button type="submit" className="button button-primary" disabled={busy} data-testid="export-save">
              {busy ? "Exporting…" : "Export"}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
