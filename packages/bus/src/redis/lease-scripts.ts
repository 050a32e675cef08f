// Compare-and-extend and compare-and-delete must be one atomic step: between a GET and a
// PEXPIRE/DEL the lease could expire and be taken by another owner, whom we would then
// extend or evict. Lua runs atomically on the server (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/).

/** KEYS[1] lease, ARGV[1] owner, ARGV[2] ttl ms → 1 if extended, 0 if not owner's. */
export const RENEW_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/** KEYS[1] lease, ARGV[1] owner → 1 if deleted, 0 if not owner's. */
export const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;
