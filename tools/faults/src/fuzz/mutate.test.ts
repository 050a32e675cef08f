import { ALL_CHANNELS } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { createRng, mutate } from './mutate';

const BASE = { channel: ALL_CHANNELS[0]!, text: JSON.stringify({ type: 'pattern', data: { symbol: 'NVDA', pattern: 'Doji', confidence: 0.7, timestamp: '2025-10-16T02:08:03.000Z', items: [1, 2] } }) };

describe(mutate.name, () => {
  it('is deterministic for a seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const run = (rng: ReturnType<typeof createRng>) => Array.from({ length: 200 }, () => mutate(rng, BASE));
    expect(run(a)).toEqual(run(b));
  });

  it('changes the message nearly always, stays on the TickStockPL channels, and varies', () => {
    const rng = createRng(7);
    const out = Array.from({ length: 2_000 }, () => mutate(rng, BASE));
    expect(out.filter((m) => m.text === BASE.text).length).toBeLessThan(40);
    expect(out.every((m) => (ALL_CHANNELS as readonly string[]).includes(m.channel))).toBe(true);
    expect(new Set(out.map((m) => m.text)).size).toBeGreaterThan(1_000);
    expect(out.some((m) => m.channel !== BASE.channel)).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    const rng = createRng(3);
    for (const text of ['', 'not json', '[]', 'null', '"x"', '{"a":{"b":[{"c":null}]}}']) {
      for (let i = 0; i < 200; i++) expect(() => mutate(rng, { channel: BASE.channel, text })).not.toThrow();
    }
  });
});
