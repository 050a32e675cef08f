// The `tickstock.events.*` envelope (TICKSTOCKPL-FORMATS.md, "Envelope"):
// `{event_type, source, timestamp, data:{...}}` whose body may be nested once more (`data.data`,
// even `data.data.data`) or be flat. Fields the normalized event does not name go to its `data`.
import { copyExtras, isObj, type Obj } from './fields';

/** The envelope, then each nested `data` object, outermost first: at most data.data.data. */
export function envelopeLevels(o: Obj): Obj[] {
  const levels = [o];
  let level = o;
  while (levels.length < 4 && isObj(level.data)) {
    level = level.data;
    levels.push(level);
  }
  return levels;
}

/** The index of the outermost level that has `key` (the body), or -1. */
export function levelWith(levels: readonly Obj[], key: string): number {
  for (let i = 0; i < levels.length; i++) if (levels[i]?.[key] !== undefined) return i;
  return -1;
}

/** The body's timestamp, else the nearest one around it. */
export function timestampNear(levels: readonly Obj[], body: number): unknown {
  for (let i = body; i >= 0; i--) {
    const t = levels[i]?.timestamp;
    if (t !== undefined && t !== null) return t;
  }
  return undefined;
}

const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['event_type', 'source', 'timestamp', 'data']);
const WRAPPER_KEYS: ReadonlySet<string> = new Set(['timestamp', 'data']);

/** Skip sets for a body that names `named`: nested, and flat (the body is the envelope itself). */
export function bodyKeys(named: readonly string[]): { nested: ReadonlySet<string>; flat: ReadonlySet<string> } {
  return { nested: new Set([...named, 'timestamp']), flat: new Set([...named, 'timestamp', 'event_type', 'source']) };
}

/** Every field of the levels down to the body that the event does not name; inner levels win. */
export function envelopeData(levels: readonly Obj[], body: number, keys: ReturnType<typeof bodyKeys>): Obj {
  const data: Obj = {};
  for (let i = 0; i <= body; i++) {
    const level = levels[i];
    if (level === undefined) break;
    const skip = i === body ? (i === 0 ? keys.flat : keys.nested) : i === 0 ? ENVELOPE_KEYS : WRAPPER_KEYS;
    copyExtras(level, skip, data);
  }
  return data;
}
