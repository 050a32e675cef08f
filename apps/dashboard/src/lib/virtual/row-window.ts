// Which rows of a long table to put in the DOM: the ones the scroller shows, a few either side
// (so a fast scroll or a Tab into the next row finds them already there), and the focused one.
// The rest are stood in for by two spacer rows of the same total height, so the scrollbar, the
// scroll position and every row's place stay those of the whole table. Rows have one fixed
// height (the tables enforce it in CSS); that is what makes this arithmetic instead of measuring.

export type RowWindowInput = {
  total: number;
  /** px; every row has exactly this height. */
  rowHeight: number;
  /** px from the top of the rows (the scroller's scrollTop; a sticky header scrolls with it). */
  scrollTop: number;
  /** Rows the scroller shows at once. */
  viewportRows: number;
  /** Extra rows rendered above and below the visible ones. */
  overscan: number;
  /** A row index that must stay rendered (it holds the keyboard focus), or -1. */
  keep?: number;
};

/** Rows [start, end) are rendered; padTop and padBottom px stand in for the others. */
export type RowWindow = { start: number; end: number; padTop: number; padBottom: number };

export function rowWindow({ total, rowHeight, scrollTop, viewportRows, overscan, keep = -1 }: RowWindowInput): RowWindow {
  const span = viewportRows + 2 * overscan;
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  // Past the end (the table shrank under a scrolled view): the last rows, not an empty window.
  let start = Math.max(0, Math.min(first - overscan, total - span));
  let end = Math.min(total, Math.max(start, first - overscan) + span);
  if (keep >= 0 && keep < total) {
    start = Math.min(start, keep);
    end = Math.max(end, keep + 1);
  }
  return { start, end, padTop: start * rowHeight, padBottom: (total - end) * rowHeight };
}
