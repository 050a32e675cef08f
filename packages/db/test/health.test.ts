import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthRepository, type HealthRepository } from '../src';
import { ago, health, openTestDb, type DbContext } from './support';

describe(createHealthRepository.name, () => {
  let ctx: DbContext;
  let sut: HealthRepository;
  const now = new Date();

  beforeAll(async () => {
    ctx = await openTestDb(import.meta.url);
    sut = createHealthRepository(ctx.db);
  });
  afterAll(() => ctx?.close());

  it('answers null before any health snapshot', async () => {
    expect(await sut.latest()).toBeNull();
  });

  it('stores a snapshot once per session and instant: a replay inserts nothing', async () => {
    const batch = [health({ timestamp: ago(3, now) }), health({ timestamp: ago(2, now) }), health({ timestamp: ago(2, now), session_id: null })];
    expect(await sut.insertHealth(batch)).toBe(3);
    expect(await sut.insertHealth(batch)).toBe(0);
  });

  it('returns the newest snapshot by its timestamp, with arrays and objects intact', async () => {
    const newest = health({
      timestamp: ago(1, now),
      status: 'degraded',
      issues: ['stale symbols', 'slow redis'],
      resources: null,
      data_flow: { ticks: 10, nested: { a: [1] } },
      extra: { stale_symbols: ['IBM'] },
    });
    await sut.insertHealth([newest, health({ timestamp: ago(30, now) })]);

    expect(await sut.latest()).toEqual(newest);
  });
});
