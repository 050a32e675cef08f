// A minimal WebSocket client on a raw TCP socket for the fanout load generator: it parses frame
// headers itself and hands on each text payload without copying or decoding it, and reads through
// net's `onread` into one shared buffer (no stream events, no Buffer per chunk), so one process can
// keep up with ~100,000 frames/s (with `ws`, per-message events and buffers cost ~4 µs each and the
// generator, not the server, set the pace). Server frames are unmasked (RFC 6455 5.1);
// ours are masked. No fragmentation: neither server under test fragments its frames.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export type WireClient = { socket: Socket; sendText(text: string): void; close(): void };

export type WireHandlers = {
  /** A text frame's payload (valid only during the call), with the time its chunk arrived. */
  onText(payload: Buffer, receivedAt: number, client: WireClient): void;
  onClose(): void;
};

function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? 2 : 4;
  const frame = Buffer.allocUnsafe(head + 4 + len);
  frame[0] = 0x80 | opcode;
  if (len < 126) frame[1] = 0x80 | len;
  else {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(len, 2);
  }
  const mask = randomBytes(4);
  mask.copy(frame, head);
  for (let i = 0; i < len; i++) frame[head + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return frame;
}

/** Opens a socket, upgrades at `path`, resolves once the server answered 101. */
/** Every socket reads into this one buffer: onread callbacks run one at a time and copy what they keep. */
const SHARED_READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

export function openWire(opts: { port: number; path: string; localAddress: string }, handlers: WireHandlers): Promise<WireClient> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: opts.port,
      localAddress: opts.localAddress,
      onread: { buffer: SHARED_READ_BUFFER, callback: (nread: number, buf: Uint8Array) => (onData(Buffer.from(buf.buffer, buf.byteOffset, nread)), true) },
    });
    socket.setNoDelay(true);
    const client: WireClient = {
      socket,
      sendText: (text) => void socket.write(maskedFrame(0x1, Buffer.from(text))),
      close: () => socket.destroy(),
    };
    let upgraded = false;
    let pending: Buffer | null = null;
    socket.once('connect', () => {
      const key = randomBytes(16).toString('base64');
      socket.write(`GET ${opts.path} HTTP/1.1\r\nHost: 127.0.0.1:${opts.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    socket.on('error', (err) => (upgraded ? undefined : reject(err)));
    socket.on('close', () => (upgraded ? handlers.onClose() : reject(new Error('closed before the upgrade'))));
    function onData(chunk: Buffer) {
      const at = Date.now();
      const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
      pending = null;
      let i = 0;
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end === -1) return void (pending = Buffer.from(buf));
        if (!buf.subarray(0, 12).toString('latin1').includes(' 101')) {
          reject(new Error(buf.subarray(0, buf.indexOf('\r\n')).toString('latin1')));
          return void socket.destroy();
        }
        upgraded = true;
        resolve(client);
        i = end + 4;
      }
      while (i + 2 <= buf.length) {
        const opcode = buf[i]! & 0x0f;
        let len = buf[i + 1]! & 0x7f;
        let head = 2;
        if (len === 126) {
          if (i + 4 > buf.length) break;
          len = buf.readUInt16BE(i + 2);
          head = 4;
        } else if (len === 127) {
          if (i + 10 > buf.length) break;
          len = Number(buf.readBigUInt64BE(i + 2));
          head = 10;
        }
        if (i + head + len > buf.length) break;
        const payload = buf.subarray(i + head, i + head + len);
        if (opcode === 0x1) handlers.onText(payload, at, client);
        else if (opcode === 0x9) socket.write(maskedFrame(0xa, payload)); // ping → pong
        else if (opcode === 0x8) socket.end();
        i += head + len;
      }
      // The shared buffer is reused by the next read: keep a copy of an incomplete frame.
      if (i < buf.length) pending = Buffer.from(buf.subarray(i));
    }
  });
}
