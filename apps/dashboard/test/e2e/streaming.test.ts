// The live page end to end: rows from the socket on screen, filters that narrow the subscription,
// alerts, reconnect with resume and no duplicates, resync from REST, producer text as text.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot } from './support/browser';
import { frame, make } from './support/events';
import { countPatternRows, logIn, patternRow, WAIT, waitLive } from './support/page-helpers';
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
  context = await newContext(browser);
  page = await context.newPage();
  await logIn(page, stack);
  await waitLive(page);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  await context.close();
});

const fakes = () => stack.fakes!;

describe('/streaming', () => {
  it('shows session, health, patterns and indicators as they arrive', async () => {
    stack.control.publish(frame.started(make.session({ session_id: 'sess-live-1', universe: 'nasdaq100' })));
    stack.control.publish(frame.health(make.health({ status: 'degraded', issues: ['feed lagging 2.1 s'], ticks_per_second: 1530, active_symbols: 98 })));
    const p = make.pattern({ symbol: 'NVDA', pattern_type: 'BullishEngulfing', confidence: 0.91, priority: 'high' });
    stack.control.publish(frame.pattern(p));
    stack.control.publish(frame.indicators([make.indicator({ symbol: 'NVDA', indicator_type: 'MACD', value: null, values: { macd: 1.25, signal: 0.97, histogram: 0.28 } })]));

    const row = patternRow(page, p.id);
    await row.waitFor(WAIT);
    expect(await row.innerText()).toMatch(/NVDA\s+BullishEngulfing\s+91%/);
    await page.getByTestId('session').getByText('sess-live-1').waitFor(WAIT);
    await page.getByTestId('session').getByText('nasdaq100').waitFor(WAIT);
    await page.getByTestId('health').getByText('feed lagging 2.1 s').waitFor(WAIT);
    await page.getByTestId('card-ticks').getByText('1,530').waitFor(WAIT);
    const macd = page.locator('[data-testid="indicator-table"] tr[data-key="NVDA:MACD"]');
    await macd.waitFor(WAIT);
    const text = await macd.innerText();
    expect(text).toMatch(/MACD\s+1\.25/);
    expect(text).toMatch(/signal\s+0\.97/);
    expect(text).not.toContain('{}');
  });

  it('a symbol filter goes into the URL, narrows the socket subscription and the rows', async ({ skip }) => {
    if (!stack.fakes) return skip('reads the ops the fake fanout received');
    await page.getByTestId('filter-symbols').fill('nvda');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/symbols=nvda/i, WAIT);
    const socket = fakes().fanout.open().at(-1)!;
    await expect.poll(() => socket.ops.some((o) => o.op === 'subscribe' && o.symbols?.includes('NVDA')), WAIT).toBe(true);
    expect(fakes().fanout.open()).toHaveLength(1); // the same socket, narrowed: no reconnect

    const nvda = make.pattern({ symbol: 'NVDA', pattern_type: 'Hammer' });
    const aapl = make.pattern({ symbol: 'AAPL', pattern_type: 'Hammer' });
    stack.control.publish(frame.patterns([aapl, nvda]));
    await patternRow(page, nvda.id).waitFor(WAIT);
    expect(await countPatternRows(page, aapl.id)).toBe(0);
    expect(socket.sent.some((f) => JSON.stringify(f).includes(aapl.id))).toBe(false); // the server did not even send it
    expect(await page.locator('[data-testid="pattern-table"] tbody tr[data-symbol]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-symbol')))).toEqual(
      expect.arrayContaining(['NVDA']),
    );
    expect(await page.locator('[data-testid="pattern-table"] tbody tr[data-symbol="AAPL"]').count()).toBe(0);
  });

  it('pattern name and minimum confidence filters narrow the table', async () => {
    await page.goto(`${stack.dashboardUrl}/streaming?patterns=Doji&min_conf=80`);
    await waitLive(page);
    const strong = make.pattern({ pattern_type: 'Doji', confidence: 0.85 });
    const weak = make.pattern({ pattern_type: 'Doji', confidence: 0.5 });
    const other = make.pattern({ pattern_type: 'Hammer', confidence: 0.95 });
    stack.control.publish(frame.patterns([weak, other, strong]));
    await patternRow(page, strong.id).waitFor(WAIT);
    expect(await countPatternRows(page, weak.id)).toBe(0);
    expect(await countPatternRows(page, other.id)).toBe(0);
  });

  it('shows an indicator alert in the panel, a critical alert as a banner and as a notification when opted in', async () => {
    await page.getByRole('button', { name: /Notify me/ }).click();
    await page.getByRole('button', { name: /Notifying/ }).waitFor(WAIT);
    const alert = make.indicatorAlert({ alert_type: 'RSI_OVERBOUGHT', symbol: 'TSLA', data: { rsi: 81.4, message: 'RSI above 80' } });
    stack.control.publish(frame.indicatorAlert(alert));
    const item = page.locator(`[data-testid="alerts"] li[data-id="${alert.id}"]`);
    await item.waitFor(WAIT);
    expect(await item.innerText()).toMatch(/RSI_OVERBOUGHT[\s\S]*TSLA[\s\S]*RSI above 80/);

    stack.control.publish(frame.criticalAlert(make.criticalAlert({ type: 'CONNECTION_LOST', message: 'Market data feed lost' })));
    const banner = page.getByTestId('critical-banner');
    await banner.waitFor(WAIT);
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.innerText()).toContain('Market data feed lost');
    await page.waitForFunction(() => (window as unknown as { __notifications: { body: string }[] }).__notifications.some((n) => n.body === 'Market data feed lost'), null, WAIT);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached', ...WAIT });
  });

  it('reconnects after the fanout goes away, resumes from the last seq, and shows every row once', async ({ skip }) => {
    if (!stack.fakes) return skip('reads the resume op and forces an overlapping replay');
    fakes().fanout.options.replayOverlap = 3; // the server repeats frames the page already has
    const before = make.pattern({ symbol: 'AMD' });
    const lastSeen = stack.control.publish(frame.pattern(before));
    await patternRow(page, before.id).waitFor(WAIT);
    const sockets = fakes().fanout.connections.length;

    stack.control.crash();
    await page.locator('[data-testid="connection"][data-phase="reconnecting"]').waitFor(WAIT);
    expect(await page.getByTestId('connection').innerText()).toMatch(/Reconnecting/);
    const missed = [make.pattern({ symbol: 'AMD' }), make.pattern({ symbol: 'AMD' })];
    for (const p of missed) stack.control.publish(frame.pattern(p));
    stack.control.recover();

    await waitLive(page);
    for (const p of missed) await patternRow(page, p.id).waitFor(WAIT);
    const resumed = fakes().fanout.connections.slice(sockets).find((c) => c.open)!;
    expect(resumed.ops[0]).toEqual({ op: 'resume', since: lastSeen });
    expect(resumed.sent.some((f) => JSON.stringify(f).includes(before.id))).toBe(true); // it was sent twice
    for (const p of [before, ...missed]) expect(await countPatternRows(page, p.id)).toBe(1);
    expect(fakes().fanout.open()).toHaveLength(1);
    fakes().fanout.options.replayOverlap = 0;
  });

  it('on resync_required reloads from REST', async ({ skip }) => {
    if (!stack.fakes) return skip('needs the fake fanout to forget its history');
    const statusCalls = fakes().query.count('/streaming/api/status');
    stack.control.publish(frame.pattern(make.pattern()));
    stack.control.crash();
    await page.locator('[data-testid="connection"][data-phase="reconnecting"]').waitFor(WAIT);
    stack.control.publish(frame.pattern(make.pattern()));
    fakes().fanout.forgetHistory();
    stack.control.recover();
    await waitLive(page);
    await expect.poll(() => fakes().query.count('/streaming/api/status'), WAIT).toBeGreaterThan(statusCalls);
    // Live frames keep coming after the resync.
    const after = make.pattern();
    stack.control.publish(frame.pattern(after));
    await patternRow(page, after.id).waitFor(WAIT);
  });

  it('shows a symbol, pattern name and message with markup as plain text', async () => {
    const XSS = '<img src=x onerror="window.__pwned=1">';
    const p = make.pattern({ symbol: XSS, pattern_type: `${XSS}Pattern` });
    stack.control.publish(frame.pattern(p));
    stack.control.publish(frame.criticalAlert(make.criticalAlert({ message: XSS, type: XSS })));
    const row = patternRow(page, p.id);
    await row.waitFor(WAIT);
    expect(await row.locator('td').nth(1).innerText()).toBe(XSS);
    expect(await row.locator('td').nth(2).innerText()).toBe(`${XSS}Pattern`);
    await page.getByTestId('critical-banner').getByText(XSS).first().waitFor(WAIT);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('answers a page for something that is not a symbol with a readable 404', async () => {
    const res = await page.goto(`${stack.dashboardUrl}/streaming/${encodeURIComponent('<b>x</b>')}`);
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Not found' }).waitFor(WAIT);
    expect(await page.locator('main b').count()).toBe(0);
  });

  it('opens a symbol page with REST history and a chart, closing the old socket (one socket per page)', async ({ skip }) => {
    if (!stack.fakes) return skip('seeds REST history in the fake query service');
    const t = (s: number) => new Date(Date.now() - s * 1000).toISOString();
    fakes().query.data.patterns.set('MSFT', [
      { id: 'rest-p1', pattern_type: 'Doji', symbol: 'MSFT', timestamp: t(120), confidence: 0.82, parameters: {}, timeframe: '1min', bar_data: null, metadata: {}, session_id: null },
    ]);
    fakes().query.data.indicators.set(
      'MSFT',
      [300, 240, 180, 120, 60].map((s, i) => ({ id: `rest-i${i}`, indicator_type: 'RSI', symbol: 'MSFT', timestamp: t(s), value: 50 + i * 3, values: {}, timeframe: '1min', metadata: {}, session_id: null })),
    );
    const live = make.pattern({ symbol: 'MSFT', pattern_type: 'Hammer' });
    stack.control.publish(frame.pattern(live));
    await patternRow(page, live.id).getByRole('link', { name: 'MSFT' }).click();
    await page.waitForURL(/\/streaming\/MSFT$/, WAIT);
    await waitLive(page);
    await expect.poll(() => fakes().fanout.open().length, WAIT).toBe(1);
    const socket = fakes().fanout.open()[0]!;
    expect(socket.ops).toContainEqual({ op: 'subscribe', streams: ['patterns', 'indicators', 'alerts'], symbols: ['MSFT'] });
    await patternRow(page, 'rest-p1').waitFor(WAIT);
    await page.locator('[data-testid="symbol-chart"] canvas').first().waitFor(WAIT);
    await page.getByText('RSI, last 1 h: 5 points').waitFor(WAIT);

    const next = make.pattern({ symbol: 'MSFT', pattern_type: 'MorningStar' });
    stack.control.publish(frame.pattern(next));
    stack.control.publish(frame.indicators([make.indicator({ symbol: 'MSFT', indicator_type: 'RSI', value: 71 })]));
    await patternRow(page, next.id).waitFor(WAIT);
    await page.getByText('RSI, last 1 h: 6 points').waitFor(WAIT);
  });
});
