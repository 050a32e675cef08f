// The capped dead-letter stream: what was rejected, why, and the start of the raw text, so an
// operator can inspect bad input without the stream growing with a flood of it.
import type { Bus } from '@tickstock/bus';
import { SERVICE_KEYS } from '@tickstock/contracts';
import type { DeadLetters } from '../pipeline/ports';

/** A 1 MB payload is kept as its first 4 KiB: enough to see what it was. */
export const DEAD_LETTER_RAW_LIMIT = 4096;

export function createDeadLetters(bus: Bus, opts: { maxLen: number; onError: (err: unknown) => void }): DeadLetters {
  return {
    add(entry) {
      const raw = entry.raw.length > DEAD_LETTER_RAW_LIMIT ? entry.raw.slice(0, DEAD_LETTER_RAW_LIMIT) : entry.raw;
      const fields = {
        channel: entry.channel.slice(0, 256),
        reason: entry.reason,
        detail: entry.detail,
        raw,
        raw_length: String(entry.raw.length),
        at: new Date(entry.at).toISOString(),
      };
      bus.append(SERVICE_KEYS.deadLetterStream, fields, { maxLen: opts.maxLen }).catch(opts.onError);
    },
  };
}
