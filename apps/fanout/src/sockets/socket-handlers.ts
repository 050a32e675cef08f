// The WebSocket side of a connection: `welcome` first, then client ops (subscribe, unsubscribe,
// resume, ping). Bad frames get an `error` event; a run of them, or one over 16 KB, closes 1008.
import { errorFrame, PONG_FRAME, welcomeData, type ClientOp } from '@tickstock/contracts';
import type { Logger } from '@tickstock/observability';
import type { WebSocket } from 'uWebSockets.js';
import type { FanoutMetrics } from '../metrics';
import type { LiveState } from '../stream/live-state';
import { applySubscribe, applyUnsubscribe, type Subscription } from '../topics/subscription';
import { canonicalSeq, parseClientFrame } from './client-frames';
import type { Client } from './client';
import type { Delivery } from './delivery';

export type SocketHandlerDeps = {
  clients: Set<Client>;
  delivery: Delivery;
  liveState: LiveState;
  metrics: FanoutMetrics;
  maxBadFrames: number;
  pauseAboveBytes: number;
  compress: boolean;
  close(client: Client, code: number, reason: string): void;
  log: Logger;
  now?: () => number;
};

const PONG_TEXT = JSON.stringify(PONG_FRAME);

export function createSocketHandlers(deps: SocketHandlerDeps) {
  const now = deps.now ?? Date.now;
  const controlOut = deps.metrics.framesOut.labels('control');

  const send = (client: Client, text: string) => {
    client.ws!.send(text, false, deps.compress);
    controlOut.inc();
  };

  /** A bad frame: an `error` event, and 1008 once the client sent maxBadFrames of them in a row. */
  const bad = (client: Client, code: string, message: string) => {
    deps.metrics.clientErrors.inc({ code });
    if (++client.badRun >= deps.maxBadFrames) {
      deps.metrics.policyCloses.inc({ reason: 'bad_frames' });
      return deps.close(client, 1008, 'too many bad frames');
    }
    send(client, JSON.stringify(errorFrame(code, message)));
  };

  const changeSubscription = (client: Client, change: (sub: Subscription) => { code: string; message: string } | null) => {
    // Applied to a copy, so a refused op leaves the subscription as it was.
    const next: Subscription = new Map([...client.subscription].map(([s, want]) => [s, want === 'all' ? want : new Set(want)]));
    const problem = change(next);
    if (problem) {
      deps.metrics.clientErrors.inc({ code: problem.code });
      return send(client, JSON.stringify(errorFrame(problem.code, problem.message)));
    }
    client.subscription = next;
    deps.delivery.resubscribed(client);
  };

  const handleOp = (client: Client, op: ClientOp) => {
    switch (op.op) {
      case 'ping':
        send(client, PONG_TEXT);
        return deps.delivery.begin(client);
      case 'subscribe':
        changeSubscription(client, (sub) => applySubscribe(sub, op));
        return deps.delivery.begin(client);
      case 'unsubscribe':
        changeSubscription(client, (sub) => applyUnsubscribe(sub, op));
        return deps.delivery.begin(client);
      case 'resume': {
        const since = canonicalSeq(op.since);
        if (since === null) return bad(client, 'BAD_SEQ', 'since must be a seq the server sent (<ms>-<n>)');
        return void deps.delivery.resume(client, since);
      }
    }
  };

  return {
    open(ws: WebSocket<Client>) {
      const client = ws.getUserData();
      client.ws = ws;
      deps.clients.add(client);
      deps.metrics.connections.inc();
      deps.metrics.opened.inc();
      const lastSeq = deps.delivery.position();
      const welcome = welcomeData(deps.liveState.session(), deps.liveState.health(), lastSeq === '0-0' ? null : lastSeq, new Date(now()).toISOString());
      send(client, JSON.stringify({ event: 'welcome', data: welcome }));
      deps.delivery.opened(client);
    },
    message(ws: WebSocket<Client>, message: ArrayBuffer, isBinary: boolean) {
      const client = ws.getUserData();
      if (client.phase === 'closed') return;
      const parsed = parseClientFrame(message, isBinary);
      if (parsed.ok) {
        client.badRun = 0;
        return handleOp(client, parsed.op);
      }
      if (parsed.code !== 'FRAME_TOO_LARGE') return bad(client, parsed.code, parsed.message);
      deps.metrics.clientErrors.inc({ code: parsed.code });
      deps.metrics.policyCloses.inc({ reason: 'too_large' });
      deps.close(client, 1008, 'frame too large');
    },
    drain(ws: WebSocket<Client>) {
      const client = ws.getUserData();
      if (client.onDrain && ws.getBufferedAmount() < deps.pauseAboveBytes) client.onDrain();
    },
    close(ws: WebSocket<Client>, code: number, message: ArrayBuffer) {
      const client = ws.getUserData();
      deps.log.debug({ user: client.user, ip: client.ip, code, reason: Buffer.from(message).toString(), phase: client.phase }, 'socket closed');
      client.phase = 'closed';
      client.ws = null;
      deps.clients.delete(client);
      deps.delivery.closed(client);
      deps.metrics.connections.dec();
      deps.metrics.closed.inc({ code: String(code) });
    },
  };
}
