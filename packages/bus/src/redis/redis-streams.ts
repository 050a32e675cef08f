// Streams and consumer groups on Redis (7+: XAUTOCLAIM's reply lists deleted ids from 7.0).
import type { Bus, ReadOptions, StreamEntry } from '../bus';
import { DEFAULT_READ_COUNT, nonEmptyFields, nonNegativeInt, positiveInt } from '../validate';
import type { RedisCommandContext } from './redis-commands';
import { asClaim, asEntries, asInteger, asSingleStreamRead, asStreamInfo, asString } from './replies';

type StreamOps = Pick<
  Bus,
  'append' | 'read' | 'range' | 'streamInfo' | 'createGroup' | 'readGroup' | 'ack' | 'autoclaim' | 'pendingCount' | 'deleteEntries'
>;

const isReply = (err: unknown, prefix: string) => err instanceof Error && err.message.startsWith(prefix);

export function createRedisStreams({ run, k, pool }: RedisCommandContext): StreamOps {
  const count = (o?: { count?: number }) => positiveInt('count', o?.count ?? DEFAULT_READ_COUNT);

  /** Without blockMs on the command connection; with it, on a pooled blocking connection. */
  async function read(command: string, head: (string | number)[], tail: string[], o?: ReadOptions): Promise<StreamEntry[]> {
    if (o?.blockMs === undefined) {
      return run(command, async (c) => asSingleStreamRead(await c.call(command, ...head, ...tail), command));
    }
    const blockMs = positiveInt('blockMs', o.blockMs);
    const reply = await pool.call(command, (left) => [...head, 'BLOCK', left, ...tail], blockMs, o.signal);
    return asSingleStreamRead(reply, command);
  }

  const streamInfo: Bus['streamInfo'] = (stream) =>
    run(`XINFO STREAM ${k(stream)}`, async (c) => {
      try {
        return asStreamInfo(await c.call('XINFO', 'STREAM', k(stream)));
      } catch (err) {
        if (isReply(err, 'ERR no such key')) return { length: 0, firstId: null, lastId: null };
        throw err;
      }
    });

  return {
    append: (stream, fields, o) =>
      run(`XADD ${k(stream)}`, async (c) => {
        const pairs = nonEmptyFields(fields).flat();
        // `~` lets Redis trim whole macro-nodes only: much cheaper, and still keeps >= maxLen entries.
        const cap = o?.maxLen === undefined ? [] : ['MAXLEN', '~', positiveInt('maxLen', o.maxLen)];
        return asString(await c.call('XADD', k(stream), ...cap, '*', ...pairs), 'XADD');
      }),
    async read(stream, afterId, o) {
      let from = afterId;
      // `$` is pinned once: a read retried after a reconnect must not skip what came meanwhile.
      if (afterId === '$' && o?.blockMs !== undefined) from = (await streamInfo(stream)).lastId ?? '0-0';
      return read('XREAD', ['COUNT', count(o)], ['STREAMS', k(stream), from], o);
    },
    range: (stream, afterId, n) =>
      run(`XRANGE ${k(stream)}`, async (c) =>
        asEntries(await c.call('XRANGE', k(stream), `(${afterId}`, '+', 'COUNT', positiveInt('count', n)), 'XRANGE'),
      ),
    streamInfo,

    createGroup: (stream, group, startId = '$') =>
      run(`XGROUP CREATE ${k(stream)} ${group}`, async (c) => {
        try {
          await c.call('XGROUP', 'CREATE', k(stream), group, startId, 'MKSTREAM');
        } catch (err) {
          // Creating an existing group is the idempotent success case.
          if (!isReply(err, 'BUSYGROUP')) throw err;
        }
      }),
    readGroup: async (stream, group, consumer, o) =>
      read('XREADGROUP', ['GROUP', group, consumer, 'COUNT', count(o)], ['STREAMS', k(stream), '>'], o),
    ack: (stream, group, ids) =>
      run(`XACK ${k(stream)} ${group}`, async (c) =>
        ids.length === 0 ? 0 : asInteger(await c.call('XACK', k(stream), group, ...ids), 'XACK'),
      ),
    deleteEntries: (stream, ids) =>
      run(`XDEL ${k(stream)}`, async (c) => (ids.length === 0 ? 0 : asInteger(await c.call('XDEL', k(stream), ...ids), 'XDEL'))),
    autoclaim: (stream, group, consumer, minIdleMs, o) =>
      run(`XAUTOCLAIM ${k(stream)} ${group}`, async (c) => {
        const idle = nonNegativeInt('minIdleMs', minIdleMs);
        return asClaim(await c.call('XAUTOCLAIM', k(stream), group, consumer, idle, o?.startId ?? '0-0', 'COUNT', count(o)));
      }),
    pendingCount: (stream, group) =>
      run(`XPENDING ${k(stream)} ${group}`, async (c) => {
        const reply = await c.call('XPENDING', k(stream), group);
        return asInteger(Array.isArray(reply) ? (reply as unknown[])[0] : reply, 'XPENDING');
      }),
  };
}
