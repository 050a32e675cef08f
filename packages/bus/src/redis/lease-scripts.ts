// Compare-and-extend and compare-and-delete must be one atomic step: between a GET and a
// PEXPIRE/DEL the lease could expire and be taken by another owner, whom we would then
// extend or evict. Lua runs atomically on the server (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/).

/** KEYS[1] lease, ARGV[1] owner, ARGV[2] ttl ms → 1 if extended, 0 if not owner's. */
export const RENEW_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/**
 * KEYS[1] lease, KEYS[2] stream, ARGV[1] owner, ARGV[2] maxLen ('' for none), then per entry: the
 * number of field/value strings that follow, and those strings → the new ids in order, or false
 * (nil) when the lease is not owner's (nothing appended).
 */
export const APPEND_FENCED_BATCH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return false
end
local head = {'XADD', KEYS[2]}
if ARGV[2] ~= '' then
  table.insert(head, 'MAXLEN')
  table.insert(head, '~')
  table.insert(head, ARGV[2])
end
table.insert(head, '*')
local ids = {}
local i = 3
while i <= #ARGV do
  local n = tonumber(ARGV[i])
  local args = {unpack(head)}
  for j = i + 1, i + n do
    table.insert(args, ARGV[j])
  end
  table.insert(ids, redis.call(unpack(args)))
  i = i + n + 1
end
return ids`;

/** KEYS[1] lease, ARGV[1] owner → 1 if deleted, 0 if not owner's. */
export const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;
