// The edge where ioredis errors become BusErrors (HOUSE-STYLE: driver errors are translated at
// the edge). Matching is on names and messages because that is all ioredis exposes.
import { BusError, type BusErrorCode } from '../bus-error';

const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN|Connection is closed|isn't writeable|Socket closed unexpectedly|max retries per request/i;

function classify(err: Error): BusErrorCode {
  if (err.name === 'ReplyError') {
    if (err.message.startsWith('NOGROUP')) return 'NO_GROUP';
    if (/Invalid stream ID/i.test(err.message)) return 'INVALID';
    return 'COMMAND';
  }
  if (err.message === 'Command timed out') return 'TIMEOUT';
  if (err.name === 'MaxRetriesPerRequestError' || UNREACHABLE.test(err.message)) return 'UNAVAILABLE';
  // Anything else from the driver is about the link, not the command (no reply was parsed).
  return 'UNAVAILABLE';
}

export function translateError(err: unknown, context: string): BusError {
  if (err instanceof BusError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  return new BusError(classify(e), `${context}: ${e.message}`, { cause: e });
}
