// Every customer of the workspace: search, filters, sort, a virtualized list, bulk
// moves, add / edit / delete, CSV export, and one customer's detail beside the list.
import { useCallback, useEffect, useRef, useState } from "react";
import type {
  CustomerDetail,
  CustomerId,
  CustomerQuery,
  CustomerRow,
  CustomerSort,
  HealthBand,
  PersonaId,
  PersonaSummary,
  PlacementMove,
  PlacementSource,
  StepId,
} from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { HealthFilter, OwnerFilter, StepOptions } from "../../components/filters";
import { bandLabel, nextSort, personaOptions } from "../../lib/customerFilters";
import { plural } from "../../lib/format";
import { inFlight, useLoad } from "../../lib/useLoad";
import { Icon } from "../../components/Icons";
import { CustomerDialog } from "./CustomerDialog";
import { CustomerList } from "../../components/CustomerList";
import { CustomerPanel } from "./CustomerPanel";
import { draftFromCustomer, emptyCustomerDraft } from "./customerForm";
import { ExportDialog } from "../../components/ExportDialog";
import { useStepsLoad } from "../../lib/useSteps";
import { BulkBar } from "../../components/BulkBar";
import { useMenuRequest, type MenuRequest } from "../../lib/menuRequest";

export interface CustomerFilter {
  personaId: PersonaId | null;
  currentStepId: StepId | null;
}

interface Props {
  personas: PersonaSummary[];
  revision: number;
  filter: CustomerFilter;
  onFilter: (filter: CustomerFilter) => void;
  onChanged: () => void;
  onError: (error: unknown) => void;
  /** Opens the import wizard; without it there is no import button. */
  onImport?: () => void;
  /** A customer whose detail is open when the view opens. */
  initialOpen?: CustomerId | null;
  /** A native menu item for this view (Find customer, Export ▸ Customers…). */
  menuRequest?: MenuRequest | null;
}

type Dialog = { mode: "add" } | { mode: "edit"; detail: CustomerDetail } | { mode: "export" } | null;

