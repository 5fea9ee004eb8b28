// The chosen segment below the charts: its name and size now, its customers (sortable,
// each opening in the Customers view), bulk moves of the picked ones, and export.
import { useCallback, useEffect, useRef, useState } from "react";
import type {
  CustomerId,
  CustomerQuery,
  CustomerRow,
  CustomerSort,
  PlacementMove,
  SegmentFilter,
} from "../../ipc/client";
import { BulkBar } from "../../components/BulkBar";
import { CustomerList } from "../../components/CustomerList";
import { plural } from "../../lib/format";
import { segmentQuery } from "./segmentFilter";
import type { Selection } from "./useSegmentSelection";

interface Props {
  selection: Selection;
  filter: SegmentFilter;
  sort: { sort: CustomerSort; descending: boolean };
  onSort: (key: CustomerSort) => void;
  revision: number;
  picked: Map<CustomerId, CustomerRow>;
  onToggle: (row: CustomerRow, on: boolean) => void;
  onClearPicked: () => void;
  onPlace: (ids: CustomerId[], placement: PlacementMove) => void;
  onOpenCustomer: (id: CustomerId) => void;
  onExport: (query: CustomerQuery, count: number) => void;
  onClose: () => void;
}

/** Give it a key per segment: its size starts from the one the segment was chosen with. */
export function SegmentPanel({
  selection,
  filter,
  sort,
  onSort,
  revision,
  picked,
  onToggle,
  onClearPicked,
  onPlace,
  onOpenCustomer,
  onExport,
  onClose,
}: Props) {
  const panel = useRef<HTMLElement>(null);
  // The size now (after a filter change or an edit), as its list counts it; until the list
  // has counted, the size it had when chosen.
  const [count, setCount] = useState(selection.count);
  const onTotal = useCallback((total: number | null) => {
    if (total !== null) setCount(total);
  }, []);
  // A chosen segment is shown below the charts: bring it into view.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  }, []);
  const query = segmentQuery(
    { ...filter, personaId: selection.personaId ?? filter.personaId },
    selection.cell,
    sort,
    selection.quadrant,
  );

  return (
    <section ref={panel} className="segment-panel" aria-labelledby="segment-title" data-testid="segment-panel">
      <header className="segment-panel-head">
        <h2 id="segment-title">
          {selection.label} <span className="muted">· {plural(count, "customer")}</span>
        </h2>
        <div className="view-tools">
          <button type="button" className="button" onClick={() => onExport(query, count)} data-testid="export-segment">
            Export segment…
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </header>
      <BulkBar selected={picked} revision={revision} onPlace={onPlace} onClear={onClearPicked} />
      <CustomerList
        query={query}
        revision={revision}
        selected={picked}
        onToggle={onToggle}
        open={null}
        onOpen={onOpenCustomer}
        onTotal={onTotal}
        onSort={onSort}
      />
    </section>
  );
}
