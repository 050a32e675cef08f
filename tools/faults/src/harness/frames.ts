// The frames stream as the ingest wrote it — the ground truth the clients are held to — and the
// identities of what each frame carries, to find a frame appended twice (two leaders at once).
import type { Bus } from '@tickstock/bus';
import { FENCE_FIELD, FRAME_FIELD, SERVICE_KEYS, type NormalizedEvent, type ServerFrame } from '@tickstock/contracts';
import { healthId } from '@tickstock/db';

export type StreamFrame = { id: string; ms: number; fence: number; frame: ServerFrame };

/** Every entry of the frames stream after `after` (`0`: all), in order. */
export async function readFrames(bus: Bus, after = '0'): Promise<StreamFrame[]> {
  const out: StreamFrame[] = [];
  for (let cursor = after; ; ) {
    const page = await bus.range(SERVICE_KEYS.framesStream, cursor, 1_000);
    for (const e of page) {
      out.push({ id: e.id, ms: Number(e.id.split('-')[0]), fence: Number(e.fields[FENCE_FIELD]), frame: JSON.parse(e.fields[FRAME_FIELD] ?? 'null') as ServerFrame });
    }
    if (page.length < 1_000) return out;
    cursor = page[page.length - 1]!.id;
  }
}

/** What one accepted event is, as a frame shows it: the item ids of patterns, indicators, alerts and producer events. */
export function eventItemId(e: NormalizedEvent): string {
  switch (e.kind) {
    case 'session_started':
      return `session_started:${e.data.session_id}`;
    case 'session_stopped':
      return `session_stopped:${e.data.session_id}`;
    case 'health':
      return `health:${healthId(e.data)}`;
    case 'pattern':
    case 'indicator':
    case 'indicator_alert':
    case 'critical_alert':
    case 'envelope_pattern':
    case 'backtest_progress':
    case 'backtest_result':
    case 'system_health':
      return e.data.id;
  }
}

/** The item ids a frame carries (a batch: one per item), matching eventItemId. */
export function frameItemIds(f: ServerFrame): string[] {
  switch (f.event) {
    case 'streaming_patterns_batch':
      return f.data.patterns.map((p) => p.detection.id);
    case 'streaming_indicators_batch':
      return f.data.indicators.map((i) => i.calculation.id);
    case 'streaming_pattern':
      return [f.data.detection.id];
    case 'streaming_indicator':
      return [f.data.calculation.id];
    case 'indicator_alert':
    case 'critical_alert':
      return [f.data.alert.id];
    case 'streaming_session':
      return [f.data.type === 'streaming_session_started' ? `session_started:${f.data.session.session_id}` : `session_stopped:${f.data.session_id}`];
    case 'streaming_health':
      return [`health:${healthId(f.data.health)}`];
    case 'pattern_alert':
    case 'backtest_progress':
    case 'backtest_result':
    case 'system_health':
      return [f.data.id];
    case 'welcome':
    case 'resync_required':
    case 'error':
    case 'pong':
      return [];
  }
}

/**
 * Items that left in more frames than the producer sent them: a message handled twice (two
 * leaders at once, or a replayed buffer). `allowed` is how often the producer sent each id on one
 * channel (a high-confidence pattern goes out on both pattern channels and leaves once).
 */
export function duplicatedItems(frames: readonly StreamFrame[], allowed: ReadonlyMap<string, number>): { id: string; frames: number; allowed: number }[] {
  const seen = new Map<string, number>();
  for (const f of frames) for (const id of frameItemIds(f.frame)) seen.set(id, (seen.get(id) ?? 0) + 1);
  const out: { id: string; frames: number; allowed: number }[] = [];
  for (const [id, n] of seen) {
    const max = allowed.get(id) ?? 0;
    if (n > Math.max(max, 1)) out.push({ id, frames: n, allowed: max });
  }
  return out;
}
