// Decode throughput against its ceiling, bare JSON.parse of the same messages, on one thread.
// Run: npm run decode -w @tickstock/bench (or npm run bench:decode at the root).
// Targets (ingest design): decode >= 40% of JSON.parse throughput and >= 300,000 msgs/s.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { decode } from '@tickstock/contracts';
import { buildMix, type BenchMessage } from './decode-mix';

const MESSAGES = 20_000;
const ROUNDS = 9;
const WARMUP_ROUNDS = 3;
/** Each timed sample passes over the whole mix this many times (~0.1-0.3 s per sample). */
const PASSES = 5;
const TARGET_RATIO = 0.4;
const TARGET_RATE = 300_000;

let sink = 0;

function timeParse(msgs: readonly BenchMessage[]): number {
  const start = process.hrtime.bigint();
  for (let p = 0; p < PASSES; p++) {
    for (const m of msgs) {
      // The ceiling must survive the same invalid JSON that decode() does.
      try {
        if (JSON.parse(m.text) === undefined) sink++;
      } catch {
        sink++;
      }
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function timeDecode(msgs: readonly BenchMessage[]): number {
  const start = process.hrtime.bigint();
  for (let p = 0; p < PASSES; p++) {
    for (const m of msgs) {
      const r = decode(m.channel, m.text);
      sink += r.ok ? r.events.length : 1;
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const msgs = buildMix(MESSAGES);
const bytes = msgs.reduce((n, m) => n + m.text.length, 0);
const families: Record<string, number> = {};
for (const m of msgs) families[m.family] = (families[m.family] ?? 0) + 1;
let rejected = 0;
let events = 0;
for (const m of msgs) {
  const r = decode(m.channel, m.text);
  if (r.ok) events += r.events.length;
  else rejected++;
}

const parseRates: number[] = [];
const decodeRates: number[] = [];
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  // Alternate the order so neither side always runs on a warmer (or more fragmented) heap.
  let parseSeconds: number;
  let decodeSeconds: number;
  if (round % 2 === 0) {
    parseSeconds = timeParse(msgs);
    decodeSeconds = timeDecode(msgs);
  } else {
    decodeSeconds = timeDecode(msgs);
    parseSeconds = timeParse(msgs);
  }
  if (round < WARMUP_ROUNDS) continue;
  parseRates.push((msgs.length * PASSES) / parseSeconds);
  decodeRates.push((msgs.length * PASSES) / decodeSeconds);
}

const parseRate = median(parseRates);
const decodeRate = median(decodeRates);
const ratio = decodeRate / parseRate;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rows = [
  ['JSON.parse (ceiling)', fmt(parseRate), (1e9 / parseRate).toFixed(0), '100%'],
  ['decode', fmt(decodeRate), (1e9 / decodeRate).toFixed(0), `${(ratio * 100).toFixed(1)}%`],
];
console.log(`decode bench: ${msgs.length} messages (${(bytes / msgs.length).toFixed(0)} B avg, ${events} events, ${rejected} rejected), ${ROUNDS} rounds x ${PASSES} passes, median`);
console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}`);
console.log(['', 'msgs/s', 'ns/msg', 'of parse'].map((h, i) => (i === 0 ? h.padEnd(22) : h.padStart(12))).join(''));
for (const row of rows) console.log(row.map((c, i) => (i === 0 ? c.padEnd(22) : c.padStart(12))).join(''));
const okRatio = ratio >= TARGET_RATIO;
const okRate = decodeRate >= TARGET_RATE;
console.log(`targets: ratio >= ${TARGET_RATIO * 100}% ${okRatio ? 'met' : 'NOT met'}; decode >= ${fmt(TARGET_RATE)} msgs/s ${okRate ? 'met' : 'NOT met'}`);

const result = {
  bench: 'decode',
  at: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? null,
  messages: msgs.length,
  avg_bytes: bytes / msgs.length,
  mix: families,
  events,
  rejected,
  rounds: ROUNDS,
  passes: PASSES,
  json_parse: { msgs_per_s: parseRate, rounds: parseRates },
  decode: { msgs_per_s: decodeRate, rounds: decodeRates },
  ratio,
  targets: { ratio: TARGET_RATIO, msgs_per_s: TARGET_RATE, met: okRatio && okRate },
  sink,
};
const dir = new URL('../../../bench-results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('decode.json', dir), `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${new URL('decode.json', dir).pathname}`);
