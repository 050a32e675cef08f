// A scripted stand-in for the browser's WebSocket: tests open, feed and close it by hand.
import type { SocketLike } from '../stream-socket';

export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number, reason?: string) {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }
  /** The server accepted the socket. */
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  /** The server (or the network) closed it. */
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

export function fakeSockets() {
  const all: FakeSocket[] = [];
  return {
    all,
    open: (url: string) => {
      const s = new FakeSocket(url);
      all.push(s);
      return s;
    },
    get last(): FakeSocket {
      const s = all.at(-1);
      if (!s) throw new Error('no socket was opened');
      return s;
    },
  };
}
