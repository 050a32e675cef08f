// A browser's stand-in on the fanout: it keeps every frame's seq, and when the server closes
// its socket it does what the dashboard does — a fresh ticket, a new socket on whichever pod is
// up, `resume` from the last seq it has — and keeps counting. Its log is held against the
// frames stream by sequence.ts.
// (On `ws`, like the fanout's own tests: tools/bench's raw wire client is built for throughput,
// lives in another tool — tools may import only libraries and the test harness — and does not
// report close codes, which the drain scenario checks.)
import { waitFor } from '@tickstock/testing';
import WebSocket from 'ws';
import type { ClientLog, Received } from './sequence';

export type ClientOptions = {
  name: string;
  /** The pod to connect to, asked again for every reconnect (what a load balancer would pick). */
  port: () => number;
  /** A fresh socket ticket (POST /auth/ws-token). */
  ticket: () => Promise<string>;
  /** How long to keep trying to reconnect after the server closed the socket. */
  reconnectForMs?: number;
};

export type SocketRecord = { port: number; resumedFrom: string | null; welcomeLastSeq: string | null | undefined; closeCode?: number; openedAt: number; closedAt?: number };

export type CountingClient = {
  readonly name: string;
  readonly sockets: readonly SocketRecord[];
  log(): ClientLog;
  lastSeq(): string | undefined;
  /** True while a socket is open and has had its welcome. */
  connected(): boolean;
  /** Failed attempts to (re)connect, with why. */
  readonly failures: string[];
  errors(): string[];
  /** Resolves once a frame with this seq (or a later one) has arrived. */
  reached(seq: string, timeoutMs: number): Promise<void>;
  /** Closes for good (no reconnect). */
  close(): Promise<void>;
};

const laterOrEqual = (a: string, b: string) => {
  const [am, as] = a.split('-').map(Number) as [number, number];
  const [bm, bs] = b.split('-').map(Number) as [number, number];
  return am > bm || (am === bm && as >= bs);
};

export async function startClient(opts: ClientOptions): Promise<CountingClient> {
  const received: Received[] = [];
  const resyncsAt: number[] = [];
  const sockets: SocketRecord[] = [];
  const failures: string[] = [];
  const errors: string[] = [];
  let ws: WebSocket | undefined;
  let welcomed = false;
  let closing = false;
  let reconnecting: Promise<void> | undefined;

  const lastSeq = () => received.at(-1)?.seq;
  const resumePoint = () => lastSeq() ?? sockets.at(-1)?.welcomeLastSeq ?? null;

  const open = (port: number, ticket: string, resumeFrom: string | null) =>
    new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(ticket)}`);
      const record: SocketRecord = { port, resumedFrom: resumeFrom, welcomeLastSeq: undefined, openedAt: Date.now() };
      let opened = false;
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as { event: string; seq?: string; data?: { last_seq?: string | null; code?: string; message?: string } };
        if (frame.seq !== undefined) received.push({ seq: frame.seq, event: frame.event });
        else if (frame.event === 'welcome') {
          record.welcomeLastSeq = frame.data?.last_seq ?? null;
          welcomed = true;
        } else if (frame.event === 'resync_required') resyncsAt.push(received.length);
        else if (frame.event === 'error') errors.push(`${frame.data?.code}: ${frame.data?.message}`);
      });
      socket.once('open', () => {
        opened = true;
        ws = socket;
        welcomed = false;
        sockets.push(record);
        // Before any live frame: the pod holds delivery back for the resume window.
        if (resumeFrom !== null) socket.send(JSON.stringify({ op: 'resume', since: resumeFrom }));
        resolve();
      });
      socket.once('unexpected-response', (_req, res) => {
        res.resume();
        socket.terminate();
        reject(new Error(`HTTP ${res.statusCode}`));
      });
      socket.on('error', (err) => {
        if (!opened) reject(err);
        else errors.push(`socket error: ${err.message}`);
      });
      socket.once('close', (code) => {
        record.closeCode = code;
        record.closedAt = Date.now();
        if (!opened) return;
        welcomed = false;
        if (!closing) reconnecting = reconnect();
      });
    });

  async function reconnect(): Promise<void> {
    const deadline = Date.now() + (opts.reconnectForMs ?? 60_000);
    while (!closing && Date.now() < deadline) {
      try {
        await open(opts.port(), await opts.ticket(), resumePoint());
        return;
      } catch (err) {
        failures.push((err as Error).message);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    if (!closing) errors.push(`gave up reconnecting after ${opts.reconnectForMs ?? 60_000} ms`);
  }

  await open(opts.port(), await opts.ticket(), null);
  await waitFor(() => welcomed, { timeoutMs: 10_000, what: `${opts.name}'s welcome` });

  return {
    name: opts.name,
    sockets,
    failures,
    errors: () => errors,
    log: () => ({ startAfter: sockets[0]?.welcomeLastSeq ?? null, received, resyncsAt }),
    lastSeq,
    connected: () => welcomed && ws?.readyState === WebSocket.OPEN,
    reached: (seq, timeoutMs) =>
      waitFor(
        () => {
          const last = lastSeq();
          return last !== undefined && laterOrEqual(last, seq);
        },
        { timeoutMs, intervalMs: 50, what: `${opts.name} to receive ${seq} (has ${lastSeq() ?? 'nothing'})` },
      ).then(() => undefined),
    async close() {
      closing = true;
      await reconnecting;
      const socket = ws;
      if (!socket || socket.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
}
