// Summarizes a V8 .cpuprofile (node --cpu-prof) by self time: per function and per package, so
// the ingest bench can say where the ingest's CPU went. Also runnable on its own:
//   npx tsx src/ingest-profile.ts <file.cpuprofile>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type LongTask = { startUs: number; ms: number; top: { name: string; ms: number }[] };

export type ProfileSummary = {
  seconds: number;
  busySeconds: number;
  byPackage: { name: string; ms: number; share: number }[];
  byFunction: { name: string; ms: number; share: number }[];
  /** Runs of busy samples (the event loop blocked that long, or the thread descheduled while runnable). */
  longTasks: { over2ms: number; over5ms: number; over10ms: number; busyMs: number; windowMs: number; longest: LongTask[] };
};

function packageOf(url: string, fn: string): string {
  if (url === '') return fn.startsWith('(') ? fn : '(native/builtin)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) {
    if (nm[1] === '@tickstock') return url.replace(/^.*node_modules\//, '').split('/').slice(0, 2).join('/');
    return nm[1] as string;
  }
  const ws = /\/(packages|apps|tools)\/([^/]+)\/src\/(.*)$/.exec(url);
  if (ws) return ws[1] === 'apps' && ws[2] === 'ingest' ? `ingest/${(ws[3] as string).split('/')[0]}` : `@tickstock/${ws[2]}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '');
}

/**
 * `window`: [from, to] in µs of CLOCK_MONOTONIC (process.hrtime.bigint() / 1000n in any process
 * of the machine): V8 stamps its samples with the same clock, so a phase can be cut out exactly.
 */
export function summarizeProfile(file: string, top = 25, window: [number, number] = [0, Infinity]): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t < window[0] || t > window[1]) continue;
    selfUs.set(p.samples[i] as number, (selfUs.get(p.samples[i] as number) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const pkg = new Map<string, number>();
  const fns = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    total += us;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const where = packageOf(url, functionName);
    pkg.set(where, (pkg.get(where) ?? 0) + us);
    const name = `${functionName || '(anonymous)'} ${url ? `${where}:${lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + us);
  }
  const busy = total - idle;
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }));
  return { seconds: total / 1e6, busySeconds: busy / 1e6, byPackage: list(pkg), byFunction: list(fns), longTasks: longTasks(p, byId, window) };
}

function longTasks(p: Profile, byId: Map<number, ProfileNode>, [from, to]: [number, number]): ProfileSummary['longTasks'] {
  const tasks: LongTask[] = [];
  let t = p.startTime;
  let run: { startUs: number; us: number; by: Map<string, number> } | undefined;
  let busyUs = 0;
  const close = () => {
    if (run) tasks.push({ startUs: run.startUs, ms: run.us / 1000, top: [...run.by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, us]) => ({ name, ms: us / 1000 })) });
    run = undefined;
  };
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t < from || t > to) continue;
    const n = byId.get(p.samples[i] as number);
    if (!n || n.callFrame.functionName === '(idle)') {
      close();
      continue;
    }
    busyUs += dt;
    run ??= { startUs: t - dt, us: 0, by: new Map() };
    run.us += dt;
    const { functionName, url, lineNumber } = n.callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${packageOf(url, functionName)}:${lineNumber + 1}` : ''}`.trim();
    run.by.set(name, (run.by.get(name) ?? 0) + dt);
  }
  close();
  return {
    over2ms: tasks.filter((x) => x.ms > 2).length,
    over5ms: tasks.filter((x) => x.ms > 5).length,
    over10ms: tasks.filter((x) => x.ms > 10).length,
    busyMs: busyUs / 1000,
    windowMs: Number.isFinite(to - from) ? (to - from) / 1000 : (p.endTime - p.startTime) / 1000,
    longest: tasks.sort((a, b) => b.ms - a.ms).slice(0, 8),
  };
}

export function printProfile(s: ProfileSummary, top = 20, what = 'profile'): void {
  console.log(`  ${what}: ${s.seconds.toFixed(1)} s sampled, ${s.busySeconds.toFixed(1)} s busy (the rest idle)`);
  console.log('  self time by package:');
  for (const r of s.byPackage.slice(0, 14)) console.log(`    ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`);
  console.log('  self time by function:');
  for (const r of s.byFunction.slice(0, top)) console.log(`    ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`);
}

export function printLongTasks(s: ProfileSummary, what: string): void {
  const lt = s.longTasks;
  console.log(
    `  ${what}: busy ${fmtMs(lt.busyMs)} of ${fmtMs(lt.windowMs)}; busy stretches (event loop blocked or descheduled) > 2 ms: ${lt.over2ms}, > 5 ms: ${lt.over5ms}, > 10 ms: ${lt.over10ms}; longest:`,
  );
  for (const x of lt.longest) console.log(`    ${x.ms.toFixed(1).padStart(6)} ms: ${x.top.map((f) => `${f.name} ${f.ms.toFixed(1)}`).join(' | ')}`);
}

const fmtMs = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx src/ingest-profile.ts <file.cpuprofile>');
  const s = summarizeProfile(file, 40);
  printProfile(s, 40);
  printLongTasks(s, 'whole profile');
}
