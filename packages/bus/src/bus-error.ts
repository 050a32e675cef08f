// Driver errors stop here: callers of the bus see one error type with a code they can branch on,
// never an ioredis ReplyError or a socket error.
export type BusErrorCode =
  /** Redis is unreachable (refused, reset, retries exhausted); retrying later may work. */
  | 'UNAVAILABLE'
  /** A command got no reply within the command timeout. */
  | 'TIMEOUT'
  /** The bus was closed; it does not come back. */
  | 'CLOSED'
  /** The consumer group (or its stream) does not exist: create it again (a restarted Redis loses it). */
  | 'NO_GROUP'
  /** A malformed argument, such as a stream id that is not `ms-seq`. */
  | 'INVALID'
  /** Any other error reply from Redis (e.g. WRONGTYPE). */
  | 'COMMAND'
  /** A subscriber's onMessage threw; reported through onError, the subscription goes on. */
  | 'HANDLER';

export class BusError extends Error {
  override readonly name = 'BusError';
  constructor(
    readonly code: BusErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isBusError(err: unknown, code?: BusErrorCode): err is BusError {
  return err instanceof BusError && (code === undefined || err.code === code);
}
