import { describe, expect, it } from 'vitest';
import { toKeyValues, valueText } from './key-values';

describe(toKeyValues.name, () => {
  it('turns producer objects into labelled values, nested ones one level deep', () => {
    expect(toKeyValues({ cpu_percent: 41.27, queue: { depth: 12, max: 100 }, redis_ok: true })).toEqual([
      { key: 'cpu_percent', label: 'CPU percent', text: '41.27' },
      { key: 'queue.depth', label: 'queue · depth', text: '12' },
      { key: 'queue.max', label: 'queue · max', text: '100' },
      { key: 'redis_ok', label: 'redis ok', text: 'yes' },
    ]);
    expect(toKeyValues({ redis_latency_ms: 1.8, memory_mb: 812 }).map((kv) => kv.label)).toEqual(['redis latency ms', 'memory MB']);
  });

  it('is bounded, so one odd payload cannot fill the panel', () => {
    const big = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(toKeyValues(big)).toHaveLength(12);
    expect(valueText('x'.repeat(500)).length).toBe(120);
  });

  it('lists arrays and never prints [object Object]', () => {
    expect(valueText([1, 2, 3, 4, 5, 6, 7])).toBe('1, 2, 3, 4, 5 +2');
    expect(valueText({ a: { b: 1 } })).not.toContain('[object');
    expect(toKeyValues(null)).toEqual([]);
  });
});
