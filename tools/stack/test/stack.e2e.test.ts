// The real stack, as `npm start` runs it (every service its own process on a redis-server, the
// simulator feeding it), driven in Debian's Chromium: log in, see live patterns, filter by symbol
// and see only that symbol, publish an alert as TickStockPL would and see it, then stop the fanout
// and see the page resume from its last seq on the restarted one, no frame twice and none
// missing. Screenshots go to test-results/.
import { join } from 'node:path';
import { createRedisBus } from '@tickstock/bus';
import { CHANNELS, SERVICE_KEYS } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifacts, launchBrowser, logIn, startStack, type RunningStack } from './support';

const password = 'e2e-admin-password-1234';
const prefix = 'e2e:';

/** One WebSocket the page opened, with every text frame it sent and received, in order. */
type SocketLog = { url: string; sent: string[]; received: { seq?: string; event: string; data?: unknown }[]; closed: boolean };

describe('npm start, end to end in a browser', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  const sockets: SocketLog[] = [];

  beforeAll(async () => {
    stack = await startStack([], { ADMIN_PASSWORD: password, STACK_SIMULATOR_RATE: '40', REDIS_KEY_PREFIX: prefix, REDIS_URL: undefined, DATABASE_URL: undefined });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('websocket', (ws) => {
      const log: SocketLog = { url: ws.url(), sent: [], received: [], closed: false };
      sockets.push(log);
      ws.on('framesent', (f) => log.sent.push(String(f.payload)));
      ws.on('framereceived', (f) => log.received.push(JSON.parse(String(f.payload)) as SocketLog['received'][number]));
      ws.on('close', () => (log.closed = true));
    });
  }, 300_000);

  // A failure shows what the stack printed: the services' own warnings and errors are there.
  beforeEach(({ onTestFailed }) => onTestFailed(() => console.log(`stack output (last 8 kB):\n${stack.output().slice(-8_000)}`)));

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 90_000);

  it('prints the URLs and the login it was given, never a generated password', () => {
    expect(stack.output()).toContain(`http://localhost:${stack.ports.DASHBOARD_PORT}/streaming`);
    expect(stack.output()).toContain('admin / (ADMIN_PASSWORD)');
    expect(stack.output()).toContain('running    a process per service, Redis at');
    expect(stack.output()).not.toContain(password);
  });

  it('logs in and shows the simulator’s patterns live', async () => {
    await logIn(page, stack.ports.DASHBOARD_PORT, 'admin', password);
    await page.locator('[data-testid=pattern-table] tbody tr').nth(2).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(artifacts, 'stack-streaming.png') });
  });

  it('filters by symbol: only that symbol’s patterns remain, and new ones keep coming', async () => {
    const symbol = (await page.locator('[data-testid=pattern-table] tbody tr td:nth-child(2)').first().innerText()).trim();
    await page.fill('[data-testid=filter-symbols]', symbol);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**symbols=${symbol}**`, { timeout: 10_000 });
    await waitFor(
      async () => {
        const symbols = (await page.locator('[data-testid=pattern-table] tbody tr td:nth-child(2)').allInnerTexts()).map((s) => s.trim());
        return symbols.length > 0 && symbols.every((s) => s === symbol);
      },
      { timeoutMs: 30_000, what: `only ${symbol} rows` },
    );
    await page.screenshot({ path: join(artifacts, 'stack-filtered.png') });
  });

  it('shows an RSI_OVERBOUGHT alert TickStockPL publishes', async () => {
    const producer = createRedisBus({ url: `redis://127.0.0.1:${stack.ports.STACK_REDIS_PORT}`, prefix: '' });
    const symbol = new URL(page.url()).searchParams.get('symbols') ?? 'AAPL';
    try {
      const alert = { alert_type: 'RSI_OVERBOUGHT', symbol, severity: 'warning', timestamp: new Date().toISOString(), data: { indicator: 'RSI', value: 81.2, threshold: 70 } };
      await producer.publish(CHANNELS.alertsIndicators, JSON.stringify(alert));
    } finally {
      await producer.close();
    }
    await page.locator('[data-testid=alerts]', { hasText: 'RSI_OVERBOUGHT' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(artifacts, 'stack-alert.png') });
  });

  it('rides out a fanout restart: the page resumes from its last seq, with no frame twice and none missing', async () => {
    // Unfiltered, so every frame of the stream reaches the page and the stream itself is the reference.
    const before = sockets.length;
    await page.goto(`http://localhost:${stack.ports.DASHBOARD_PORT}/streaming`);
    await page.locator('[data-testid=connection][data-phase=live]').waitFor({ timeout: 30_000 });
    const seqs = (s: SocketLog) => s.received.flatMap((f) => (f.seq ? [f.seq] : []));
    const first = await waitFor(() => sockets.slice(before).find((s) => seqs(s).length >= 5), { timeoutMs: 30_000, what: 'five frames on the page’s socket' });

    const pids = [...stack.output().matchAll(/^fanout\s+\| pid (\d+)$/gm)].map((m) => Number(m[1]));
    expect(pids).toHaveLength(1);
    process.kill(pids[0]!, 'SIGTERM');
    await waitFor(() => /^fanout\s+\| exited \(0\); restarted$/m.test(stack.output()), { timeoutMs: 30_000, what: 'the stack to restart the fanout' });
    await waitFor(() => first.closed, { timeoutMs: 10_000, what: 'the drained socket to close' });
    const lastBefore = seqs(first).at(-1)!;

    // The page reconnects with backoff; the first socket that opens after the restart carries on.
    const second = await waitFor(() => sockets.slice(sockets.indexOf(first) + 1).find((s) => s.sent.length > 0 && seqs(s).length >= 10), {
      timeoutMs: 60_000,
      what: 'ten frames on the page’s new socket',
    });
    await page.locator('[data-testid=connection][data-phase=live]').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(artifacts, 'stack-fanout-restarted.png') });

    expect(JSON.parse(second.sent[0]!)).toEqual({ op: 'resume', since: lastBefore });
    expect(second.received.map((f) => f.event)).not.toContain('resync_required');
    // Across both sockets, exactly the stream's frames from the first one on: none twice, none missing.
    const got = [...seqs(first), ...seqs(second)];
    const bus = createRedisBus({ url: `redis://127.0.0.1:${stack.ports.STACK_REDIS_PORT}`, prefix });
    try {
      const after = (await bus.range(SERVICE_KEYS.framesStream, got[0]!, 100_000)).map((e) => e.id);
      expect(got).toEqual([got[0], ...after].slice(0, got.length));
    } finally {
      await bus.close();
    }
    const rowIds = await page.locator('[data-testid=pattern-table] tbody tr[data-id]').evaluateAll((rows: { getAttribute(name: string): string | null }[]) => rows.map((r) => r.getAttribute('data-id')));
    expect(rowIds.length).toBeGreaterThan(0);
    expect(new Set(rowIds).size).toBe(rowIds.length);
    const metrics = await (await fetch(`http://127.0.0.1:${stack.ports.FANOUT_PORT}/metrics`)).text();
    expect(metrics).toMatch(/^fanout_replays_total\{[^}]*source="stream"[^}]*\} 1$/m);
  });
});
