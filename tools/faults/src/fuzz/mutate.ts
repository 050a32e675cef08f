// Mutations of real TickStockPL payloads (the simulator's, every generation): structural ones on
// the parsed JSON (a value of another type, a missing or an extra key, an envelope more or less,
// a batch grown or emptied) and textual ones (cut, flipped, spliced, oversized, deeply nested),
// sometimes on another channel. Seeded: the same seed gives the same messages.
import { ALL_CHANNELS } from '@tickstock/contracts';

export type Rng = { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean };

/** mulberry32: small, fast, good enough to pick mutations. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]!, chance: (p) => next() < p };
}

export type Message = { channel: string; text: string };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const deep = (depth: number): Json => (depth === 0 ? 1 : { a: deep(depth - 1) });

/** Values that have broken parsers, databases and serializers before. */
function oddValue(rng: Rng): Json {
  const values: (() => Json)[] = [
    () => null,
    () => true,
    () => 0,
    () => -1,
    () => 1e308,
    () => -1e308,
    () => 5e-324,
    () => 2 ** 53 + 1,
    () => 0.1 + 0.2,
    () => '',
    () => ' ',
    () => 'NaN',
    () => 'Infinity',
    () => 'null',
    () => '💥🚀',
    () => 'a\u0000b',
    () => '\ud800',
    () => '\u202e\u200b',
    () => "'; DROP TABLE alerts; --",
    () => '<script>alert(1)</script>',
    () => 'x'.repeat(rng.pick([300, 5_000, 70_000])),
    () => '2025-13-45T99:99:99Z',
    () => '1700000000',
    () => 1_700_000_000.5,
    () => 9_999_999_999_999,
    () => '0001-01-01T00:00:00Z',
    () => '275760-09-13T00:00:00.001Z',
    () => 'brk.b',
    () => 'A'.repeat(20),
    () => '../../etc/passwd',
    () => ({}),
    () => [],
    () => [1, 'two', null],
    () => deep(rng.pick([5, 31, 33, 60])),
    () => JSON.parse('{"__proto__": {"polluted": true}}') as Json,
    () => rng.next() * 1e6 - 5e5,
  ];
  return rng.pick(values)();
}

type Slot = { parent: Json[] | { [k: string]: Json }; key: string | number };

function slots(value: Json, out: Slot[] = [], depth = 0): Slot[] {
  if (depth > 8 || value === null || typeof value !== 'object') return out;
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, v] of entries) {
    out.push({ parent: value, key });
    slots(v, out, depth + 1);
  }
  return out;
}

function set(slot: Slot, value: Json): void {
  (slot.parent as Record<string | number, Json>)[slot.key] = value;
}

function structural(rng: Rng, root: Json): Json {
  const all = slots(root);
  const slot = all.length > 0 ? rng.pick(all) : undefined;
  const op = rng.int(8);
  if (!slot || op === 0) return rng.chance(0.5) ? { type: 'wrapped', data: root, timestamp: oddValue(rng) } : [root, root];
  const current = (slot.parent as Record<string | number, Json>)[slot.key] ?? null;
  switch (op) {
    case 1:
    case 2:
    case 3:
      set(slot, oddValue(rng));
      break;
    case 4:
      if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
      else delete slot.parent[slot.key as string];
      break;
    case 5: {
      const name = rng.pick(['__proto__', 'constructor', '', 'data', 'type', 'timestamp', 'symbol', 'extra_field']);
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) Object.defineProperty(current, name, { value: oddValue(rng), enumerable: true, configurable: true, writable: true });
      else set(slot, { [name]: current });
      break;
    }
    case 6:
      // A batch grown past any real size, or emptied.
      if (Array.isArray(current)) set(slot, rng.chance(0.5) ? [] : Array.from({ length: rng.pick([60, 500]) }, () => current[0] ?? null));
      else set(slot, [current]);
      break;
    default:
      set(slot, typeof current === 'string' ? Number(current) || current.toUpperCase() : JSON.stringify(current));
  }
  return root;
}

function textual(rng: Rng, text: string): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(9)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + String.fromCharCode(rng.int(128)) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + rng.pick(['"', '}', ']', ',', ':', '\\', '\u0000', '\ufffd', 'NaN', '{"', '\n']) + text.slice(at);
    case 3:
      return text.slice(0, at) + text.slice(at + rng.int(40));
    case 4:
      return text + text;
    case 5:
      return rng.pick(['', 'null', '[]', '{}', '"text"', '123', 'true', '{"data":null}', '{"type":"pattern"}']);
    case 6:
      return '['.repeat(3_000) + ']'.repeat(3_000);
    case 7:
      // Past the decoder's 256 KiB limit, still valid JSON (rarely: each one is 270 KB through Redis twice).
      return rng.chance(0.2) ? text.replace(/^\{/, `{"pad":"${'p'.repeat(270_000)}",`) : text.slice(at);
    default:
      return Buffer.from(text).toString('base64');
  }
}

/** One mutated message from a real one: mostly structural, sometimes textual, sometimes on another channel. */
export function mutate(rng: Rng, base: Message): Message {
  const channel = rng.chance(0.1) ? rng.pick(ALL_CHANNELS) : base.channel;
  let text = base.text;
  if (rng.chance(0.7)) {
    try {
      let value = JSON.parse(text) as Json;
      for (let n = 1 + rng.int(3); n > 0; n--) value = structural(rng, value);
      text = JSON.stringify(value);
    } catch (err) {
      void err; // the base is not JSON (the junk scenario's or an earlier cut): mutate the text
      text = textual(rng, text);
    }
  } else text = textual(rng, text);
  return { channel, text };
}
