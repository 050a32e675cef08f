import type { ServerFrame } from '@tickstock/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackoff } from './backoff';
import type { ConnectionState } from './connection-state';
import { createStreamSocket, type StreamSocketOptions, type TicketResult } from './stream-socket';
import { frames, pattern } from './testing/frames';
import { fakeSockets } from './testing/fake-socket';

function setup(over: Partial<StreamSocketOptions> = {}) {
  const sockets = fakeSockets();
  const received: ServerFrame[] = [];
  const states: ConnectionState[] = [];
  let seq: string | null = null;
  let ticketNo = 0;
  const tickets: TicketResult[] = [];
  const sut = createStreamSocket({
    url: 'ws://fanout.test/ws',
    getTicket: () => Promise.resolve(tickets.shift() ?? { ok: true, token: `t${++ticketNo}` }),
    lastSeq: () => seq,
    onFrame: (f) => {
      received.push(f);
      if (f.seq) seq = f.seq;
    },
    onState: (s) => states.push(s),
    open: sockets.open,
    backoff: createBackoff({ baseMs: 1000, maxMs: 8000, random: () => 0.999999 }),
    ...over,
  });
  const phase = () => states.at(-1)?.phase;
  return { sut, sockets, received, states, tickets, phase, setSeq: (s: string | null) => (seq = s) };
}

