// The Segments view's filters and what is chosen under them: a matrix cell of one
// persona, a quadrant of success vs satisfaction, or the filters alone (stalled
// customers), and the customers picked in its list for a bulk move. The picks belong to
// one segment under one set of filters: another segment, or other filters, start with
// none picked (a picked customer must be one the list shows).
import { useCallback, useState } from "react";
import type { CellRef, CustomerId, CustomerRow, PersonaId, QuadrantRef, SegmentFilter } from "../../ipc/client";
import { NO_FILTER, type FilterChip } from "./segmentFilter";

/** The segment shown below the charts (over the filters in force). */
export interface Selection {
  personaId: PersonaId | null;
  cell: CellRef | null;
  quadrant: QuadrantRef | null;
  label: string;
  /** Its size when it was chosen; its list's count replaces it once known. */
  count: number;
}

/** A segment of the filters alone is named after them. */
const ofFiltersAlone = (s: Selection | null) => s !== null && s.cell === null && s.quadrant === null;

export function useSegmentSelection() {
  const [filter, setFilter] = useState<SegmentFilter>(NO_FILTER);
  const [selection, setSelection] = useState<Selection | null>(null);
  const selectionKey = selection ? JSON.stringify([selection.personaId, selection.cell, selection.quadrant]) : "";
  const pickKey = selectionKey + JSON.stringify(filter);
  const [picks, setPicks] = useState(() => ({ key: pickKey, rows: new Map<CustomerId, CustomerRow>() }));
  const picked = picks.key === pickKey ? picks.rows : new Map<CustomerId, CustomerRow>();

  const toggle = useCallback(
    (row: CustomerRow, on: boolean) =>
      setPicks((p) => {
        const rows = new Map(p.key === pickKey ? p.rows : []);
        if (on) rows.set(row.customer.id, row);
        else rows.delete(row.customer.id);
        return { key: pickKey, rows };
      }),
    [pickKey],
  );

  return {
    filter,
    selection,
    /** Changes when another segment is chosen (not when its label or size does). */
    selectionKey,
    picked,
    toggle,
    clearPicked: () => setPicks({ key: pickKey, rows: new Map() }),
    /** Other values for some filters. Another persona lets the chosen segment go. */
    change: (patch: Partial<SegmentFilter>) => {
      setFilter((f) => ({ ...f, ...patch }));
      if ("personaId" in patch) setSelection(null);
    },
    /** A filter's chip removed: the persona's, or one a segment of the filters alone is named after, lets it go. */
    removeFilter: (chip: FilterChip) => {
      setFilter(chip.without);
      if (chip.key === "persona" || ofFiltersAlone(selection)) setSelection(null);
    },
    clearFilters: () => {
      setFilter(NO_FILTER);
      if (ofFiltersAlone(selection)) setSelection(null);
    },
    select: (next: Selection | null) => setSelection(next),
    /** Filters and a segment at once (a saved segment opened, the stalled customers shown). */
    show: (patch: Partial<SegmentFilter>, next: Selection | null) => {
      setFilter((f) => ({ ...f, ...patch }));
      setSelection(next);
    },
    /** A chosen quadrant no longer matches the chart's axes: let it go. */
    axesChanged: () => {
      if (selection?.quadrant) setSelection(null);
    },
  };
}
