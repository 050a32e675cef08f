// The producer heartbeat (TICKSTOCKPL-FORMATS.md, "The 12 channels"): the string key
// `tickstock:producer:heartbeat` holds epoch seconds as a float, and consumers call the producer
// online while it is under 60 s old. Refreshed every 5 s by default: twelve chances per window,
// so a slow Redis call or a paused process does not make the stand-in look offline.
import { PRODUCER_HEARTBEAT_KEY } from '@tickstock/contracts';
import type { Bus } from '@tickstock/bus';

export const HEARTBEAT_INTERVAL_MS = 5_000;

export type Heartbeat = { stop: () => void };

/** Writes the heartbeat now (rejecting if that fails), then every `intervalMs` until stopped. */
export async function startHeartbeat(
  bus: Bus,
  opts: { intervalMs?: number; wall?: () => Date; onError?: (err: unknown) => void } = {},
): Promise<Heartbeat> {
  const wall = opts.wall ?? (() => new Date());
  // Python's `str(time.time())`: seconds with a fraction, as the producer writes it.
  const beat = () => bus.set(PRODUCER_HEARTBEAT_KEY, String(wall().getTime() / 1000));
  await beat();
  const timer = setInterval(() => {
    beat().catch((err: unknown) => opts.onError?.(err));
  }, opts.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  return { stop: () => clearInterval(timer) };
}
