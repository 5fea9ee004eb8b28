// Pure order math for drag and drop, shared by pointer and keyboard reordering.

/** The list with the item at `from` moved to index `to` (both clamped). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  if (item === undefined) return out;
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item);
  return out;
}

/**
 * Where a drop lands: the index the dragged item takes when released over the item
 * at `overIndex`. Dropping on itself, or on nothing, changes nothing (null).
 */
export function dropIndex(fromIndex: number, overIndex: number | null): number | null {
  if (overIndex === null || overIndex === fromIndex || fromIndex < 0 || overIndex < 0) return null;
  return overIndex;
}

/** Screen-reader sentences for reordering steps. */
export const stepAnnouncements = {
  pickedUp: (title: string, position: number, total: number) =>
    `Picked up step ${title}, position ${position} of ${total}. Use the left and right arrow keys to move it, Space to drop it, Escape to cancel.`,
  movedOver: (title: string, position: number, total: number) =>
    `Step ${title} is at position ${position} of ${total}.`,
  dropped: (title: string, position: number, total: number) =>
    `Step ${title} dropped at position ${position} of ${total}.`,
  cancelled: (title: string) => `Moving step ${title} was cancelled; it stays where it was.`,
};
