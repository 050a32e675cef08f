import type { EnvelopePattern } from '@tickstock/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProducerEventRepository, type ProducerEventRepository } from '../src';
import { ago, openTestDb, type DbContext } from './support';

function envelope(id: string, timestamp: string): { kind: 'envelope_pattern'; data: EnvelopePattern } {
  return {
    kind: 'envelope_pattern',
    data: { id, symbol: 'AAPL', pattern: 'Doji', confidence: 0.9, timestamp, source: 'daily', event_type: 'pattern_detected', data: { tier: 'daily', indicators: { rsi: 61.5 } } },
  };
}

describe(createProducerEventRepository.name, () => {
  let ctx: DbContext;
  let sut: ProducerEventRepository;
  const now = new Date();

  beforeAll(async () => {
    ctx = await openTestDb(import.meta.url);
    sut = createProducerEventRepository(ctx.db);
  });
  afterAll(() => ctx?.close());

  it('stores an event once: the same batch again inserts nothing', async () => {
    const batch = [envelope('env_1', ago(2, now)), envelope('env_2', ago(1, now))];
    expect(await sut.insertEvents(batch)).toBe(2);
    expect(await sut.insertEvents(batch)).toBe(0);
  });

  it('keeps the event whole, newest first', async () => {
    const latest = await sut.latest('envelope_pattern', 10);
    expect(latest.map((e) => e.data.id)).toEqual(['env_2', 'env_1']);
    expect(latest[0]).toEqual(envelope('env_2', ago(1, now)));
  });
});
