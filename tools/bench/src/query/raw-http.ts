// A minimal HTTP/1.1 GET client over keep-alive sockets, for the load: node:http's client cost
// ~200 µs of CPU per request here (ClientRequest, IncomingMessage streams, events) — a tenth of
// this 2-core machine at 1,000 requests/s, taken from the service it measures. This one writes the
// request line and headers as one string, reads the status and Content-Length from the header
// block, and counts the body's bytes without decoding them; latency is still from the write to the
// last byte of the body. It expects what Fastify sends (Content-Length, no chunked encoding) and
// reports anything else as an error. One request per socket at a time (no pipelining), as a
// browser does over HTTP/1.1.
import { connect, type Socket } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

type Pending = { resolve: (status: number) => void; reject: (err: Error) => void };

class Connection {
  readonly socket: Socket;
  private pending: Pending | undefined;
  private head: Buffer | undefined;
  private bodyLeft = -1;
  private status = 0;
  private closeAfter = false;

  constructor(host: string, port: number, onFree: (c: Connection) => void, onGone: (c: Connection) => void) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      const done = this.read(chunk);
      if (!done) return;
      const p = this.pending!;
      this.pending = undefined;
      if (this.closeAfter) this.socket.destroy();
      else onFree(this);
      p.resolve(this.status);
    });
    const fail = (err: Error) => {
      onGone(this);
      const p = this.pending;
      this.pending = undefined;
      p?.reject(err);
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed')));
  }

  send(request: string, pending: Pending) {
    this.pending = pending;
    this.head = undefined;
    this.bodyLeft = -1;
    this.socket.write(request, 'latin1');
  }

  /** True once the whole response (head and Content-Length bytes of body) has arrived. */
  private read(chunk: Buffer): boolean {
    if (this.bodyLeft < 0) {
      const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = head.indexOf(HEADER_END);
      if (end < 0) {
        this.head = head;
        return false;
      }
      const text = head.toString('latin1', 0, end);
      this.status = Number(text.slice(9, 12));
      const length = /\r\ncontent-length: *(\d+)/i.exec(text);
      if (!length) {
        this.pending?.reject(new Error(`response without Content-Length (status ${this.status})`));
        this.pending = undefined;
        this.socket.destroy();
        return false;
      }
      this.closeAfter = /\r\nconnection: *close/i.test(text);
      this.head = undefined;
      this.bodyLeft = Number(length[1]) - (head.length - end - HEADER_END.length);
    } else {
      this.bodyLeft -= chunk.length;
    }
    return this.bodyLeft <= 0;
  }
}

export type RawHttpClient = { get(path: string): Promise<number>; close(): void };

/** GETs on up to `maxSockets` keep-alive connections; resolves with the status code. */
export function createRawHttpClient(base: string, headers: Record<string, string>, maxSockets = 64): RawHttpClient {
  const url = new URL(base);
  const host = url.hostname;
  const port = Number(url.port);
  const fixed = `Host: ${url.host}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}Connection: keep-alive\r\n\r\n`;
  const idle: Connection[] = [];
  const all = new Set<Connection>();
  const waiting: (() => void)[] = [];
  const onFree = (c: Connection) => {
    idle.push(c);
    waiting.shift()?.();
  };
  const onGone = (c: Connection) => {
    all.delete(c);
    const i = idle.indexOf(c);
    if (i >= 0) idle.splice(i, 1);
  };
  const take = (): Promise<Connection> => {
    const c = idle.pop();
    if (c) return Promise.resolve(c);
    if (all.size < maxSockets) {
      const fresh = new Connection(host, port, onFree, onGone);
      all.add(fresh);
      return Promise.resolve(fresh);
    }
    return new Promise((resolve) => waiting.push(() => resolve(idle.pop()!)));
  };
  return {
    async get(path) {
      const c = await take();
      return new Promise<number>((resolve, reject) => c.send(`GET ${path} HTTP/1.1\r\n${fixed}`, { resolve, reject }));
    },
    close() {
      for (const c of all) c.socket.destroy();
      all.clear();
      idle.length = 0;
    },
  };
}
