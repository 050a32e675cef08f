// An independent witness of what TickStockPL published: a subscriber of its own on the 12
// channels that decodes every message with the decoder the ingest uses (contracts' decode), so
// the scenarios know, without asking the ingest, how many events it should have accepted and
// rejected, and which rows PostgreSQL should end up holding.
import type { Bus, Subscription } from '@tickstock/bus';
import { ALL_CHANNELS, decode, type NormalizedEvent } from '@tickstock/contracts';
import { healthId } from '@tickstock/db';
import { eventItemId } from './frames';

/** Where an accepted event is stored: `table:id` (sessions by session id). */
export function storedKey(e: NormalizedEvent): string {
  switch (e.kind) {
    case 'pattern':
      return `intraday_patterns:${e.data.id}`;
    case 'indicator':
      return `intraday_indicators:${e.data.id}`;
    case 'indicator_alert':
    case 'critical_alert':
      return `alerts:${e.data.id}`;
    case 'health':
      return `streaming_health:${healthId(e.data)}`;
    case 'session_started':
    case 'session_stopped':
      return `streaming_sessions:${e.data.session_id}`;
    case 'envelope_pattern':
    case 'backtest_progress':
    case 'backtest_result':
    case 'system_health':
      return `producer_events:${e.data.id}`;
  }
}

/**
 * One message: when it arrived, where, the rows its events make and the item ids frames would
 * carry. `receiptTimed`: keys of events the decoder gave the receive time (no usable timestamp
 * of their own), whose ids therefore differ between the tap and the ingest by a few ms.
 */
export type TappedMessage = { at: number; channel: string; keys: string[]; items: string[]; receiptTimed: string[] };

export type TapCounts = { messages: number; accepted: number; rejected: number; uncounted: number };

export type TapSamples = { uncounted: { channel: string; text: string }[] };

export type Tap = {
  readonly counts: TapCounts;
  /** The first few messages counted neither way, for the report. */
  readonly samples: TapSamples;
  /** Every message with its stored keys (kept only with `keep`). */
  readonly messages: readonly TappedMessage[];
  ready(): boolean;
  /** When the tap's own subscription was down (a Redis outage): it saw nothing then. */
  readonly blind: { from: number; to: number }[];
  /** Distinct stored keys of every accepted event seen, optionally only of messages arrived in [from, to]. */
  expectedKeys(filter?: (m: TappedMessage) => boolean): Set<string>;
  /** Per item id, how many messages on one channel carried it (the most over the channels): how often it may leave in a frame. */
  allowedItems(): Map<string, number>;
  close(): Promise<void>;
};

/**
 * Accepted events, rejected messages and rejected batch items are counted as the ingest counts
 * them (apps/ingest/src/pipeline/message-handler.ts); `uncounted` is a message that decoded to
 * neither (it would escape received = accepted + rejected).
 */
export function tallyMessage(channel: string, text: string, at: number): { accepted: number; rejected: number; events: NormalizedEvent[] } {
  const result = decode(channel, text, new Date(at));
  if (!result.ok) return { accepted: 0, rejected: 1, events: [] };
  return { accepted: result.events.length, rejected: result.itemRejections.length, events: result.events };
}

export function startTap(bus: Bus, opts: { keep: boolean }): Tap {
  const counts: TapCounts = { messages: 0, accepted: 0, rejected: 0, uncounted: 0 };
  const messages: TappedMessage[] = [];
  const samples: TapSamples = { uncounted: [] };
  const subscription: Subscription = bus.subscribe(ALL_CHANNELS, (channel, text) => {
    const at = Date.now();
    const t = tallyMessage(channel, text, at);
    counts.messages++;
    counts.accepted += t.accepted;
    counts.rejected += t.rejected;
    if (t.accepted + t.rejected === 0) {
      counts.uncounted++;
      if (samples.uncounted.length < 3) samples.uncounted.push({ channel, text: text.slice(0, 300) });
    }
    if (opts.keep) {
      const iso = new Date(at).toISOString();
      const receiptTimed = t.events.filter((e) => JSON.stringify(e.data).includes(iso)).map(storedKey);
      messages.push({ at, channel, keys: t.events.map(storedKey), items: t.events.map(eventItemId), receiptTimed });
    }
  });
  const blind: { from: number; to: number }[] = [];
  let ever = false;
  subscription.onReadyChange((ready) => {
    const now = Date.now();
    if (!ready && ever) blind.push({ from: now, to: Infinity });
    if (ready) {
      ever = true;
      const open = blind.at(-1);
      if (open && open.to === Infinity) open.to = now;
    }
  });
  return {
    counts,
    samples,
    messages,
    blind,
    ready: () => subscription.isReady(),
    expectedKeys(filter) {
      const keys = new Set<string>();
      for (const m of messages) if (!filter || filter(m)) for (const k of m.keys) keys.add(k);
      return keys;
    },
    allowedItems() {
      const perChannel = new Map<string, number>();
      const allowed = new Map<string, number>();
      for (const m of messages) {
        for (const id of new Set(m.items)) {
          const key = `${m.channel} ${id}`;
          const n = (perChannel.get(key) ?? 0) + 1;
          perChannel.set(key, n);
          allowed.set(id, Math.max(allowed.get(id) ?? 0, n));
        }
      }
      return allowed;
    },
    close: () => subscription.close(),
  };
}
