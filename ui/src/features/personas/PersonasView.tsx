import { useState } from "react";
import { useClient } from "../../ipc/context";
import type { Persona, PersonaId, PersonaSummary } from "../../ipc/client";
import { formatArr, formatShare, plural } from "../../lib/format";
import { Icon } from "../../components/Icons";
import { CoverageGauge } from "./CoverageGauge";
import { DeletePersonaDialog } from "./DeletePersonaDialog";
import { PersonaForm } from "./PersonaForm";
import { TemplateDialog } from "./TemplateDialog";
import { draftFromPersona, emptyDraft } from "./personaForm";

interface Props {
  personas: PersonaSummary[];
  selected: PersonaId | null;
  onSelect: (id: PersonaId) => void;
  onOpenMap: (id: PersonaId) => void;
  /** Called after any change so the frame reloads personas and the status line. */
  onChanged: (selected?: PersonaId) => void;
  onError: (error: unknown) => void;
  /** Opens the customer import (which can create personas and steps from the file). */
  onImport: () => void;
  /** True while the personas are being loaded again (aria-busy). */
  busy: boolean;
}

type Editing = { mode: "create" } | { mode: "edit"; persona: Persona } | null;

export function PersonasView({ personas, selected, onSelect, onOpenMap, onChanged, onError, onImport, busy }: Props) {
  const client = useClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);
  const [deleting, setDeleting] = useState<PersonaSummary | null>(null);
  const [fromTemplate, setFromTemplate] = useState(false);

  async function loadDemo() {
    setLoadingDemo(true);
    try {
      await client.loadDemo();
      onChanged();
    } catch (error) {
      onError(error);
    } finally {
      setLoadingDemo(false);
    }
  }

  async function remove(summary: PersonaSummary) {
    if (summary.customerCount > 0) {
      setDeleting(summary);
      return;
    }
    try {
      await client.deletePersona(summary.persona.id, { type: "keep" });
      onChanged();
    } catch (error) {
      onError(error);
    }
  }

  return (
    <section className="view" aria-labelledby="personas-title" aria-busy={busy}>
      <header className="view-header">
        <div>
          <h1 id="personas-title">Personas</h1>
          <p className="view-subtitle">
            Each persona stands for one kind of customer with a shared definition of success.
          </p>
        </div>
        {editing === null && personas.length > 0 && (
          <div className="view-tools">
            <button
              type="button"
              className="button"
              onClick={() => setFromTemplate(true)}
              data-testid="new-from-template"
            >
              From a template…
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setEditing({ mode: "create" })}
              data-testid="new-persona"
            >
              <Icon name="plus" size={16} /> New persona
            </button>
          </div>
        )}
      </header>

      {personas.length > 0 && <CoverageGauge personas={personas} />}

      {fromTemplate && (
        <TemplateDialog
          onCreated={(persona) => {
            setFromTemplate(false);
            onChanged(persona.id);
          }}
          onClose={() => setFromTemplate(false)}
        />
      )}
      {editing !== null && (
        <PersonaForm
          key={editing.mode === "edit" ? editing.persona.id : "new"}
          title={editing.mode === "edit" ? `Edit ${editing.persona.name}` : "New persona"}
          submitLabel={editing.mode === "edit" ? "Save changes" : "Create persona"}
          initial={editing.mode === "edit" ? draftFromPersona(editing.persona) : emptyDraft()}
          onSubmit={(input) =>
            editing.mode === "edit" ? client.updatePersona(editing.persona.id, input) : client.createPersona(input)
          }
          onDone={(persona) => {
            setEditing(null);
            onChanged(persona.id);
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      {personas.length === 0 && editing === null ? (
        <div className="empty-state" data-testid="personas-empty">
          <h2>No personas yet</h2>
          <p>
            Start with the few kinds of customers that bring most of your revenue: up to five personas usually cover
            about 80% of it. Each one gets its own success map.
          </p>
          <div className="empty-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => setEditing({ mode: "create" })}
              data-testid="new-persona"
            >
              <Icon name="plus" size={16} /> Create a persona
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setFromTemplate(true)}
              data-testid="new-from-template"
            >
              Start from a template…
            </button>
            <button type="button" className="button" onClick={onImport} data-testid="personas-import">
              Start from a CRM export…
            </button>
            <button type="button" className="button" onClick={loadDemo} disabled={loadingDemo}>
              {loadingDemo ? "Loading the demo…" : "Explore the demo workspace"}
            </button>
          </div>
        </div>
      ) : (
        <ul className="persona-grid" data-testid="persona-list">
          {personas.map((summary) => {
            const { persona, stepCount, customerCount, arrCents } = summary;
            return (
              <li key={persona.id}>
                <article
                  className="persona-card"
                  aria-current={selected === persona.id ? "true" : undefined}
                  onClick={() => onSelect(persona.id)}
                  data-testid="persona-card"
                >
                  <header className="persona-card-head">
                    <span className="swatch swatch-lg" style={{ background: persona.color }} aria-hidden="true" />
                    <h2 className="persona-name">{persona.name}</h2>
                    <span className="badge" title="Share of total revenue">
                      {formatShare(persona.revenueShare)}
                    </span>
                  </header>
                  {persona.description && <p className="persona-description">{persona.description}</p>}
                  {persona.successDefinition && (
                    <div className="persona-success">
                      <h3>Success means</h3>
                      <p>{persona.successDefinition}</p>
                    </div>
                  )}
                  {persona.goals.length > 0 && (
                    <ul className="goal-list" aria-label="Goals">
                      {persona.goals.map((goal, i) => (
                        <li key={i}>{goal}</li>
                      ))}
                    </ul>
                  )}
                  <dl className="persona-figures">
                    <div>
                      <dt>Steps</dt>
                      <dd>{stepCount}</dd>
                    </div>
                    <div>
                      <dt>Customers</dt>
                      <dd>{customerCount.toLocaleString("en-US")}</dd>
                    </div>
                    <div>
                      <dt>ARR</dt>
                      <dd>{formatArr(arrCents)}</dd>
                    </div>
                  </dl>
                  <footer className="persona-actions">
                    <button type="button" className="button button-small" onClick={() => onOpenMap(persona.id)}>
                      Open map
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      onClick={(e) => {
                        e.stopPropagation();
                        setEditing({ mode: "edit", persona });
                      }}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet button-danger"
                      title={customerCount > 0 ? `Has ${plural(customerCount, "customer")}` : undefined}
                      onClick={(e) => {
                        e.stopPropagation();
                        void remove(summary);
                      }}
                    >
                      Delete
                    </button>
                  </footer>
                </article>
              </li>
            );
          })}
        </ul>
      )}
      {deleting && (
        <DeletePersonaDialog
          persona={deleting}
          others={personas.filter((p) => p.persona.id !== deleting.persona.id)}
          onConfirm={async (customers) => {
            await client.deletePersona(deleting.persona.id, customers);
            onChanged();
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
