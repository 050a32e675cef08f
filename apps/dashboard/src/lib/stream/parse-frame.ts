// Text from the socket → a frame object, or null. Only the envelope is checked here (an object
// with a string `event`); the reducer reads the data defensively. No schema validation per
// frame: it would cost the main thread at 1,000 events/s and pull the schema library into the page.
import type { ServerFrame } from '@tickstock/contracts';

export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as { event?: unknown; data?: unknown; seq?: unknown };
  if (typeof frame.event !== 'string') return null;
  if (frame.seq !== undefined && typeof frame.seq !== 'string') return null;
  if (frame.event !== 'pong' && (typeof frame.data !== 'object' || frame.data === null)) return null;
  return value as ServerFrame;
}