export function CustomersView({
  personas,
  revision,
  filter,
  onFilter,
  onChanged,
  onError,
  onImport,
  initialOpen = null,
  menuRequest = null,
}: Props) {
  const client = useClient();
  const searchField = useRef<HTMLInputElement>(null);
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [owner, setOwner] = useState<string | null>(null);
  const [band, setBand] = useState<HealthBand | null>(null);
  const [sort, setSort] = useState<{ sort: CustomerSort; descending: boolean }>({ sort: "name", descending: false });
  const [selected, setSelected] = useState<Map<CustomerId, CustomerRow>>(new Map());
  const [open, setOpen] = useState<CustomerId | null>(initialOpen);
  const [total, setTotal] = useState<number | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  useMenuRequest(menuRequest, (id) => {
    if (id === "find-customer") {
      searchField.current?.focus();
      searchField.current?.select();
    } else if (id === "export-customers") setDialog({ mode: "export" });
  });
  const owners = useLoad(() => client.customerOwners(), [client, revision]);
  const { steps: filterSteps, loading: loadingSteps } = useStepsLoad(filter.personaId, revision);

  // Typing settles for a moment before the list is asked again.
  useEffect(() => {
    const t = setTimeout(() => setSearch(searchText), 200);
    return () => clearTimeout(t);
  }, [searchText]);

  const query: CustomerQuery = {
    search,
    personaId: filter.personaId,
    currentStepId: filter.currentStepId,
    owner,
    healthBand: band,
    minArrCents: null,
    maxArrCents: null,
    npsBand: null,
    renewalWithinDays: null,
    stalledDays: null,
    cell: null,
    quadrant: null,
    sort: sort.sort,
    descending: sort.descending,
  };

  const toggle = useCallback((row: CustomerRow, on: boolean) => {
    setSelected((s) => {
      const next = new Map(s);
      if (on) next.set(row.customer.id, row);
      else next.delete(row.customer.id);
      return next;
    });
  }, []);

  const place = (ids: CustomerId[], placement: PlacementMove, source: PlacementSource) =>
    client.placeCustomers(ids, placement, source).then(() => {
      if (source === "bulk") setSelected(new Map());
      onChanged();
    }, onError);

  const onSort = (key: CustomerSort) => setSort((s) => nextSort(s, key));

  const activeFilters = [
    search && { key: "search", label: `“${search}”`, clear: () => (setSearchText(""), setSearch("")) },
    filter.personaId !== null && {
      key: "persona",
      label: personas.find((p) => p.persona.id === filter.personaId)?.persona.name ?? "Persona",
      clear: () => onFilter({ personaId: null, currentStepId: null }),
    },
    filter.currentStepId !== null && {
      key: "step",
      label: `On ${filterSteps.find((s) => s.id === filter.currentStepId)?.title ?? "a step"}`,
      clear: () => onFilter({ ...filter, currentStepId: null }),
    },
    owner !== null && { key: "owner", label: owner === "" ? "No owner" : owner, clear: () => setOwner(null) },
    band !== null && {
      key: "band",
      label: bandLabel(band),
      clear: () => setBand(null),
    },
  ].filter((f): f is { key: string; label: string; clear: () => void } => Boolean(f));

  const noCustomersAtAll = total === 0 && activeFilters.length === 0;

  return (
    <section
      className="view view-customers"
      aria-labelledby="customers-title"
      aria-busy={inFlight(owners) || loadingSteps}
    >
      <header className="view-header">
        <div>
          <h1 id="customers-title">Customers</h1>
          <p className="view-subtitle" data-testid="customer-total">
            {total === null ? "Loading…" : plural(total, "customer")}
            {activeFilters.length > 0 && total !== null
              ? total === 1
                ? " matches the filters"
                : " match the filters"
              : ""}
          </p>
        </div>
        <div className="view-tools">
          {onImport && (
            <button type="button" className="button" onClick={onImport} data-testid="open-import">
              <Icon name="upload" /> Import…
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => setDialog({ mode: "export" })}
            disabled={!total}
            data-testid="open-export"
          >
            <Icon name="download" /> Export…
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => setDialog({ mode: "add" })}
            disabled={personas.length === 0}
            title={personas.length === 0 ? "Create a persona first: every customer belongs to one" : undefined}
            data-testid="add-customer"
          >
            <Icon name="plus" /> Add customer
          </button>
        </div>
      </header>

      <div className="filter-bar" role="search">
        <label className="search-field">
          <Icon name="search" />
          <span className="visually-hidden">Search customers</span>
          <input
            type="search"
            placeholder="Search name or external id"
            ref={searchField}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            data-testid="customer-search"
          />
        </label>
        <ChoiceSelect
          label="Persona"
          value={filter.personaId}
          options={personaOptions(personas)}
          all="All"
          onChange={(personaId) => onFilter({ personaId, currentStepId: null })}
          testId="filter-persona"
        />
        <label className="inline-field">
          <span>Step</span>
          <select
            value={filter.currentStepId ?? ""}
            disabled={filter.personaId === null}
            title={filter.personaId === null ? "Choose a persona to filter by its steps" : undefined}
            onChange={(e) =>
              onFilter({ ...filter, currentStepId: e.target.value === "" ? null : Number(e.target.value) })
            }
            data-testid="filter-step"
          >
            <option value="">All</option>
            <StepOptions steps={filterSteps} />
          </select>
        </label>
        <OwnerFilter owners={owners.data ?? []} value={owner} onChange={setOwner} />
        <HealthFilter value={band} onChange={setBand} testId="filter-health" />
      </div>
      {activeFilters.length > 0 && (
        <div className="active-filters" aria-label="Active filters">
          {activeFilters.map((f) => (
            <button
              key={f.key}
              type="button"
              className="filter-chip"
              onClick={f.clear}
              aria-label={`Remove filter ${f.label}`}
            >
              {f.label} <Icon name="close" size={12} />
            </button>
          ))}
          {activeFilters.length > 1 && (
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => {
                activeFilters.forEach((f) => f.clear());
              }}
            >
              Clear all
            </button>
          )}
        </div>
      )}

      <BulkBar
        selected={selected}
        revision={revision}
        onPlace={(ids, placement) => place(ids, placement, "bulk")}
        onClear={() => setSelected(new Map())}
      />

      {noCustomersAtAll ? (
        <div className="empty-state">
          <h2>No customers yet</h2>
          <p>
            Customers are the real accounts you place on a persona's success map, each on a current and a target step.
            Bring them in from a CRM export, or add them one by one.
          </p>
          <div className="empty-actions">
            {onImport && (
              <button type="button" className="button button-primary" onClick={onImport}>
                <Icon name="upload" /> Import from CSV or XLSX…
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() => setDialog({ mode: "add" })}
              disabled={personas.length === 0}
            >
              Add a customer
            </button>
          </div>
        </div>
      ) : null}
      <div className={`customers-body${open !== null ? " has-panel" : ""}`} hidden={noCustomersAtAll}>
        <CustomerList
          query={query}
          revision={revision}
          selected={selected}
          onToggle={toggle}
          open={open}
          onOpen={setOpen}
          onTotal={setTotal}
          onSort={onSort}
        />
        {open !== null && (
          <CustomerPanel
            id={open}
            revision={revision}
            onClose={() => setOpen(null)}
            onChanged={onChanged}
            onEdit={(detail) => setDialog({ mode: "edit", detail })}
            onPlace={(id, placement) => place([id], placement, "edit")}
            onDelete={(detail) =>
              client.deleteCustomer(detail.row.customer.id).then(() => {
                setOpen(null);
                setSelected((s) => {
                  const next = new Map(s);
                  next.delete(detail.row.customer.id);
                  return next;
                });
                onChanged();
              }, onError)
            }
          />
        )}
      </div>
      {total === 0 && activeFilters.length > 0 && <p className="empty-inline">No customer matches these filters.</p>}

      {dialog?.mode === "add" && (
        <CustomerDialog
          personas={personas}
          initial={emptyCustomerDraft(filter.personaId ?? personas[0]?.persona.id ?? null)}
          editing={false}
          onSubmit={(input) => client.createCustomer(input)}
          onClose={(saved) => {
            setDialog(null);
            if (saved) {
              setOpen(saved.id);
              onChanged();
            }
          }}
        />
      )}
      {dialog?.mode === "edit" && (
        <CustomerDialog
          personas={personas}
          initial={draftFromCustomer(dialog.detail.row.customer)}
          editing
          onSubmit={(input) => client.updateCustomer(dialog.detail.row.customer.id, input)}
          onClose={(saved) => {
            setDialog(null);
            if (saved) onChanged();
          }}
        />
      )}
      {dialog?.mode === "export" && (
        <ExportDialog
          query={query}
          count={total ?? 0}
          filtered={activeFilters.length > 0}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}
