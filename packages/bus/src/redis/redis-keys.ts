// Strings, hashes and leases on Redis.
import type { Bus } from '../bus';
import { BusError } from '../bus-error';
import { nonEmptyFields, positiveInt } from '../validate';
import { APPEND_FENCED_BATCH, RELEASE_LEASE, RENEW_LEASE } from './lease-scripts';
import { luaScript } from './lua-script';
import type { RedisCommandContext } from './redis-commands';
import { asArray, asFieldMap, asInteger, asNullableString, asString } from './replies';

type KeyOps = Pick<
  Bus,
  'get' | 'getRaw' | 'set' | 'del' | 'incr' | 'hset' | 'hgetall' | 'acquireLease' | 'renewLease' | 'releaseLease' | 'appendFenced' | 'appendFencedBatch'
>;

const renewLease = luaScript(RENEW_LEASE);
const releaseLease = luaScript(RELEASE_LEASE);
const appendFencedBatch = luaScript(APPEND_FENCED_BATCH);

const px = (ttlMs: number | undefined) => (ttlMs === undefined ? [] : ['PX', positiveInt('ttlMs', ttlMs)]);

export function createRedisKeys({ run, k }: RedisCommandContext): KeyOps {
  // KEYS lease and stream; ARGV owner, cap, then per entry its count of field/value strings and them.
  const appendBatch = (stream: string, entries: readonly Record<string, string>[], o: { leaseKey: string; owner: string; maxLen?: number }) =>
    run(`fenced XADD ×${entries.length} ${k(stream)}`, async (c) => {
      if (entries.length === 0) return [];
      const args: string[] = [o.owner, o.maxLen === undefined ? '' : String(positiveInt('maxLen', o.maxLen))];
      for (const fields of entries) {
        const pairs = nonEmptyFields(fields);
        args.push(String(pairs.length * 2));
        for (const [field, value] of pairs) args.push(field, value);
      }
      const reply = await appendFencedBatch(c, [k(o.leaseKey), k(stream)], args);
      if (reply === null) return null;
      const ids = asArray(reply, 'fenced XADD batch').map((id) => asString(id, 'fenced XADD batch'));
      if (ids.length !== entries.length) throw new BusError('COMMAND', `fenced XADD batch: ${ids.length} ids for ${entries.length} entries`);
      return ids;
    });
  const get = (key: string) => run(`GET ${key}`, async (c) => asNullableString(await c.call('GET', key), 'GET'));
  return {
    get: (key) => get(k(key)),
    getRaw: (key) => get(key),
    set: (key, value, o) =>
      run(`SET ${k(key)}`, async (c) => {
        await c.call('SET', k(key), value, ...px(o?.ttlMs));
      }),
    del: (key) => run(`DEL ${k(key)}`, async (c) => asInteger(await c.call('DEL', k(key)), 'DEL') > 0),
    incr: (key) => run(`INCR ${k(key)}`, async (c) => asInteger(await c.call('INCR', k(key)), 'INCR')),
    hset: (key, fields, o) =>
      run(`HSET ${k(key)}`, async (c) => {
        const flat = nonEmptyFields(fields).flat();
        if (o?.ttlMs === undefined) {
          await c.call('HSET', k(key), ...flat);
          return;
        }
        const ttl = positiveInt('ttlMs', o.ttlMs);
        // One transaction, so the hash never exists without its expiry.
        const results = await c.multi().hset(k(key), fields).pexpire(k(key), ttl).exec();
        const failed = results?.find(([err]) => err);
        if (!results || failed) throw failed?.[0] ?? new BusError('COMMAND', 'MULTI was discarded');
      }),
    hgetall: (key) => run(`HGETALL ${k(key)}`, async (c) => asFieldMap(await c.call('HGETALL', k(key)), 'HGETALL')),
    acquireLease: (key, owner, ttlMs) =>
      run(`SET NX ${k(key)}`, async (c) => {
        const reply = await c.call('SET', k(key), owner, 'NX', 'PX', positiveInt('ttlMs', ttlMs));
        return reply === 'OK';
      }),
    renewLease: (key, owner, ttlMs) =>
      run(`renew lease ${k(key)}`, async (c) => {
        const reply = await renewLease(c, [k(key)], [owner, positiveInt('ttlMs', ttlMs)]);
        return asInteger(reply, 'renew lease') === 1;
      }),
    releaseLease: (key, owner) =>
      run(`release lease ${k(key)}`, async (c) => {
        const reply = await releaseLease(c, [k(key)], [owner]);
        return asInteger(reply, 'release lease') === 1;
      }),
    // One entry is a batch of one: the same script.
    appendFenced: async (stream, fields, o) => {
      const ids = await appendBatch(stream, [fields], o);
      return ids === null ? null : ids[0]!;
    },
    appendFencedBatch: (stream, entries, o) => appendBatch(stream, entries, o),
  };
}
