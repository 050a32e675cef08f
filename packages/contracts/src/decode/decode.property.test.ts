// Properties over arbitrary input: decode never throws (nor fails internally), and whatever it
// accepts is safe to pass on (TICKSTOCKPL-FORMATS.md, "Bad input": never crashes the service,
// never reaches a browser unless valid).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_CHANNELS } from '../channels';
import { decode } from './index';
import { loadSamples } from './samples.fixture';
import { expectSafe } from './safety.fixture';

const channel = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...ALL_CHANNELS) }, { weight: 1, arbitrary: fc.string() });
const NUM_RUNS = 1500;

describe(decode.name, () => {
  it('survives arbitrary text on every channel', () => {
    fc.assert(
      fc.property(channel, fc.string({ unit: 'binary', maxLength: 300 }), (ch, text) => {
        expectSafe(decode(ch, text));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('survives arbitrary JSON values on every channel', () => {
    fc.assert(
      fc.property(channel, fc.jsonValue({ maxDepth: 6 }), (ch, v) => {
        expectSafe(decode(ch, JSON.stringify(v)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('survives arbitrary deep objects (fc.anything) on every channel', () => {
    const anything = fc.anything({ maxDepth: 40, maxKeys: 4, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withSparseArray: true });
    fc.assert(
      fc.property(channel, anything, (ch, v) => {
        let text: string | undefined;
        try {
          text = JSON.stringify(v);
        } catch {
          return; // not serializable (a cycle, a BigInt): nothing a producer could publish
        }
        if (text !== undefined) expectSafe(decode(ch, text));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('survives objects nested far past the depth limit', () => {
    const deep = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'large', maxDepth: 80 }, fc.jsonValue({ maxDepth: 1 }), fc.dictionary(fc.string({ maxLength: 3 }), tie('node'), { maxKeys: 2 }), fc.array(tie('node'), { maxLength: 2 })),
    })).node;
    fc.assert(
      fc.property(channel, deep, (ch, v) => {
        expectSafe(decode(ch, JSON.stringify({ type: 'streaming_pattern', detection: v, data: v, health: v, alert: v })));
      }),
      { numRuns: 500 },
    );
  });

  it('survives objects built from the formats\' own field names with arbitrary values', () => {
    // Random JSON seldom looks like a message; these do, so they reach the normalizers' accept paths.
    const KEYS = ['type', 'event', 'detection', 'calculation', 'indicator', 'alert', 'session', 'health', 'data', 'patterns', 'indicators', 'pattern', 'pattern_type', 'indicator_type', 'alert_type', 'symbol', 'confidence', 'value', 'values', 'timestamp', 'timeframe', 'session_id', 'status', 'message', 'job_id', 'progress', 'metadata', 'bar_data', 'issues', 'component', 'event_type'];
    const plausible = fc.oneof(
      fc.constantFrom('streaming_pattern', 'streaming_indicator', 'indicator_alert', 'critical_alert', 'streaming_health', 'streaming_session_started', 'streaming_patterns_batch', 'AAPL', 'brk.b', 'Doji', '<x>', '', ' ', 'ſ', '2025-10-16T02:08:03+00:00'),
      fc.double(),
      fc.integer(),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const message = fc.letrec<{ obj: Record<string, unknown> }>((tie) => ({
      obj: fc.dictionary(fc.constantFrom(...KEYS), fc.oneof({ maxDepth: 3 }, plausible, tie('obj'), fc.array(tie('obj'), { maxLength: 3 })), { maxKeys: 8 }),
    })).obj;
    let accepted = 0;
    fc.assert(
      fc.property(channel, message, (ch, v) => {
        const result = decode(ch, JSON.stringify(v));
        expectSafe(result);
        if (result.ok && result.events.length > 0) accepted++;
      }),
      { numRuns: 1000 },
    );
    // A property whose every input is rejected would prove nothing about accepted events.
    expect(accepted).toBeGreaterThan(0);
  });

  it('survives every sample with any one field replaced or removed', () => {
    const samples = loadSamples();
    const mutation = fc.record({ sample: fc.nat(samples.length - 1), path: fc.nat(), value: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }) });
    fc.assert(
      fc.property(mutation, ({ sample, path, value }) => {
        const s = samples[sample];
        if (s === undefined) return;
        const payload = structuredClone(s.payload);
        mutate(payload, path, value);
        expectSafe(decode(s.channel, JSON.stringify(payload)));
      }),
      { numRuns: NUM_RUNS * 2 },
    );
  });
});

/** Replaces (or deletes, for undefined) the field at the `index`-th position of a walk over `root`. */
function mutate(root: unknown, index: number, value: unknown): void {
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    for (const [k, child] of Object.entries(v)) {
      slots.push([v as Record<string, unknown>, k]);
      walk(child);
    }
  };
  walk(root);
  const slot = slots[index % Math.max(1, slots.length)];
  if (slot === undefined) return;
  const [parent, key] = slot;
  if (value === undefined) delete parent[key];
  else parent[key] = value;
}
