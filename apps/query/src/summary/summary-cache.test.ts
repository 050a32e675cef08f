import type { SummaryResponse } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { createSummaryCache } from './summary-cache';

const summary = (n: number): SummaryResponse => ({
  window_hours: 1,
  pattern_distribution: {},
  top_symbols: [],
  total_patterns: n,
  total_indicators: 0,
  total_alerts: 0,
});

function setup(maxAgeMs = 1000) {
  const clock = { t: 0 };
  const calls: number[] = [];
  let release: (() => void) | undefined;
  let failNext = false;
  const compute = (hours: number) => {
    calls.push(hours);
    const n = calls.length;
    if (failNext) {
      failNext = false;
      return Promise.reject(new Error('db down'));
    }
    return new Promise<SummaryResponse>((resolve) => (release = () => resolve(summary(n))));
  };
  const errors: unknown[] = [];
  const sut = createSummaryCache(compute, { maxAgeMs, now: () => clock.t, onRefreshError: (err) => errors.push(err) });
  return { sut, clock, calls, errors, release: () => release?.(), failNext: () => (failNext = true) };
}

describe(createSummaryCache.name, () => {
  it('computes a window once for callers arriving together', async () => {
    const { sut, calls, release } = setup();
    const a = sut.get(24);
    const b = sut.get(24);
    release();
    expect(await a).toEqual(await b);
    expect(calls).toEqual([24]);
  });

  it('serves a fresh value without computing', async () => {
    const { sut, calls, clock, release } = setup();
    const first = sut.get(24);
    release();
    await first;
    clock.t = 999;
    expect((await sut.get(24)).total_patterns).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('keeps windows apart', async () => {
    const { sut, calls, release } = setup();
    const a = sut.get(1);
    release();
    await a;
    const b = sut.get(2);
    release();
    await b;
    expect(calls).toEqual([1, 2]);
  });

  it('serves a stale value at once and refreshes it in the background', async () => {
    const { sut, calls, clock, release } = setup();
    const first = sut.get(24);
    release();
    await first;
    clock.t = 1500;
    expect((await sut.get(24)).total_patterns).toBe(1);
    expect(calls).toHaveLength(2);
    release();
    await Promise.resolve();
    await Promise.resolve();
    expect((await sut.get(24)).total_patterns).toBe(2);
  });

  it('waits for a fresh value when the cached one is too old to serve', async () => {
    const { sut, calls, clock, release } = setup();
    const first = sut.get(24);
    release();
    await first;
    clock.t = 6000;
    const second = sut.get(24);
    release();
    expect((await second).total_patterns).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it('keeps serving the stale value when a background refresh fails, and reports it', async () => {
    const { sut, clock, release, failNext, errors } = setup();
    const first = sut.get(24);
    release();
    await first;
    clock.t = 1500;
    failNext();
    expect((await sut.get(24)).total_patterns).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(errors).toHaveLength(1);
    expect((await sut.get(24)).total_patterns).toBe(1);
  });

  it('passes a failure to the caller when there is nothing to serve', async () => {
    const { sut, failNext } = setup();
    failNext();
    await expect(sut.get(24)).rejects.toThrow('db down');
  });

  it('computes every time when maxAgeMs is 0', async () => {
    const { sut, calls, release } = setup(0);
    const a = sut.get(24);
    release();
    await a;
    const b = sut.get(24);
    release();
    await b;
    expect(calls).toHaveLength(2);
  });
});