/** Lets the ticket promise resolve. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe(createStreamSocket.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('connects with a fresh ticket in the query string and is live after welcome', async () => {
    const t = setup();
    t.sut.start();
    await settle();
    expect(t.sockets.last.url).toBe('ws://fanout.test/ws?token=t1');
    t.sockets.last.open();
    expect(t.phase()).toBe('connecting');
    t.sockets.last.receive(frames.welcome('1-0'));
    expect(t.phase()).toBe('live');
    expect(t.received.map((f) => f.event)).toEqual(['welcome']);
  });

  it('starts delivery at once on a fresh connection (a ping instead of waiting out the resume window)', async () => {
    const t = setup();
    t.sut.start();
    await settle();
    t.sockets.last.open();
    expect(t.sockets.last.sent).toEqual([{ op: 'ping' }]);
  });

  it('narrows the subscription on open when the filters name symbols', async () => {
    const t = setup({ symbols: ['nvda'] });
    t.sut.start();
    await settle();
    t.sockets.last.open();
    expect(t.sockets.last.sent).toEqual([{ op: 'subscribe', streams: ['patterns', 'indicators', 'alerts'], symbols: ['NVDA'] }]);
  });

  it('reconnects after a drop with backoff, a new ticket, and resume from the last seq before subscribe', async () => {
    const t = setup({ symbols: ['NVDA'] });
    t.sut.start();
    await settle();
    t.sockets.last.open();
    t.sockets.last.receive(frames.welcome('1-0'));
    t.sockets.last.receive(frames.patterns('7-0', [pattern()]));
    t.sockets.last.drop(1006);
    const state = t.states.at(-1);
    expect(state).toMatchObject({ phase: 'reconnecting', reason: 'connection lost' });
    expect(t.sockets.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.sockets.all).toHaveLength(2);
    const second = t.sockets.last;
    expect(second.url).toBe('ws://fanout.test/ws?token=t2');
    second.open();
    expect(second.sent).toEqual([
      { op: 'resume', since: '7-0' },
      { op: 'subscribe', streams: ['patterns', 'indicators', 'alerts'], symbols: ['NVDA'] },
    ]);
  });

  it('waits longer after each failed attempt, up to the maximum', async () => {
    const t = setup();
    t.sut.start();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await settle();
      t.sockets.last.drop(1006);
      const s = t.states.at(-1) as Extract<ConnectionState, { phase: 'reconnecting' }>;
      waits.push(s.retryAt - Date.now());
      await vi.advanceTimersByTimeAsync(s.retryAt - Date.now());
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('ignores events of a replaced socket, so no frame is handled twice', async () => {
    const t = setup();
    t.sut.start();
    await settle();
    const first = t.sockets.last;
    first.open();
    first.drop(1006);
    await vi.advanceTimersByTimeAsync(1000);
    const late = frames.patterns('9-0', [pattern()]);
    first.receive(late); // a stale socket's handler was detached
    expect(first.onmessage).toBeNull();
    expect(t.received).toEqual([]);
  });

  it('stops and reports unauthorized on close 4001 (login expired)', async () => {
    const t = setup();
    t.sut.start();
    await settle();
    t.sockets.last.open();
    t.sockets.last.drop(4001);
    expect(t.phase()).toBe('unauthorized');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets.all).toHaveLength(1);
  });

  it('reports unauthorized when the ticket endpoint says the login expired', async () => {
    const t = setup();
    t.tickets.push({ ok: false, unauthorized: true, message: 'login expired' });
    t.sut.start();
    await settle();
    expect(t.phase()).toBe('unauthorized');
    expect(t.sockets.all).toHaveLength(0);
  });

  it('retries with backoff when no ticket could be had (query service down)', async () => {
    const t = setup();
    t.tickets.push({ ok: false, unauthorized: false, message: 'ticket endpoint answered 503' });
    t.sut.start();
    await settle();
    expect(t.phase()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.sockets.all).toHaveLength(1);
  });

  it('pings a quiet line and reconnects when nothing answers', async () => {
    const t = setup({ heartbeatMs: 25_000, heartbeatTimeoutMs: 10_000 });
    t.sut.start();
    await settle();
    const s = t.sockets.last;
    s.open();
    s.receive(frames.welcome('1-0'));
    s.sent.length = 0;
    await vi.advanceTimersByTimeAsync(25_000);
    expect(s.sent).toEqual([{ op: 'ping' }]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.closedWith?.code).toBe(4000);
    expect(t.phase()).toBe('reconnecting');
  });

  it('a pong keeps the line open', async () => {
    const t = setup({ heartbeatMs: 25_000, heartbeatTimeoutMs: 10_000 });
    t.sut.start();
    await settle();
    const s = t.sockets.last;
    s.open();
    await vi.advanceTimersByTimeAsync(25_000);
    s.receive({ event: 'pong' });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(s.closedWith).toBeNull();
  });

  it('changes the narrowing of a live socket when the filters change', async () => {
    const t = setup({ symbols: ['NVDA'] });
    t.sut.start();
    await settle();
    const s = t.sockets.last;
    s.open();
    s.sent.length = 0;
    t.sut.setSymbols(['AAPL']);
    t.sut.setSymbols(null);
    expect(s.sent).toEqual([
      { op: 'subscribe', streams: ['patterns', 'indicators', 'alerts'], symbols: ['AAPL'] },
      { op: 'unsubscribe', streams: ['patterns', 'indicators', 'alerts'], symbols: ['NVDA'] },
      { op: 'subscribe', streams: ['patterns', 'indicators', 'alerts'] },
    ]);
  });

  it('stop() closes the socket with 1000 and never reconnects', async () => {
    const t = setup();
    t.sut.start();
    await settle();
    const s = t.sockets.last;
    s.open();
    t.sut.stop();
    expect(s.closedWith?.code).toBe(1000);
    expect(t.phase()).toBe('closed');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(t.sockets.all).toHaveLength(1);
  });

  it('stop() while a ticket is on its way opens no socket', async () => {
    const t = setup();
    t.sut.start();
    t.sut.stop();
    await settle();
    expect(t.sockets.all).toHaveLength(0);
  });

  it('waits for the network when the browser is offline, and retryNow() connects at once', async () => {
    let online = false;
    const t = setup({ isOnline: () => online });
    t.sut.start();
    await settle();
    expect(t.phase()).toBe('offline');
    online = true;
    t.sut.retryNow();
    await settle();
    expect(t.sockets.all).toHaveLength(1);
  });

  it('drops text that is not a frame without failing', async () => {
    const t = setup();
    t.sut.start();
    await settle();
    t.sockets.last.open();
    t.sockets.last.receive('not json');
    t.sockets.last.receive('[1,2]');
    t.sockets.last.receive({ data: {} });
    expect(t.received).toEqual([]);
  });
});
