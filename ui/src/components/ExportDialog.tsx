// Export the listed customers (all, or those the filters match) to a CSV file. The path
// can be typed or chosen in the native save dialog. An existing file is replaced only
// after the user says so: here for a typed path, in the native dialog for a chosen one.
import { useEffect, useState } from "react";
import { BackendError, type CustomerQuery } from "../ipc/client";
import { useClient } from "../ipc/context";
import { plural } from "../lib/format";
import { FormDialog, useForm } from "./FormDialog";

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
  // One field: whatever goes wrong (no path, a file that cannot be written) is said at the path.
  const form = useForm<"path">({ errorsAt: "path" });
  const [path, setPath] = useState("");
  const [done, setDone] = useState<string | null>(null);
  // The path the user agreed to replace (in the native dialog, or after our question).
  const [replaceable, setReplaceable] = useState<string | null>(null);
  // The path that exists and is waiting for the user's answer.
  const [asking, setAsking] = useState<string | null>(null);

  useEffect(() => {
    const date = new Date().toISOString().slice(0, 10);
    client.suggestPath(`${subject === undefined ? "customers" : fileStem(subject)}-${date}.csv`).then(
      (p) => setPath((current) => current || p),
      () => {},
    );
  }, [client, subject]);

  function submit() {
    if (path.trim() === "") {
      form.setErrors({ path: "Choose where to save the file" });
      return;
    }
    const target = path.trim();
    const replace = replaceable === target || asking === target;
    void form.run(async () => {
      try {
        const written = await client.exportCustomers(query, target, replace);
        setAsking(null);
        setDone(`Exported ${plural(written, "customer")} to ${target}`);
      } catch (err) {
        if (err instanceof BackendError && err.code === "file_exists") {
          setAsking(target);
          return;
        }
        throw err;
      }
    });
  }

  function changePath(next: string, chosen: boolean) {
    setPath(next);
    setDone(null);
    setAsking(null);
    setReplaceable(chosen ? next : null);
    form.clear("path");
  }

  return (
    <FormDialog
      form={form}
      testId="export-dialog"
      title={subject === undefined ? "Export customers to CSV" : "Export segment to CSV"}
      onSubmit={submit}
      onCancel={onClose}
      cancelLabel={done ? "Close" : "Cancel"}
      hideSubmit={done !== null}
      submitLabel={asking !== null ? "Replace" : "Export"}
      busyLabel="Exporting…"
      submitTestId="export-save"
      footer={
        done && (
          <p className="notice-inline" role="status" data-testid="export-done">
            {done}
          </p>
        )
      }
    >
      <p className="muted">
        {subject !== undefined
          ? `The ${plural(count, "customer")} of ${subject}`
          : filtered
            ? `The ${plural(count, "customer")} the filters match`
            : `All ${plural(count, "customer")}`}
        , with persona and steps by name. The file can be imported again.
      </p>
      <div className="field">
        <label htmlFor={form.fieldId("path")}>Save as</label>
        <div className="path-field">
          <input
            {...form.fieldProps("path")}
            className="mono"
            value={path}
            onChange={(e) => changePath(e.target.value, false)}
            data-testid="export-path"
          />
          <button
            type="button"
            className="button"
            onClick={() =>
              client.pickSavePath(path).then(
                (p) => p && changePath(p, true),
                (err: unknown) => form.fail(err),
              )
            }
          >
            Choose…
          </button>
        </div>
        {form.fieldError("path")}
        {asking !== null && (
          <p className="notice-inline notice-warning" role="alert" data-testid="export-exists">
            {asking} already exists. Replace it with this export, or change the name.
          </p>
        )}
      </div>
    </FormDialog>
  );
}
