// The customer list: a virtualized table that loads pages of rows as they scroll into
// view, so a million customers cost no more than the forty on screen. Keyboard: the
// list is one tab stop; arrows, Page Up/Down, Home and End move the active row, Space
// selects it, Enter opens it.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import type { CustomerId, CustomerQuery, CustomerRow, CustomerSort } from "../ipc/client";
import { describeError } from "../ipc/client";
import { useClient } from "../ipc/context";
import { healthClass } from "../lib/customerFilters";
import { formatArrExact } from "../lib/format";
import { pagesFor, rowWindow, scrollTopFor } from "../lib/virtualRows";

const ROW = 36;
const PAGE = 100;

interface Props {
  query: CustomerQuery;
  revision: number;
  selected: ReadonlyMap<CustomerId, CustomerRow>;
  onToggle: (row: CustomerRow, on: boolean) => void;
  open: CustomerId | null;
  onOpen: (id: CustomerId) => void;
  onTotal: (total: number | null) => void;
  onSort: (sort: CustomerSort) => void;
}

interface Column {
  key: string;
  label: string;
  sort?: CustomerSort;
  num?: boolean;
}

const COLUMNS: Column[] = [
  { key: "name", label: "Name", sort: "name" },
  { key: "persona", label: "Persona", sort: "persona" },
  { key: "current", label: "Current step", sort: "current_step" },
  { key: "target", label: "Target step" },
  { key: "arr", label: "ARR", sort: "arr", num: true },
  { key: "health", label: "Health", sort: "health", num: true },
  { key: "nps", label: "NPS", num: true },
  { key: "owner", label: "Owner" },
  { key: "renewal", label: "Renewal", sort: "renewal_date" },
];

