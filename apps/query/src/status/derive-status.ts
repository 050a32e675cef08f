// GET /streaming/api/status from the raw values the ingest and TickStockPL leave in Redis
// (contracts/service-keys.ts, channels.ts). Pure: main reads the keys, this decides.
import { Health, PRODUCER_ONLINE_WINDOW_MS, Session, type StatusResponse } from '@tickstock/contracts';
import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';

/** What the ingest state says of one field: a value, known to be none, or not known (absent). */
export type Known<T> = { known: true; value: T | null } | { known: false };

export function stateField<S extends TSchema>(state: Record<string, string>, field: string, schema: S): Known<Static<S>> {
  const text = state[field];
  if (text === undefined) return { known: false };
  if (text === '') return { known: true, value: null };
  try {
    const value: unknown = JSON.parse(text);
    // Something we cannot read is reported as none, not passed on to break the response schema.
    return { known: true, value: Value.Check(schema, value) ? value : null };
  } catch (err) {
    void err; // not JSON: treated as none, like a value of the wrong shape
    return { known: true, value: null };
  }
}

export const readSession = (state: Record<string, string>) => stateField(state, 'session', Session);
export const readHealth = (state: Record<string, string>) => stateField(state, 'health', Health);

/** Counters as numbers; anything that is not a finite number is left out. */
export function statsAsNumbers(stats: Record<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, text] of Object.entries(stats)) {
    const n = text.trim() === '' ? Number.NaN : Number(text);
    if (Number.isFinite(n)) out[key] = n;
  }
  return out;
}

export function producerState(heartbeat: string | null, nowMs: number): StatusResponse['producer'] {
  const seconds = heartbeat === null || heartbeat.trim() === '' ? Number.NaN : Number(heartbeat);
  if (!Number.isFinite(seconds) || seconds <= 0) return { online: false, last_heartbeat: null };
  // The key holds epoch seconds; a writer that put milliseconds there is read as it meant.
  const ms = seconds > 1e12 ? seconds : seconds * 1000;
  const at = new Date(ms);
  if (Number.isNaN(at.getTime())) return { online: false, last_heartbeat: null };
  return { online: nowMs - ms < PRODUCER_ONLINE_WINDOW_MS, last_heartbeat: at.toISOString() };
}

/** CONTRACT.md: offline without an ingest heartbeat; online while a session (with an id) runs; idle otherwise. */
export function overallStatus(ingestHeartbeat: string | null, session: Session | null): StatusResponse['status'] {
  if (ingestHeartbeat === null) return 'offline';
  return session !== null && session.session_id !== '' ? 'online' : 'idle';
}
