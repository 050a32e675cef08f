import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionRepository, type SessionRepository } from '../src';
import { ago, openTestDb, session, type DbContext } from './support';

describe(createSessionRepository.name, () => {
  let ctx: DbContext;
  let sut: SessionRepository;
  const now = new Date();

  beforeAll(async () => {
    ctx = await openTestDb(import.meta.url);
    sut = createSessionRepository(ctx.db);
  });
  afterAll(() => ctx?.close());

  it('answers null for latest() before any session', async () => {
    expect(await sut.latest()).toBeNull();
  });

  it('records a started session once: true the first time, false for a replay', async () => {
    const s = session({ session_id: 'start-1', start_time: ago(120, now), trigger_type: 'market_open' });
    expect(await sut.upsertSessionStarted(s)).toBe(true);
    expect(await sut.upsertSessionStarted(s)).toBe(false);
    expect(await sut.get('start-1')).toEqual({ session: s, stopped: null });
  });

  it('returns the session that started last as latest(), running until stopped', async () => {
    await sut.upsertSessionStarted(session({ session_id: 'early', start_time: ago(60, now) }));
    const last = session({ session_id: 'late', start_time: ago(10, now), trigger_type: null });
    await sut.upsertSessionStarted(last);

    expect(await sut.latest()).toEqual({ session: last, stopped: null });
  });

  it('records how a session stopped once; the stop shows on latest()', async () => {
    const stop = { session_id: 'late', stopped_at: ago(1, now), duration_seconds: 540, total_patterns: 12, total_indicators: 340, final_status: 'completed', reason: 'market_close' };
    expect(await sut.markSessionStopped(stop)).toBe(true);
    expect(await sut.markSessionStopped({ ...stop, final_status: 'replayed' })).toBe(false);

    const state = await sut.latest();
    expect(state?.session.session_id).toBe('late');
    expect(state?.session.status).toBe('stopped');
    expect(state?.stopped).toEqual(stop);
  });

  it('never reopens a stopped session when its start event is replayed', async () => {
    expect(await sut.upsertSessionStarted(session({ session_id: 'late', start_time: ago(10, now), status: 'active' }))).toBe(false);
    const state = await sut.get('late');
    expect(state?.session.status).toBe('stopped');
    expect(state?.stopped).not.toBeNull();
  });

  it('keeps a stop whose start was never seen, started at stopped_at - duration', async () => {
    const stop = { session_id: 'orphan', stopped_at: ago(200, now), duration_seconds: 60, total_patterns: null, total_indicators: null, final_status: 'error' };
    expect(await sut.markSessionStopped(stop)).toBe(true);

    const state = await sut.get('orphan');
    expect(state?.session.start_time).toBe(ago(201, now));
    expect(state?.stopped).toEqual({ ...stop, reason: null });
  });

  it.each([
    ['a duration too long for any date', 1e308],
    ['a duration reaching before 2000', 1e10],
    ['a negative duration', -60],
  ])('keeps a stop with %s, started at stopped_at (never an invalid date PostgreSQL refuses)', async (_what, duration) => {
    const stop = { session_id: `odd-${duration}`, stopped_at: ago(300, now), duration_seconds: duration, total_patterns: null, total_indicators: null, final_status: 'error' };
    expect(await sut.markSessionStopped(stop)).toBe(true);
    expect((await sut.get(stop.session_id))?.session.start_time).toBe(ago(300, now));
  });

  it('fills in a start that arrives after its stop, and keeps the session stopped', async () => {
    await sut.upsertSessionStarted(session({ session_id: 'orphan', universe: 'NASDAQ100', start_time: ago(202, now), symbol_count: 100 }));
    const state = await sut.get('orphan');
    expect(state?.session).toMatchObject({ universe: 'NASDAQ100', symbol_count: 100, start_time: ago(202, now), status: 'stopped' });
  });
});
