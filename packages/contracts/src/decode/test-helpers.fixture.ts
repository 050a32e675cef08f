// Test support: decode and unwrap, failing loudly when the outcome is not the one expected.
import type { EventKind, EventOf } from '../events';
import { decode } from './index';
import type { DecodeResult } from './result';

export const RECEIVED_AT = new Date('2030-01-01T00:00:00.000Z');
export const RECEIVED_ISO = '2030-01-01T00:00:00.000Z';

export function accepted(channel: string, payload: unknown, receivedAt = RECEIVED_AT): DecodeResult & { ok: true } {
  const result = decode(channel, typeof payload === 'string' ? payload : JSON.stringify(payload), receivedAt);
  if (!result.ok) throw new Error(`expected acceptance, got ${result.reason}: ${result.detail}`);
  return result;
}

/** The single event of `kind` that `payload` decodes to, and the notes it left. */
export function single<K extends EventKind>(kind: K, channel: string, payload: unknown): { data: EventOf<K>['data']; notes: string[] } {
  const result = accepted(channel, payload);
  const [event, ...rest] = result.events;
  if (event === undefined || rest.length > 0 || event.kind !== kind) throw new Error(`expected one ${kind}, got ${JSON.stringify(result.events)}`);
  return { data: event.data as EventOf<K>['data'], notes: result.notes };
}

export function rejected(channel: string, payload: unknown): { reason: string; detail: string } {
  const result = decode(channel, typeof payload === 'string' ? payload : JSON.stringify(payload), RECEIVED_AT);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.events)}`);
  return { reason: result.reason, detail: result.detail };
}
