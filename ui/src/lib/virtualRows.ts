// Which rows of a very long list to render, for a scroll container of fixed row height.
// Browsers cap an element's height (about 33.5 million px in WebKit and Chromium), so
// past MAX_SPACER the scroll range is scaled: the scrollbar still spans every row and
// the rows shown still move pixel by pixel within a row.

export const MAX_SPACER = 8_000_000;

export interface RowWindow {
  /** Height of the element that gives the scroll range. */
  spacerHeight: number;
  /** Index of the first row to render. */
  first: number;
  /** How many rows to render from `first`. */
  count: number;
  /** Top of the first rendered row, in the spacer's coordinates. */
  top: number;
}

export function rowWindow(
  total: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number,
  overscan = 4,
  maxSpacer = MAX_SPACER,
): RowWindow {
  const content = total * rowHeight;
  const spacerHeight = Math.min(content, maxSpacer);
  if (total === 0) return { spacerHeight: 0, first: 0, count: 0, top: 0 };
  let virtualTop: number;
  if (content <= maxSpacer || spacerHeight <= viewport) {
    virtualTop = scrollTop;
  } else {
    const fraction = Math.min(1, Math.max(0, scrollTop / (spacerHeight - viewport)));
    virtualTop = fraction * (content - viewport);
  }
  const visibleFirst = Math.min(total - 1, Math.max(0, Math.floor(virtualTop / rowHeight)));
  const first = Math.max(0, visibleFirst - overscan);
  const count = Math.min(total - first, Math.ceil(viewport / rowHeight) + 1 + overscan * 2);
  // Where `first` lands so that the row at virtualTop sits at scrollTop.
  const top = scrollTop - (virtualTop - first * rowHeight);
  return { spacerHeight, first, count, top };
}

/** The scrollTop that shows row `index` (at the top when it is above the view, at the bottom when below). */
export function scrollTopFor(
  index: number,
  total: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number,
  maxSpacer = MAX_SPACER,
): number {
  const content = total * rowHeight;
  const spacerHeight = Math.min(content, maxSpacer);
  const toScroll = (virtual: number) =>
    content <= maxSpacer || spacerHeight <= viewport
      ? virtual
      : (virtual / (content - viewport)) * (spacerHeight - viewport);
  const current = rowWindow(total, rowHeight, viewport, scrollTop, 0, maxSpacer);
  const rowTop = current.top + (index - current.first) * rowHeight;
  if (rowTop >= scrollTop && rowTop + rowHeight <= scrollTop + viewport) return scrollTop;
  const virtual = rowTop < scrollTop ? index * rowHeight : (index + 1) * rowHeight - viewport;
  return Math.max(0, toScroll(Math.max(0, virtual)));
}

/** Page numbers (of `pageSize` rows) that rows first … first+count−1 fall on. */
export function pagesFor(first: number, count: number, pageSize: number): number[] {
  if (count <= 0) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor((first + count - 1) / pageSize); p++) pages.push(p);
  return pages;
}
