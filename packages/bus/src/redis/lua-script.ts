// A Lua script sent by its SHA1 (EVALSHA) rather than its text on every call: at tens of
// thousands of fenced appends a second, re-sending the text was a measurable share of the
// ingest's socket writes (issue 3's profile).
//
// Order matters (frames are appended in order), so a call never depends on an EVALSHA failing
// first: until this connection has run the script once since it (re)connected, calls send the
// text (EVAL, which also loads it); after that, the SHA. Redis forgets scripts only on a restart
// (a reconnect here, which resets the state) or a SCRIPT FLUSH by an operator; for that last case
// a NOSCRIPT reply still falls back to EVAL, and calls already in flight at that moment may then
// land out of order.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type LuaScript = (client: Redis, keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  const loadedOn = new WeakSet<Redis>();
  const watched = new WeakSet<Redis>();
  return async (client, keys, args) => {
    if (!watched.has(client)) {
      watched.add(client);
      client.on('close', () => loadedOn.delete(client));
    }
    if (!loadedOn.has(client)) {
      const reply = await client.call('EVAL', source, keys.length, ...keys, ...args);
      loadedOn.add(client);
      return reply;
    }
    try {
      return await client.call('EVALSHA', sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      loadedOn.delete(client);
      const reply = await client.call('EVAL', source, keys.length, ...keys, ...args);
      loadedOn.add(client);
      return reply;
    }
  };
}
