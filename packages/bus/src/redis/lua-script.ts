// A Lua script sent by its SHA1 (EVALSHA) rather than its text on every call: at tens of
// thousands of fenced appends a second, re-sending the text was a measurable share of the
// ingest's socket writes (issue 3's profile). Redis forgets scripts on a restart or a
// SCRIPT FLUSH; the NOSCRIPT reply then falls back to EVAL, which loads it again.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type LuaScript = (client: Redis, keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (client, keys, args) => {
    try {
      return await client.call('EVALSHA', sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.call('EVAL', source, keys.length, ...keys, ...args);
    }
  };
}
