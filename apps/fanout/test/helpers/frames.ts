// Frames as the ingest appends them to the frames stream: `f` = the frame JSON without seq,
// `fence` = the leader's fencing token; the entry id becomes the frame's seq.
import type { Bus } from '@tickstock/bus';
import {
  FENCE_FIELD,
  FRAME_FIELD,
  SERVICE_KEYS,
  criticalAlertData,
  healthData,
  indicatorsBatch,
  patternItem,
  patternsBatch,
  sessionStartedData,
  type Health,
  type Indicator,
  type Pattern,
  type ServerFrame,
  type Session,
} from '@tickstock/contracts';

let n = 0;
const now = () => new Date().toISOString();

export function pattern(symbol: string, type = 'PriceChange', confidence = 0.6): Pattern {
  n++;
  return {
    id: `p${n}`,
    pattern_type: type,
    symbol,
    confidence,
    timestamp: now(),
    timeframe: 'daily',
    parameters: {},
    bar_data: null,
    metadata: {},
    session_id: 's1',
    priority: confidence >= 0.8 ? 'high' : 'normal',
  };
}

export function indicator(symbol: string, type = 'SMA5'): Indicator {
  n++;
  return { id: `i${n}`, indicator_type: type, symbol, value: n, values: {}, timestamp: now(), timeframe: 'daily', metadata: {}, session_id: 's1' };
}

export const session = (id = 's1'): Session => ({ session_id: id, universe: 'test', start_time: now(), symbol_count: 3, status: 'active' });

export const health = (): Health => ({
  timestamp: now(),
  session_id: 's1',
  status: 'healthy',
  active_symbols: 3,
  ticks_per_second: 10,
  patterns_detected: 1,
  indicators_calculated: 1,
  issues: [],
  data_flow: null,
  resources: null,
  connection: null,
  extra: {},
});

export const patternsFrame = (symbols: string[]): ServerFrame => ({
  event: 'streaming_patterns_batch',
  data: patternsBatch(symbols.map((s) => pattern(s)), now()),
});
export const indicatorsFrame = (symbols: string[]): ServerFrame => ({
  event: 'streaming_indicators_batch',
  data: indicatorsBatch(symbols.map((s) => indicator(s)), now()),
});
export const priorityFrame = (symbol: string): ServerFrame => ({ event: 'streaming_pattern', data: patternItem(pattern(symbol, 'Breakout', 0.9)) });
export const criticalFrame = (): ServerFrame => ({
  event: 'critical_alert',
  data: criticalAlertData({ id: `c${++n}`, type: 'CONNECTION_LOST', message: 'feed lost', severity: 'critical', timestamp: now(), data: {} }),
});
export const sessionFrame = (s: Session): ServerFrame => ({ event: 'streaming_session', data: sessionStartedData(s) });
export const healthFrame = (h: Health): ServerFrame => ({ event: 'streaming_health', data: healthData(h) });

/** Appends as the ingest does; resolves with the entry id (the frame's seq). */
export function appendFrame(bus: Bus, frame: ServerFrame, maxLen?: number): Promise<string> {
  const fields = { [FRAME_FIELD]: JSON.stringify(frame), [FENCE_FIELD]: '1' };
  return bus.append(SERVICE_KEYS.framesStream, fields, maxLen === undefined ? undefined : { maxLen });
}

/** Appends `count` mixed frames in order; resolves with their ids. */
export async function appendMany(bus: Bus, count: number, maxLen?: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const frame = i % 3 === 0 ? patternsFrame(['NVDA', 'AAPL']) : i % 3 === 1 ? indicatorsFrame(['MSFT']) : priorityFrame('TSLA');
    ids.push(await appendFrame(bus, frame, maxLen));
  }
  return ids;
}

/** Appends a frame every `everyMs` until stopped; resolves with every id appended, in order. */
export function startAppender(bus: Bus, everyMs: number, maxLen?: number) {
  const ids: string[] = [];
  let stopped = false;
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const frame = i % 2 ? patternsFrame(['NVDA', 'AAPL']) : priorityFrame('TSLA');
      try {
        ids.push(await appendFrame(bus, frame, maxLen));
      } catch (err) {
        // Redis away (a restart test): this frame was never appended; the next try goes on.
        void err;
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    ids,
    async stop(): Promise<string[]> {
      stopped = true;
      await done;
      return ids;
    },
  };
}
