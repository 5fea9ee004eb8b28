// The saved segments: each with what it selects, its size now, and open / export /
// rename / delete. Deleting asks once, inline; it can be undone like any edit.
import { useState } from "react";
import type { PersonaId, SegmentId, SegmentSummary } from "../../ipc/client";
import { formatArr, plural } from "../../lib/format";
import { filterChips } from "./segmentFilter";

interface Props {
  segments: SegmentSummary[];
  personaName: (id: PersonaId) => string;
  onOpen: (s: SegmentSummary) => void;
  onExport: (s: SegmentSummary) => void;
  onRename: (s: SegmentSummary) => void;
  onDelete: (s: SegmentSummary) => void;
}

/** "Home architect · 1. Pilot → 2. Scale · Maya · ARR ≥ $10K" */
export function describeSegment(s: SegmentSummary, personaName: (id: PersonaId) => string): string {
  const parts = [s.personaName];
  if (s.cellLabel !== null) parts.push(s.cellLabel);
  if (s.quadrantLabel !== null) parts.push(s.quadrantLabel);
  for (const chip of filterChips(s.segment.filter, personaName)) if (chip.key !== "persona") parts.push(chip.label);
  return parts.join(" · ");
}

export function SavedSegments({ segments, personaName, onOpen, onExport, onRename, onDelete }: Props) {
  const [confirming, setConfirming] = useState<SegmentId | null>(null);
  if (segments.length === 0) {
    return (
      <p className="muted saved-empty" data-testid="saved-segments-empty">
        No saved segments yet. Choose filters (and a cell, if you like), then “Save segment…” to find them again here
        with their size now.
      </p>
    );
  }
  return (
    <ul className="saved-segments" aria-label="Saved segments" data-testid="saved-segments">
      {segments.map((s) => (
        <li key={s.segment.id} className="saved-segment" data-testid="saved-segment">
          <button
            type="button"
            className="saved-segment-open"
            onClick={() => onOpen(s)}
            disabled={s.problem !== null}
            aria-label={`Open segment ${s.segment.name}`}
          >
            <span className="saved-segment-name">{s.segment.name}</span>
            <span className="saved-segment-what muted">
              {s.problem === null ? describeSegment(s, personaName) : `Cannot be shown: ${s.problem}`}
            </span>
          </button>
          <span className="saved-segment-size" data-testid="saved-segment-size">
            {plural(s.customers, "customer")} · {formatArr(s.arrCents)} ARR
          </span>
          {confirming === s.segment.id ? (
            <span className="saved-segment-actions" role="group" aria-label={`Delete ${s.segment.name}?`}>
              <span>Delete?</span>
              <button type="button" className="button button-danger" onClick={() => onDelete(s)}>
                Delete
              </button>
              <button type="button" className="button button-quiet" onClick={() => setConfirming(null)}>
                Keep
              </button>
            </span>
          ) : (
            <span className="saved-segment-actions">
              <button
                type="button"
                className="button button-quiet"
                onClick={() => onExport(s)}
                disabled={s.problem !== null}
                aria-label={`Export ${s.segment.name}`}
              >
                Export…
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => onRename(s)}
                aria-label={`Rename ${s.segment.name}`}
              >
                Rename…
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => setConfirming(s.segment.id)}
                aria-label={`Delete ${s.segment.name}`}
              >
                Delete
              </button>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
