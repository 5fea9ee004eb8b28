// What the room said: the ideas and decisions noted on this map's steps and moves while
// it was presented, oldest first, each removable (and the removal undoable).
import type { MapDetail, WorkshopNote } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { placeOf } from "../../lib/places";

interface Props {
  map: MapDetail;
  onChanged: () => void;
  onError: (error: unknown) => void;
}

function when(note: WorkshopNote): string {
  const at = new Date(note.createdAt);
  return Number.isNaN(at.getTime()) ? "" : at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function WorkshopNotes({ map, onChanged, onError }: Props) {
  const client = useClient();
  if (map.workshopNotes.length === 0) return null;
  return (
    <section className="workshop-notes" aria-labelledby="workshop-notes-title" data-testid="workshop-notes">
      <h2 id="workshop-notes-title">Workshop notes</h2>
      <p className="muted">Ideas and decisions noted while the map was presented (N in a presentation).</p>
      <ul>
        {map.workshopNotes.map((note) => (
          <li key={note.id} data-testid="workshop-note">
            <span className={`note-kind note-${note.kind}`}>{note.kind === "idea" ? "Idea" : "Decision"}</span>
            <span className="note-text">{note.text}</span>
            <span className="note-place muted">
              on {placeOf(map, note.target)} · {when(note)}
            </span>
            <button
              type="button"
              className="button button-small"
              aria-label={`Delete the ${note.kind} “${note.text}”`}
              onClick={() => client.deleteWorkshopNote(note.id).then(onChanged, onError)}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
