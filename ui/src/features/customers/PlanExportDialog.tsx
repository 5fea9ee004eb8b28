// A customer's success plan for a business review with that customer: its map with
// where it stands and aims, its KPI values against the levels ahead, the vehicles on
// the moves to its target and its history. The core makes the file; internal figures
// (ARR, health, owner, renewal) stay out unless the user asks for them.
import { useId, useState } from "react";
import type { Customer, HandoutFormat, Paper } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { fileStem } from "../../components/ExportDialog";
import { SaveFileDialog } from "../../components/SaveFileDialog";
import { FormatChoice, PaperSelect, type FormatOption } from "../../components/ExportChoices";
import { defaultPaper } from "../../lib/paper";

interface Props {
  customer: Customer;
  onClose: () => void;
}

const FORMATS: FormatOption<HandoutFormat>[] = [
  {
    value: "pdf",
    label: "PDF",
    hint: "Landscape pages to print or send: the map with this customer's steps marked, then its KPIs, the moves to its target and its history.",
  },
  {
    value: "html",
    label: "HTML",
    hint: "One file that opens offline in any browser and prints cleanly.",
  },
];

export function PlanExportDialog({ customer, onClose }: Props) {
  const client = useClient();
  const id = useId();
  const [format, setFormat] = useState<HandoutFormat>("pdf");
  const [internal, setInternal] = useState(false);
  const [paper, setPaper] = useState<Paper>(() => defaultPaper(navigator.language));
  const date = new Date().toISOString().slice(0, 10);

  return (
    <SaveFileDialog
      id="plan-export"
      title="Success plan"
      suggestedName={`${fileStem(customer.name)}-success-plan-${date}.${format}`}
      subject={JSON.stringify([customer.id, format, internal, paper])}
      submitLabel="Export"
      busyLabel="Exporting…"
      what={format.toUpperCase()}
      pick={(suggested) => client.pickMapPath(suggested, format)}
      save={async (path, replace) => {
        await client.exportHandout(customer.id, { format, internal, paper }, path, replace);
        return `Exported the success plan of ${customer.name} to ${path}`;
      }}
      onClose={onClose}
    >
      <p className="field-hint">
        For a review with {customer.name}: its map with where it stands and aims, its KPI values against the levels
        ahead, the vehicles on the moves to its target and its history.
      </p>
      <FormatChoice id={id} testId="plan-export-format" formats={FORMATS} value={format} onChange={setFormat} />
      {format === "pdf" && <PaperSelect id={id} testId="plan-export-paper" value={paper} onChange={setPaper} />}
      <label className="check-field">
        <input
          type="checkbox"
          checked={internal}
          onChange={(e) => setInternal(e.target.checked)}
          data-testid="plan-export-internal"
        />
        <span>Include internal figures: ARR, health, owner and renewal date</span>
      </label>
      {internal && <p className="field-hint">These are for your team: leave them out of what the customer sees.</p>}
    </SaveFileDialog>
  );
}
