// A table's scroller and the rows it renders (row-window.ts): the scroll position and the focused
// row as state, an attachment that follows them, and the slice of rows to put in the DOM.
import { rowWindow } from './row-window';

export type WindowedRows<T> = { rows: readonly T[]; start: number; padTop: number; padBottom: number };

export type ScrollWindowOptions = {
  /** px, as the table's CSS gives every row (header included). */
  rowHeight: number;
  /** Rows the scroller shows at once; it is no taller than that. */
  viewportRows: number;
  /** The scroller never shrinks below this many rows (the empty-table message fits). */
  minRows?: number;
  overscan?: number;
  /** The attribute a row carries its key in, to find the focused row (data-id, data-key). */
  keyAttribute: string;
};

export class ScrollWindow {
  scrollTop = $state(0);
  /** The key of the row holding the keyboard focus, kept rendered so focus is never lost. */
  focusedKey = $state<string | null>(null);
  readonly #o: Required<ScrollWindowOptions>;

  constructor(options: ScrollWindowOptions) {
    this.#o = { minRows: 3, overscan: 6, ...options };
  }

  /**
   * The scroller's height for `count` rows and the header: fixed once the table is full, so with
   * `contain: strict` a row added or changed never lays out anything outside it.
   */
  height(count: number): number {
    const { rowHeight, viewportRows, minRows } = this.#o;
    return (1 + Math.min(viewportRows, Math.max(minRows, count))) * rowHeight;
  }

  slice<T>(rows: readonly T[], key: (row: T) => string): WindowedRows<T> {
    const focused = this.focusedKey;
    const keep = focused === null ? -1 : rows.findIndex((r) => key(r) === focused);
    const { rowHeight, viewportRows, overscan } = this.#o;
    const w = rowWindow({ total: rows.length, rowHeight, scrollTop: this.scrollTop, viewportRows, overscan, keep });
    return { rows: w.start === 0 && w.end === rows.length ? rows : rows.slice(w.start, w.end), start: w.start, padTop: w.padTop, padBottom: w.padBottom };
  }

  /** Attachment for the scrolling element. */
  readonly scroller = (el: HTMLElement) => {
    const attr = this.#o.keyAttribute;
    const onScroll = () => {
      this.scrollTop = el.scrollTop;
    };
    const onFocusIn = (e: FocusEvent) => {
      const row = e.target instanceof Element ? e.target.closest(`tr[${attr}]`) : null;
      this.focusedKey = row?.getAttribute(attr) ?? null;
    };
    const onFocusOut = (e: FocusEvent) => {
      if (!(e.relatedTarget instanceof Node && el.contains(e.relatedTarget))) this.focusedKey = null;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('focusin', onFocusIn);
    el.addEventListener('focusout', onFocusOut);
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('focusin', onFocusIn);
      el.removeEventListener('focusout', onFocusOut);
    };
  };
}
