// Export the listed customers (all, or those the filters match) to a CSV file.
import type { CustomerQuery } from "../ipc/client";
import { useClient } from "../ipc/context";
import { plural } from "../lib/format";
import { SaveFileDialog } from "./SaveFileDialog";

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
  const date = new Date().toISOString().slice(0, 10);
  return (
    <SaveFileDialog
      id="export"
      title={subject === undefined ? "Export customers to CSV" : "Export segment to CSV"}
      suggestedName={`${subject === undefined ? "customers" : fileStem(subject)}-${date}.csv`}
      submitLabel="Export"
      busyLabel="Exporting…"
      what="export"
      pick={client.pickSavePath}
      save={async (path, replace) => {
        const written = await client.exportCustomers(query, path, replace);
        return `Exported ${plural(written, "customer")} to ${path}`;
      }}
      onClose={onClose}
    >
      <p className="muted">
        {subject !== undefined
          ? `The ${plural(count, "customer")} of ${subject}`
          : filtered
            ? `The ${plural(count, "customer")} the filters match`
            : `All ${plural(count, "customer")}`}
        , with persona and steps by name. The file can be imported again.
      </p>
    </SaveFileDialog>
  );
}
