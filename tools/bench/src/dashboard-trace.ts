// Where the dashboard's main thread spends its time: a short Chrome trace of the page (the
// DevTools timeline categories) and the self time of each trace event on the renderer's main
// thread, wall and CPU, as shares of the traced span. Run after the measured window, never in it
// (tracing has its own cost).
import type { Page } from 'playwright-core';

export type TraceSlice = { name: string; wallShare: number; cpuShare: number };
export type MainThreadTrace = { seconds: number; busyWall: number; busyCpu: number; top: TraceSlice[] };

type TraceEvent = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } };

export async function traceMainThread(page: Page, ms: number, top = 10): Promise<MainThreadTrace> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser to trace');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel'] });
  await new Promise((r) => setTimeout(r, ms));
  const raw = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  return summarizeTrace(events, top);
}

export function summarizeTrace(events: readonly TraceEvent[], top: number): MainThreadTrace {
  // The renderer's main thread with the most complete events (the page's; an about:blank renderer has few).
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const counts = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)) counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const slices = events
    .filter((e): e is TraceEvent & { dur: number } => e.ph === 'X' && e.dur !== undefined && `${e.pid}:${e.tid}` === main)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  if (slices.length === 0) return { seconds: 0, busyWall: NaN, busyCpu: NaN, top: [] };
  const span = (Math.max(...slices.map((e) => e.ts + e.dur)) - slices[0]!.ts) / 1e6;
  // Self time: an event's duration minus that of the events directly inside it.
  const wall = new Map<string, number>();
  const cpu = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const stack: (TraceEvent & { dur: number })[] = [];
  let busyWall = 0;
  let busyCpu = 0;
  for (const e of slices) {
    while (stack.length > 0 && stack.at(-1)!.ts + stack.at(-1)!.dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) {
      add(wall, parent.name, -e.dur);
      add(cpu, parent.name, -(e.tdur ?? 0));
    } else {
      // Outermost slices are the thread's tasks.
      busyWall += e.dur;
      busyCpu += e.tdur ?? 0;
    }
    add(wall, e.name, e.dur);
    add(cpu, e.name, e.tdur ?? 0);
    stack.push(e);
  }
  const share = (us: number) => us / 1e6 / span;
  return {
    seconds: span,
    busyWall: share(busyWall),
    busyCpu: share(busyCpu),
    top: [...wall.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, w]) => ({ name, wallShare: share(w), cpuShare: share(cpu.get(name) ?? 0) })),
  };
}
