import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatternRepository, type PatternRepository } from '../src';
import { ago, openTestDb, pattern, type DbContext } from './support';

describe(createPatternRepository.name, () => {
  let ctx: DbContext;
  let sut: PatternRepository;
  const now = new Date();

  beforeAll(async () => {
    ctx = await openTestDb(import.meta.url);
    sut = createPatternRepository(ctx.db);
  });
  afterAll(() => ctx?.close());

  it('stores a batch once: the same batch again inserts nothing (idempotent by id and timestamp)', async () => {
    const batch = [pattern({ id: 'idem-1', symbol: 'IDEM', timestamp: ago(1, now) }), pattern({ id: 'idem-2', symbol: 'IDEM', timestamp: ago(2, now) })];

    expect(await sut.insertPatterns(batch)).toBe(2);
    expect(await sut.insertPatterns(batch)).toBe(0);
    expect(await sut.listBySymbol({ symbol: 'IDEM', hours: 1, limit: 100, now })).toHaveLength(2);
  });

  it('counts a duplicate inside one batch once', async () => {
    const p = pattern({ id: 'dup-1', symbol: 'DUP', timestamp: ago(1, now) });
    expect(await sut.insertPatterns([p, p, { ...p }])).toBe(1);
  });

  it('inserts nothing for an empty batch', async () => {
    expect(await sut.insertPatterns([])).toBe(0);
  });

  it('returns the PatternRecord shape of CONTRACT.md, timestamps as UTC ISO with milliseconds', async () => {
    const ts = '2026-01-02T03:04:05.678Z';
    await sut.insertPatterns([
      pattern({ id: 'shape-1', symbol: 'SHAPE', timestamp: ts, parameters: { n: 3, nested: { a: [1, 2] } }, bar_data: null }),
    ]);

    const [record] = await sut.listBySymbol({ symbol: 'SHAPE', hours: 1, limit: 10, now: new Date('2026-01-02T03:30:00Z') });

    expect(record).toEqual({
      id: 'shape-1',
      pattern_type: 'Doji',
      symbol: 'SHAPE',
      timestamp: ts,
      confidence: 0.75,
      parameters: { n: 3, nested: { a: [1, 2] } },
      timeframe: '1min',
      bar_data: null,
      metadata: { source: 'test' },
      session_id: 'sess-1',
    });
  });

  it('lists one symbol newest first, only inside the window, at most `limit`', async () => {
    await sut.insertPatterns([
      pattern({ id: 'w-1', symbol: 'WIN', timestamp: ago(5, now) }),
      pattern({ id: 'w-2', symbol: 'WIN', timestamp: ago(30, now) }),
      pattern({ id: 'w-3', symbol: 'WIN', timestamp: ago(50, now) }),
      pattern({ id: 'w-old', symbol: 'WIN', timestamp: ago(70, now) }),
      pattern({ id: 'other', symbol: 'OTHER', timestamp: ago(1, now) }),
    ]);

    const lastHour = await sut.listBySymbol({ symbol: 'WIN', hours: 1, limit: 100, now });
    expect(lastHour.map((p) => p.id)).toEqual(['w-1', 'w-2', 'w-3']);

    const twoHours = await sut.listBySymbol({ symbol: 'WIN', hours: 2, limit: 100, now });
    expect(twoHours.map((p) => p.id)).toEqual(['w-1', 'w-2', 'w-3', 'w-old']);

    const limited = await sut.listBySymbol({ symbol: 'WIN', hours: 2, limit: 2, now });
    expect(limited.map((p) => p.id)).toEqual(['w-1', 'w-2']);
  });

  it('answers an empty array for a symbol with nothing stored', async () => {
    expect(await sut.listBySymbol({ symbol: 'NONE', hours: 24, limit: 10, now })).toEqual([]);
  });
});
