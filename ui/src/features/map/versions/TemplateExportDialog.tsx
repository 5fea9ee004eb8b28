// Export ▸ Map template…: the persona's map as a template file to share or start other
// maps from (docs/map-format.md).
import { TEMPLATE_EXTENSION, type PersonaSummary } from "../../../ipc/client";
import { useClient } from "../../../ipc/context";
import { SaveFileDialog } from "../../../components/SaveFileDialog";

export function TemplateExportDialog({ persona, onClose }: { persona: PersonaSummary; onClose: () => void }) {
  const client = useClient();
  const stem = persona.persona.name.trim().replace(/[\\/:*?"<>|]+/g, "-") || "map";
  return (
    <SaveFileDialog
      id="template-export"
      title="Save the map as a template"
      suggestedName={`${stem}.${TEMPLATE_EXTENSION}`}
      submitLabel="Save template"
      busyLabel="Saving…"
      what="template"
      pick={client.pickTemplatePath}
      save={async (path, replace) => {
        await client.exportMapTemplate(persona.persona.id, path, replace);
        return `Saved the map of ${persona.persona.name} as a template to ${path}`;
      }}
      onClose={onClose}
    >
      <p className="muted">
        The map&apos;s steps, outcomes, notes, KPIs with their levels and vehicles, without customers: anyone can start
        a persona&apos;s map from it with New persona from a template.
      </p>
    </SaveFileDialog>
  );
}
