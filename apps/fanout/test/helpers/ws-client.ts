// A test client on `ws`: it keeps every frame it receives, in order, and the close code.
import { waitFor } from '@tickstock/testing';
import WebSocket from 'ws';

export type Frame = { event: string; data?: Record<string, unknown>; seq?: string };

export type TestClient = {
  readonly ws: WebSocket;
  readonly frames: Frame[];
  /** Frames that carry a seq (stream frames), in order of receipt. */
  seqs(): string[];
  lastSeq(): string | undefined;
  send(value: unknown): void;
  sendRaw(data: string | Buffer): void;
  closed: Promise<{ code: number; reason: string }>;
  /** How the socket ended, if it did (for failure messages). */
  closeInfo(): string;
  /** Sends a ping and waits for its pong: every op sent before it has been applied by then. */
  sync(): Promise<void>;
  /** Waits until `predicate` holds over the frames received so far. */
  until(predicate: (frames: Frame[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export function wsUrl(port: number, token: string | null): string {
  return token === null ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`;
}

export async function connect(port: number, token: string): Promise<TestClient> {
  const ws = new WebSocket(wsUrl(port, token));
  const frames: Frame[] = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as Frame));
  // Kept for failure messages: a client that stops receiving may have been closed, or errored.
  let closeInfo = '';
  ws.on('error', (err) => (closeInfo += ` error: ${err.message}`));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      closeInfo += ` closed ${code} ${reason.toString()}`;
      resolve({ code, reason: reason.toString() });
    }),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const seqs = () => frames.flatMap((f) => (f.seq === undefined ? [] : [f.seq]));
  return {
    ws,
    frames,
    seqs,
    closeInfo: () => closeInfo,
    lastSeq: () => seqs().at(-1),
    send: (value) => ws.send(JSON.stringify(value)),
    sendRaw: (data) => ws.send(data),
    closed,
    async sync() {
      const pongs = frames.filter((f) => f.event === 'pong').length;
      ws.send('{"op":"ping"}');
      await waitFor(() => frames.filter((f) => f.event === 'pong').length > pongs, { timeoutMs: 5_000, what: 'pong' });
    },
    until: (predicate, what, timeoutMs = 10_000) => waitFor(() => predicate(frames), { timeoutMs, what }).then(() => undefined),
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await closed;
    },
  };
}

/** The HTTP status an upgrade attempt gets when it is refused; 101 when a socket opened (then closed again). */
export function upgradeStatus(port: number, token: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(port, token));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('error', (err) => reject(err));
  });
}
