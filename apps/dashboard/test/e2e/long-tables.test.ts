// The live tables under load: only the rows in view are in the DOM (lib/virtual/row-window.ts),
// yet every row stays reachable by scrolling, in order, with one fixed row height, row indices
// for assistive technology, and the row holding the keyboard focus kept while new rows arrive.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INDICATOR_ROW_PX, PATTERN_ROW_PX } from '../../src/lib/virtual/row-sizes';
import { launchBrowser, newContext, screenshot } from './support/browser';
import { frame, make } from './support/events';
import { logIn, patternRow, WAIT, waitLive } from './support/page-helpers';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});
beforeEach(async () => {
  context = await newContext(browser, { viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  await logIn(page, stack);
  await waitLive(page);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  await context.close();
});

const symbolOf = (i: number) => `L${String(i).padStart(3, '0')}`;
const tableRows = (testid: string) => page.locator(`[data-testid="${testid}"] tbody tr[aria-rowindex]`);

/** Rows in the DOM: [aria-rowindex, key attribute, height px]. */
function rendered(testid: string, attr: string) {
  return tableRows(testid).evaluateAll((rows, a) => rows.map((r) => [Number(r.getAttribute('aria-rowindex')), r.getAttribute(a), r.getBoundingClientRect().height] as const), attr);
}

describe('long live tables', () => {
  it('render the indicator rows in view, at one fixed height, and every other row on scrolling to it', async () => {
    const symbols = Array.from({ length: 300 }, (_, i) => symbolOf(i));
    for (let i = 0; i < symbols.length; i += 50) stack.control.publish(frame.indicators(symbols.slice(i, i + 50).map((symbol) => make.indicator({ symbol, indicator_type: 'RSI', value: 50 }))));
    const table = page.getByTestId('indicator-table');
    await expect.poll(() => table.getAttribute('aria-rowcount'), WAIT).toBe('301');

    const top = await rendered('indicator-table', 'data-key');
    expect(top.length).toBeGreaterThan(5);
    expect(top.length).toBeLessThan(40); // not 300
    expect(top.map(([index]) => index)).toEqual(top.map((_, i) => i + 2)); // header is row 1
    expect(top.every(([, , h]) => Math.abs(h - INDICATOR_ROW_PX) < 0.5)).toBe(true);
    expect(top[0]![1]).toBe('L000:RSI');

    // Scrolled to the end: the last symbols, in order, where a full table would have them.
    await table.evaluate((t) => t.parentElement!.scrollTo(0, t.parentElement!.scrollHeight));
    await page.locator('[data-testid="indicator-table"] tr[data-key="L299:RSI"]').waitFor(WAIT);
    const bottom = await rendered('indicator-table', 'data-key');
    expect(bottom.at(-1)).toEqual([301, 'L299:RSI', expect.closeTo(INDICATOR_ROW_PX, 0)]);
    const keys = bottom.map(([, key]) => key);
    expect(keys).toEqual([...keys].sort());
    const box = await page.locator('[data-testid="indicator-table"] tr[data-key="L299:RSI"]').boundingBox();
    const scroller = await table.evaluate((t) => t.parentElement!.getBoundingClientRect().bottom);
    expect(box!.y + box!.height).toBeLessThanOrEqual(scroller + 1); // on screen, not just in the DOM
  });

  it('keep patterns newest first, the newest in view, and one row per pattern however many arrive', async () => {
    const patterns = Array.from({ length: 240 }, (_, i) => make.pattern({ symbol: symbolOf(i % 50), timestamp: new Date(Date.now() - 240_000 + i * 1000).toISOString() }));
    for (let i = 0; i < patterns.length; i += 40) stack.control.publish(frame.patterns(patterns.slice(i, i + 40)));
    const newest = patterns.at(-1)!;
    await patternRow(page, newest.id).waitFor(WAIT);
    await expect.poll(() => page.getByTestId('pattern-table').getAttribute('aria-rowcount'), WAIT).toBe('201'); // the page's 200-row bound
    const rows = await rendered('pattern-table', 'data-id');
    expect(rows[0]).toEqual([2, newest.id, expect.closeTo(PATTERN_ROW_PX, 0)]);
    expect(rows.length).toBeLessThan(40);
    expect(new Set(rows.map(([, id]) => id)).size).toBe(rows.length);
    expect(rows.every(([, , h]) => Math.abs(h - PATTERN_ROW_PX) < 0.5)).toBe(true);
  });

  it('keep the row holding the keyboard focus while new rows push it out of view', async () => {
    const first = make.pattern({ symbol: 'FOCUS' });
    stack.control.publish(frame.pattern(first));
    const link = patternRow(page, first.id).getByRole('link', { name: 'FOCUS' });
    await link.focus();
    for (let i = 0; i < 4; i++) stack.control.publish(frame.patterns(Array.from({ length: 40 }, () => make.pattern())));
    await expect.poll(() => page.getByTestId('pattern-table').getAttribute('aria-rowcount'), WAIT).toBe('162');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('FOCUS');
    expect(await patternRow(page, first.id).getAttribute('aria-rowindex')).toBe('162');
    // Focus elsewhere and the view back at the top: the row leaves the DOM like any other out of view.
    await page.getByTestId('filter-symbols').focus();
    await page.getByTestId('pattern-table').evaluate((t) => t.parentElement!.scrollTo(0, 0));
    await expect.poll(() => patternRow(page, first.id).count(), WAIT).toBe(0);
  });
});
