// Row heights of the live tables, in px, header row included. Each table's CSS enforces its value
// (--row-h, one line per cell) and its scroll window counts with it; the browser tests check that
// the rendered rows have exactly this height.
export const PATTERN_ROW_PX = 30;
export const INDICATOR_ROW_PX = 30;