export function CustomerList({ query, revision, selected, onToggle, open, onOpen, onTotal, onSort }: Props) {
  const client = useClient();
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(480);
  const [scrollTop, setScrollTop] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [activeAt, setActiveAt] = useState({ key: "", index: 0 });
  const loading = useRef(new Set<string>());
  const queryKey = JSON.stringify(query);
  const cacheKey = `${queryKey}#${revision}`;
  // Pages belong to one query at one revision; after an edit the rows reload where the
  // user is, after a new query the list starts at the top.
  const [cache, setCache] = useState<{ key: string; pages: Map<number, CustomerRow[]>; total: number | null }>({
    key: cacheKey,
    pages: new Map(),
    total: null,
  });
  if (cache.key !== cacheKey) {
    const sameQuery = cache.key.slice(0, cache.key.lastIndexOf("#")) === queryKey;
    setCache({ key: cacheKey, pages: new Map(), total: sameQuery ? cache.total : null });
    setError(null);
  }
  const { pages, total } = cache;
  // The key the list shows now, for callbacks of requests that may have been overtaken.
  const currentKey = useRef(cacheKey);
  useEffect(() => {
    currentKey.current = cacheKey;
  }, [cacheKey]);
  const active = activeAt.key === queryKey ? activeAt.index : 0;
  const setActive = (index: number) => setActiveAt({ key: queryKey, index });

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [queryKey]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(Math.max(ROW, el.clientHeight - ROW));
    measure();
    const observer = typeof ResizeObserver === "function" ? new ResizeObserver(measure) : null;
    observer?.observe(el);
    return () => observer?.disconnect();
  }, []);

  const win = rowWindow(total ?? 0, ROW, viewport, scrollTop);
  // Page 0 also tells the total: it is always asked first for a new query or revision.
  const visiblePages = pagesFor(win.first, win.count, PAGE);
  const needed = pages.size === 0 && !visiblePages.includes(0) ? [0, ...visiblePages] : visiblePages;

  const load = useCallback(
    (page: number) => {
      const key = cacheKey;
      const token = `${key}:${page}`;
      loading.current.add(token);
      client.listCustomers(query, page * PAGE, PAGE).then(
        (result) => {
          loading.current.delete(token);
          setCache((c) =>
            c.key === key ? { key, pages: new Map(c.pages).set(page, result.rows), total: result.total } : c,
          );
        },
        (e: unknown) => {
          loading.current.delete(token);
          if (currentKey.current === key) setError(describeError(e));
        },
      );
    },
    // cacheKey stands for query and revision.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, cacheKey],
  );

  const neededKey = needed.join(",");
  useEffect(() => {
    for (const page of needed) if (!pages.has(page) && !loading.current.has(`${cacheKey}:${page}`)) load(page);
    // neededKey stands for needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [neededKey, pages, load, cacheKey]);

  // Reported before the browser paints: a count beside the list changes with its rows.
  useLayoutEffect(() => {
    onTotal(total);
  }, [total, onTotal]);

  // Busy while a page the list needs has not arrived (and nothing failed).
  const busy = error === null && needed.some((page) => !pages.has(page));

  const rowAt = (index: number): CustomerRow | undefined => pages.get(Math.floor(index / PAGE))?.[index % PAGE];

  const moveTo = (index: number) => {
    if (total === null || total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    const el = scroller.current;
    if (el) {
      const top = scrollTopFor(next, total, ROW, viewport, el.scrollTop);
      if (top !== el.scrollTop) el.scrollTop = top;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor(viewport / ROW) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + page),
      PageUp: () => moveTo(active - page),
      Home: () => moveTo(0),
      End: () => moveTo((total ?? 1) - 1),
      Enter: () => {
        const row = rowAt(active);
        if (row) onOpen(row.customer.id);
      },
      " ": () => {
        const row = rowAt(active);
        if (row) onToggle(row, !selected.has(row.customer.id));
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const rows = [];
  for (let i = win.first; i < win.first + win.count; i++) {
    const row = rowAt(i);
    const top = win.top + (i - win.first) * ROW;
    const isActive = i === active;
    if (!row) {
      rows.push(
        <div key={`p${i}`} className="crow crow-placeholder" role="row" style={{ top }} aria-rowindex={i + 2}>
          <span className="cell cell-check" />
          <span className="cell">Loading…</span>
        </div>,
      );
      continue;
    }
    const c = row.customer;
    const isSelected = selected.has(c.id);
    const regression =
      row.currentStepPosition !== null &&
      row.targetStepPosition !== null &&
      row.targetStepPosition < row.currentStepPosition;
    rows.push(
      <div
        key={c.id}
        id={`customer-row-${i}`}
        className={`crow${isSelected ? " is-selected" : ""}${open === c.id ? " is-open" : ""}${isActive ? " is-active" : ""}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={isSelected}
        style={{ top }}
        data-testid="customer-row"
        onClick={() => {
          setActive(i);
          onOpen(c.id);
        }}
      >
        <span className="cell cell-check" role="gridcell">
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label={`Select ${c.name}`}
            checked={isSelected}
            onClick={(e) => e.stopPropagation()}
            onChange={(e) => onToggle(row, e.target.checked)}
          />
        </span>
        <span className="cell cell-name" role="gridcell" title={c.name}>
          {c.name}
          {c.externalId && <span className="cell-sub mono">{c.externalId}</span>}
        </span>
        <span className="cell" role="gridcell">
          {row.personaName}
        </span>
        <span className="cell" role="gridcell">
          {row.currentStepTitle ?? <span className="muted">Not placed</span>}
        </span>
        <span className="cell" role="gridcell">
          {row.targetStepTitle ?? <span className="muted">—</span>}
          {regression && (
            <span className="badge badge-warn" title="The target lies before the current step">
              regression
            </span>
          )}
        </span>
        <span className="cell num" role="gridcell">
          {formatArrExact(c.arrCents)}
        </span>
        <span className="cell num" role="gridcell">
          <span className={`health ${healthClass(c.health)}`}>{c.health ?? "—"}</span>
        </span>
        <span className="cell num" role="gridcell">
          {c.nps ?? "—"}
        </span>
        <span className="cell" role="gridcell">
          {c.owner || <span className="muted">—</span>}
        </span>
        <span className="cell nowrap" role="gridcell">
          {c.renewalDate ?? <span className="muted">—</span>}
        </span>
      </div>,
    );
  }

  return (
    <div className="clist-wrap">
      {error && (
        <div className="notice notice-error" role="alert">
          <p>Customers could not be loaded: {error}</p>
        </div>
      )}
      <div
        ref={scroller}
        className="clist"
        role="grid"
        aria-label="Customers"
        aria-rowcount={total === null ? -1 : total + 1}
        aria-multiselectable
        aria-busy={busy}
        aria-activedescendant={total ? `customer-row-${active}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="customer-list"
      >
        <div className="crow chead" role="row" aria-rowindex={1}>
          <span className="cell cell-check" role="columnheader">
            <span className="visually-hidden">Selected</span>
          </span>
          {COLUMNS.map((col) => {
            const sorted = col.sort === query.sort;
            return (
              <span
                key={col.key}
                className={`cell${col.num ? " num" : ""}`}
                role="columnheader"
                aria-sort={sorted ? (query.descending ? "descending" : "ascending") : undefined}
              >
                {col.sort ? (
                  <button type="button" className="sort-button" onClick={() => onSort(col.sort as CustomerSort)}>
                    {col.label}
                    <span aria-hidden="true" className="sort-mark">
                      {sorted ? (query.descending ? "▼" : "▲") : ""}
                    </span>
                  </button>
                ) : (
                  col.label
                )}
              </span>
            );
          })}
        </div>
        <div className="clist-body" style={{ height: win.spacerHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
