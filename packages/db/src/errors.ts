// Driver errors translated at the edge of this package: callers see DbUnavailableError (the
// query service answers 503 UNAVAILABLE, the ingest retries) or the original error (a bug: 500).

export type UnavailableReason = 'connection' | 'timeout' | 'shutdown' | 'overloaded';

export class DbUnavailableError extends Error {
  override readonly name = 'DbUnavailableError';
  readonly reason: UnavailableReason;
  constructor(reason: UnavailableReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

export function isDbUnavailable(err: unknown): err is DbUnavailableError {
  return err instanceof DbUnavailableError;
}

// Socket-level failures from node:net while connecting or talking to the server.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ENOENT']);

// SQLSTATEs (PostgreSQL manual, appendix A) that mean "the server cannot serve you now".
function sqlStateReason(code: string): UnavailableReason | undefined {
  if (code.startsWith('08')) return 'connection'; // class 08: connection exception
  if (code === '57P01' || code === '57P02') return 'shutdown'; // admin_shutdown, crash_shutdown
  if (code === '57P03') return 'shutdown'; // cannot_connect_now: starting up or shutting down
  if (code === '57014') return 'timeout'; // query_canceled: our statement_timeout fired
  if (code === '55P03') return 'timeout'; // lock_not_available: lock_timeout fired
  if (code === '53300' || code.startsWith('53')) return 'overloaded'; // too_many_connections, out of resources
  return undefined;
}

// Messages node-postgres uses for failures that carry no code (pg-pool, pg Client).
const MESSAGE_RULES: ReadonlyArray<[RegExp, UnavailableReason]> = [
  [/timeout exceeded when trying to connect/i, 'timeout'],
  [/Connection terminated due to connection timeout/i, 'timeout'],
  [/Connection terminated/i, 'connection'],
  [/Query read timeout/i, 'timeout'],
  [/not queryable/i, 'connection'],
  [/Cannot use a pool after calling end/i, 'shutdown'],
  [/the database system is (starting up|shutting down|in recovery mode)/i, 'shutdown'],
];

function classify(err: unknown, depth = 0): UnavailableReason | undefined {
  if (!(err instanceof Error) || depth > 3) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return 'connection';
    if (/^[0-9A-Z]{5}$/.test(code)) {
      const reason = sqlStateReason(code);
      if (reason) return reason;
    }
  }
  for (const [pattern, reason] of MESSAGE_RULES) if (pattern.test(err.message)) return reason;
  // Node's happy-eyeballs connect (autoSelectFamily) reports one AggregateError for all addresses.
  if (err instanceof AggregateError) {
    for (const inner of err.errors) {
      const reason = classify(inner, depth + 1);
      if (reason) return reason;
    }
  }
  return err.cause === undefined ? undefined : classify(err.cause, depth + 1);
}

/** DbUnavailableError when the server is unreachable, down, starting, overloaded or timed out; else `err`. */
export function translateDbError(err: unknown): unknown {
  if (err instanceof DbUnavailableError) return err;
  const reason = classify(err);
  if (!reason) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new DbUnavailableError(reason, `database unavailable (${reason}): ${detail}`, { cause: err });
}

/** Runs one database operation and translates what it throws. */
export async function translated<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw translateDbError(err);
  }
}

/**
 * True when PostgreSQL refused the data itself (SQLSTATE class 22, data exception: a character
 * it cannot store, a number out of range; class 23, integrity constraint violation): sending the
 * same rows again can never succeed, unlike an outage (DbUnavailableError) or a missing table,
 * which an operator can fix while the writer retries.
 */
export function isDataRejected(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)) return true;
  return isDataRejected(err.cause, depth + 1);
}
