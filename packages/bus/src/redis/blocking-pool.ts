// Connections for blocking reads (XREAD/XREADGROUP BLOCK): a blocked connection can do nothing
// else, so each waiting read borrows one of its own and gives it back when done. A read rides
// through an outage: it waits for the connection to come back and retries until its deadline,
// then settles with null (no entries), so a reader loop needs no outage handling of its own.
import type { Redis } from 'ioredis';
import { BusError } from '../bus-error';
import { untilReady } from './connections';
import { translateError } from './translate-error';

/** Room for the reply to travel after the server's BLOCK expired. */
const GRACE_MS = 1_000;
/** Idle connections kept for the next reads; a burst beyond this closes its extra ones after. */
const MAX_IDLE = 4;

type Outcome = { kind: 'reply'; value: unknown } | { kind: 'error'; err: unknown } | { kind: 'cut' };

export type BlockingPool = ReturnType<typeof createBlockingPool>;

export function createBlockingPool(open: () => Redis) {
  const idle: Redis[] = [];
  const all = new Set<Redis>();
  const closing = new AbortController();

  const borrow = () => {
    const conn = idle.pop() ?? open();
    all.add(conn);
    return conn;
  };
  const discard = (conn: Redis) => {
    all.delete(conn);
    conn.disconnect();
  };

  /** The reply, an error, or 'cut' when the deadline passed or the signal aborted first. */
  function settle(pending: Promise<unknown>, ms: number, signal: AbortSignal): Promise<Outcome> {
    return new Promise((resolve) => {
      const finish = (o: Outcome) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', cut);
        resolve(o);
      };
      const cut = () => finish({ kind: 'cut' });
      const timer = setTimeout(cut, ms);
      signal.addEventListener('abort', cut, { once: true });
      pending.then(
        (value) => finish({ kind: 'reply', value }),
        (err: unknown) => finish({ kind: 'error', err }),
      );
    });
  }

  return {
    /**
     * Runs `command(...args(blockMs))` where blockMs is the time left; resolves with the reply, or
     * null when the time ran out, the signal aborted or the pool closed.
     */
    async call(command: string, args: (blockMs: number) => (string | number)[], blockMs: number, signal?: AbortSignal) {
      if (closing.signal.aborted) throw new BusError('CLOSED', 'the bus is closed');
      const stop = signal ? AbortSignal.any([signal, closing.signal]) : closing.signal;
      const deadline = Date.now() + blockMs;
      const conn = borrow();
      // A connection is given back only when nothing of ours can still be blocked on it.
      let reusable = true;
      try {
        for (;;) {
          const left = deadline - Date.now();
          if (stop.aborted || left <= 0) return null;
          if (conn.status !== 'ready') {
            await untilReady(conn, left, stop);
            continue;
          }
          const outcome = await settle(conn.call(command, ...args(left)), left + GRACE_MS, stop);
          if (outcome.kind === 'reply') return outcome.value;
          if (outcome.kind === 'cut') {
            reusable = false;
            return null;
          }
          const err = translateError(outcome.err, command);
          // The link dropped under the read: wait for it to come back and ask again.
          if (err.code !== 'UNAVAILABLE') throw err;
        }
      } finally {
        if (reusable && !closing.signal.aborted && idle.length < MAX_IDLE) idle.push(conn);
        else discard(conn);
      }
    },

    /** Settles every waiting read with null and ends every connection. */
    close() {
      closing.abort();
      for (const conn of [...all]) discard(conn);
      idle.length = 0;
    },
  };
}
