// Export a persona's map as a drawing: PDF (this map, or every persona's, one page
// each), PNG or SVG, with or without customer figures. The drawing is made by the core;
// this dialog only says what to make and where.
import { useId, useState } from "react";
import type { MapCustomers, MapFormat, Paper, PersonaId, PersonaSummary } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { fileStem } from "../../components/ExportDialog";
import { SaveFileDialog } from "../../components/SaveFileDialog";
import { FormatChoice, PaperSelect, type FormatOption } from "../../components/ExportChoices";
import { useLoad } from "../../lib/useLoad";
import { defaultPaper } from "../../lib/paper";

interface Props {
  persona: PersonaSummary;
  onClose: () => void;
}

const FORMATS: FormatOption<MapFormat>[] = [
  { value: "pdf", label: "PDF", hint: "Vector, one landscape page per map: to print or send." },
  { value: "png", label: "PNG", hint: "An image: for slides, documents and chat." },
  { value: "svg", label: "SVG", hint: "A vector drawing: for design tools and web pages." },
  {
    value: "html",
    label: "HTML handout",
    hint: "One file that opens offline in any browser: each step opens on a click or a key; it prints every step.",
  },
];

/** Formats that can hold several maps. */
const MANY: MapFormat[] = ["pdf", "html"];

const CUSTOMERS: { value: MapCustomers; label: string }[] = [
  { value: "counts", label: "Counts and ARR per step, no names" },
  { value: "names", label: "Counts, ARR and the largest customers' names" },
  { value: "none", label: "No customer figures: the map alone" },
];

export function MapExportDialog({ persona, onClose }: Props) {
  const client = useClient();
  const id = useId();
  const [format, setFormat] = useState<MapFormat>("pdf");
  const [customers, setCustomers] = useState<MapCustomers>("counts");
  const [paper, setPaper] = useState<Paper>(() => defaultPaper(navigator.language));
  const [scale, setScale] = useState(2);
  const [slides, setSlides] = useState(false);
  const [matrix, setMatrix] = useState(false);
  const [allPersonas, setAllPersonas] = useState(false);
  const personas = useLoad(() => client.listPersonas(), [client]);
  const others = (personas.data ?? []).filter((p) => p.persona.id !== persona.persona.id);
  const everyone = allPersonas && MANY.includes(format) && others.length > 0;
  const ids: PersonaId[] = everyone ? (personas.data ?? []).map((p) => p.persona.id) : [persona.persona.id];
  const date = new Date().toISOString().slice(0, 10);
  const deck = slides && format === "pdf";
  const withMatrix = matrix && format === "pdf" && !slides && customers !== "none";
  const stem = everyone
    ? deck
      ? "presentations"
      : "success-maps"
    : `${fileStem(persona.persona.name)}-${deck ? "slides" : "map"}`;

  return (
    <SaveFileDialog
      id="map-export"
      title="Export map"
      suggestedName={`${stem}-${date}.${format}`}
      subject={JSON.stringify([format, customers, paper, scale, deck, withMatrix, ids])}
      submitLabel="Export"
      busyLabel="Exporting…"
      what={format.toUpperCase()}
      pick={(suggested) => client.pickMapPath(suggested, format)}
      save={async (path, replace) => {
        await client.exportMap(
          ids,
          { format, customers, paper, scale, slides: deck, matrix: withMatrix },
          path,
          replace,
        );
        return `Exported ${everyone ? `${ids.length} maps` : `the map of ${persona.persona.name}`} to ${path}`;
      }}
      onClose={onClose}
    >
      <FormatChoice id={id} testId="map-export-format" formats={FORMATS} value={format} onChange={setFormat} />
      {MANY.includes(format) && (
        <div className="export-options">
          {format === "pdf" && (
            <label className="check-field">
              <input
                type="checkbox"
                checked={slides}
                onChange={(e) => setSlides(e.target.checked)}
                data-testid="map-export-slides"
              />
              <span>As presented: 16:9 slides, a page per reveal</span>
            </label>
          )}
          {format === "pdf" && !slides && (
            <PaperSelect id={id} testId="map-export-paper" value={paper} onChange={setPaper} />
          )}
          {format === "pdf" && !slides && customers !== "none" && (
            <label className="check-field">
              <input
                type="checkbox"
                checked={matrix}
                onChange={(e) => setMatrix(e.target.checked)}
                data-testid="map-export-matrix"
              />
              <span>After each map, its customers by current and target step (counts and ARR)</span>
            </label>
          )}
          {others.length > 0 && (
            <label className="check-field">
              <input
                type="checkbox"
                checked={allPersonas}
                onChange={(e) => setAllPersonas(e.target.checked)}
                data-testid="map-export-all"
              />
              <span>
                Every persona's map
                {format === "pdf" && !slides
                  ? `, a page each (${others.length + 1} pages)`
                  : ` (${others.length + 1} maps)`}
              </span>
            </label>
          )}
        </div>
      )}
      {format === "png" && (
        <div className="field">
          <label htmlFor={`${id}-scale`}>Size</label>
          <select
            id={`${id}-scale`}
            value={scale}
            onChange={(e) => setScale(Number(e.target.value))}
            data-testid="map-export-scale"
          >
            <option value={1}>1× (for screens)</option>
            <option value={2}>2× (sharp in print and on high-density screens)</option>
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-customers`}>Customers</label>
        <select
          id={`${id}-customers`}
          value={customers}
          onChange={(e) => setCustomers(e.target.value as MapCustomers)}
          data-testid="map-export-customers"
        >
          {CUSTOMERS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        {customers === "names" && (
          <p className="field-hint">Names are for your team: leave them out of a handout for a room.</p>
        )}
      </div>
    </SaveFileDialog>
  );
}
