// PostgreSQL stopped under traffic and started again: events wait in the events stream and are
// all written once it is back — every accepted event stored exactly once, nothing lost. The store
// writer runs on its own thread here, as in the service (store-thread.ts): its metrics cross over.
import { readFileSync } from 'node:fs';
import { CHANNELS, SERVICE_KEYS } from '@tickstock/contracts';
import { startPostgres, waitFor, type TestPostgres } from '@tickstock/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support';

const indicator = (n: number) => ({
  type: 'streaming_indicator',
  calculation: { indicator: 'RSI', symbol: `S${n % 50}`, value: n, timestamp: new Date(Date.UTC(2025, 9, 16, 2, 0, 0, 0) + n * 1000).toISOString() },
});

describe('ingest across a PostgreSQL outage', () => {
  let postgres: TestPostgres;
  let stack: Stack;
  beforeAll(async () => {
    postgres = await startPostgres({ dedicated: true });
    stack = await startStack(import.meta.url, {}, { postgres, writer: 'thread' });
  });
  afterAll(async () => {
    await stack?.close();
    await postgres?.stop();
  });

  const stored = async () => Number((await sql<{ n: string }>`select count(*)::text as n from intraday_indicators`.execute(stack.db)).rows[0]!.n);

  it('runs the writer thread at the configured nice value (Linux)', async () => {
    if (process.platform !== 'linux') return;
    const tid = await waitFor(() => stack.writerThread!.threadId(), { what: 'the writer thread to report its id' });
    expect(tid).not.toBe(process.pid);
    // /proc/PID/task/TID/stat: the fields after the command's closing parenthesis start at field 3 (state); nice is field 19.
    const niceOf = (id: number) => Number(readFileSync(`/proc/self/task/${id}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    expect(stack.config.INGEST_STORE_NICE).toBe(10);
    expect(niceOf(tid)).toBe(10);
    expect(niceOf(process.pid)).toBe(0); // the main thread keeps the process's priority
  });

  it('stores every accepted event exactly once after PostgreSQL returns', async () => {
    let n = 0;
    const publishSome = async (count: number) => {
      for (let i = 0; i < count; i++) await stack.publish(CHANNELS.indicatorsStreaming, indicator(n++));
    };
    await publishSome(100);
    await waitFor(async () => (await stored()) === 100, { what: 'the first 100 rows' });

    await postgres.stopServer!();
    await publishSome(300); // accepted while the database is down
    await waitFor(async () => (await stack.metric('ingest_events_accepted_total')) === 400, { what: 'all 400 accepted' });
    await waitFor(async () => (await stack.metric('ingest_persistence_errors_total')) > 0, { what: 'the writer to notice the outage' });
    expect(await stack.metric('ingest_events_persisted_total')).toBe(100);

    await postgres.startServer!();
    await publishSome(100);
    await waitFor(async () => (await stored().catch(() => -1)) === 500, { timeoutMs: 30_000, what: 'all 500 rows after the restart' });
    const distinct = Number((await sql<{ n: string }>`select count(distinct id)::text as n from intraday_indicators`.execute(stack.db)).rows[0]!.n);
    expect(distinct).toBe(500);
    // The writer thread reports its counts every 200 ms.
    await waitFor(async () => (await stack.metric('ingest_events_persisted_total')) === 500, { what: 'the thread to report 500 persisted' });
    expect(await stack.metric('ingest_events_persist_lost_total')).toBe(0);
    // Stored entries leave the events stream: an empty stream is a drained backlog.
    await waitFor(async () => (await stack.bus.streamInfo(SERVICE_KEYS.eventsStream)).length === 0, { what: 'the events stream drained' });
  });
});
