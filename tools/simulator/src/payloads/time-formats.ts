// The timestamp spellings TickStockPL uses (TICKSTOCKPL-FORMATS.md, "Timestamps"): each generation
// gets the one it really sends, so the ingest's normalizer is exercised on all of them.

/** C: ISO 8601 UTC with milliseconds and `Z` (`2025-10-07T12:14:54.000Z`). */
export function isoZ(now: Date): string {
  return now.toISOString();
}

/**
 * A: Python's naive `datetime.utcnow().isoformat()`: no offset (read as UTC), six fractional
 * digits. A JavaScript clock has milliseconds, so the microsecond digits are `000`.
 */
export function pythonNaive(now: Date): string {
  return pythonMicros(now);
}

/** Epoch seconds as a float (`time.time()`): the envelope channels and the producer heartbeat. */
export function epochSeconds(now: Date): number {
  return now.getTime() / 1000;
}

function pythonMicros(now: Date): string {
  // toISOString() is `YYYY-MM-DDTHH:MM:SS.mmmZ`; Python prints microseconds: `.mmm000`.
  return `${now.toISOString().slice(0, 23)}000`;
}
