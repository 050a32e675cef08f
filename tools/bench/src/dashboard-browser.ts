// The browser side of the dashboard bench: Debian's Chromium (playwright-core, never a downloaded
// browser) logged in on /streaming with the dashboard's row timing turned on, and what Chrome
// DevTools Protocol says about the page: its main thread's busy time, its JS heap after a forced GC.
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';

/** apps/dashboard/src/lib/perf/row-timing.ts: the flag that turns row timing on and the measure's name. */
const ROW_TIMING_FLAG = 'tickstock:perf';
const ROW_MEASURE = 'tickstock:row';

/** One row on screen (row-timing.ts's RowTimingDetail): epoch ms on this machine's one clock. */
export type RowSample = { id: string; table: 'patterns' | 'indicators'; via: string; published: number; received: number; shown: number };

/** Cumulative seconds of the renderer's main thread (Performance.getMetrics), at `at` (s, monotonic). */
export type MainThread = { at: number; task: number; script: number; layout: number; style: number; devtools: number; threadCpu: number };

export type Heap = { usedMb: number; totalMb: number; nodes: number; listeners: number };

export type DashboardPage = {
  page: Page;
  /** The rows measured since the last call (the page's entries are cleared, so they never pile up). */
  drainRows(): Promise<RowSample[]>;
  mainThread(): Promise<MainThread>;
  /** After a forced full GC (HeapProfiler.collectGarbage), so only live objects count. */
  heap(): Promise<Heap>;
  close(): Promise<void>;
};

const MB = 1024 * 1024;

/** `rowTiming: false` leaves the dashboard's row timing off: a control run for what the timing itself costs. */
export async function openDashboard(o: { origin: string; username: string; password: string; rowTiming?: boolean; executablePath?: string }): Promise<DashboardPage> {
  const browser: Browser = await chromium.launch({
    executablePath: o.executablePath ?? process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium',
    // STACK.md, "Chromium"; localhost is ours, everything else unresolvable.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    // Before any page script, on every navigation: the dashboard reads the flag on first use.
    if (o.rowTiming !== false) await context.addInitScript({ content: `localStorage.setItem(${JSON.stringify(ROW_TIMING_FLAG)}, '1')` });
    const page = await context.newPage();
    await page.goto(`${o.origin}/login`);
    await page.locator('html[data-hydrated]').waitFor({ timeout: 30_000 });
    await page.fill('input[name=username]', o.username);
    await page.fill('input[name=password]', o.password);
    await page.click('button[type=submit]');
    await page.waitForURL('**/streaming**', { timeout: 30_000 });
    await page.locator('html[data-hydrated]').waitFor({ timeout: 30_000 });
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await cdp.send('HeapProfiler.enable');

    const metrics = async () => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(list.map((m) => [m.name, m.value])) as Record<string, number>;
    };
    return {
      page,
      drainRows: () =>
        page.evaluate((name) => {
          const entries = performance.getEntriesByName(name, 'measure');
          performance.clearMeasures(name);
          return entries.map((e) => (e as unknown as { detail: RowSample }).detail);
        }, ROW_MEASURE),
      async mainThread() {
        const m = await metrics();
        const v = (k: string) => m[k] ?? NaN;
        return {
          at: v('Timestamp'),
          task: v('TaskDuration'),
          script: v('ScriptDuration'),
          layout: v('LayoutDuration'),
          style: v('RecalcStyleDuration'),
          devtools: v('DevToolsCommandDuration'),
          threadCpu: v('ThreadTime'),
        };
      },
      async heap() {
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = await cdp.send('Runtime.getHeapUsage');
        const m = await metrics();
        return { usedMb: usage.usedSize / MB, totalMb: usage.totalSize / MB, nodes: m.Nodes ?? NaN, listeners: m.JSEventListeners ?? NaN };
      },
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** Share of wall time the main thread was busy between two readings, and where it went. */
export function busyBetween(a: MainThread, b: MainThread) {
  const wall = b.at - a.at;
  const share = (k: keyof MainThread) => (b[k] - a[k]) / wall;
  return {
    seconds: wall,
    busy: share('task'),
    script: share('script'),
    layout: share('layout'),
    style: share('style'),
    /** The bench's own CDP commands (reading rows and metrics): part of `busy`. */
    devtools: share('devtools'),
    threadCpu: share('threadCpu'),
  };
}
