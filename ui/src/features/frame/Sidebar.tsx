import type { PersonaId, PersonaSummary } from "../../ipc/client";
import { Icon, type IconName } from "../../components/Icons";

export type View = "personas" | "map" | "customers" | "segments";

const VIEWS: { id: View; label: string; icon: IconName }[] = [
  { id: "personas", label: "Personas", icon: "personas" },
  { id: "map", label: "Map", icon: "map" },
  { id: "customers", label: "Customers", icon: "customers" },
  { id: "segments", label: "Segments", icon: "segments" },
];

interface Props {
  view: View;
  onView: (view: View) => void;
  personas: PersonaSummary[];
  selected: PersonaId | null;
  onSelect: (id: PersonaId) => void;
}

export function Sidebar({ view, onView, personas, selected, onSelect }: Props) {
  return (
    <nav className="sidebar" aria-label="Main">
      <ul className="nav-list">
        {VIEWS.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={view === v.id ? "page" : undefined}
              data-testid={`nav-${v.id}`}
              onClick={() => onView(v.id)}
            >
              <Icon name={v.icon} />
              <span>{v.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <h2 className="sidebar-heading" id="sidebar-personas">
        Personas
      </h2>
      {personas.length === 0 ? (
        <p className="sidebar-empty">None yet</p>
      ) : (
        <ul className="persona-nav" aria-labelledby="sidebar-personas" data-testid="sidebar-personas">
          {personas.map(({ persona }) => (
            <li key={persona.id}>
              <button
                type="button"
                className="persona-nav-item"
                aria-pressed={selected === persona.id}
                onClick={() => onSelect(persona.id)}
              >
                <span className="swatch" style={{ background: persona.color }} aria-hidden="true" />
                <span className="persona-nav-name">{persona.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
