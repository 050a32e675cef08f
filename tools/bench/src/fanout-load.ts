// Load generator of the fanout benchmark, in its own process: COUNT WebSocket clients (the same
// minimal client against both servers, fanout-wire-client.ts). For each frame it records stream
// append → receipt latency from the seq's ms part, without parsing the JSON (the generator must not be the limit).
// Protocols: MODE=uws speaks the fanout contract; MODE=sio speaks Engine.IO v4/Socket.IO v5 over a websocket.
import { signTicket } from './fanout-tickets';
import { openWire, type WireClient } from './fanout-wire-client';

const MODE = process.env.MODE === 'sio' ? 'sio' : 'uws';
const PORT = Number(process.env.PORT);
const COUNT = Number(process.env.COUNT);
const LOCAL_ADDRESS = process.env.LOCAL_ADDRESS ?? '127.0.0.1';
const SECRET = process.env.JWT_SECRET ?? '';
const CONCURRENCY = 200;
const MAX_MS = 10_000;

const sockets: WireClient[] = [];
let open = 0;
let received = 0;
let bytes = 0;
let unexpectedCloses = 0;
let measuring = false;
const all = new Uint32Array(MAX_MS + 1);
const priority = new Uint32Array(MAX_MS + 1);
const PRIORITY = Buffer.from('streaming_pattern');

/** The ms part of the first `seq` in the frame's head, or -1 (welcome, pong, control packets). */
function seqMs(buf: Buffer): number {
  const end = Math.min(buf.length - 3, 40);
  for (let i = 0; i < end; i++) {
    if (buf[i] !== 0x73 || buf[i + 1] !== 0x65 || buf[i + 2] !== 0x71) continue;
    let j = i + 3;
    while (j < buf.length && (buf[j]! < 0x30 || buf[j]! > 0x39)) j++;
    let ms = 0;
    for (; j < buf.length && buf[j]! >= 0x30 && buf[j]! <= 0x39; j++) ms = ms * 10 + (buf[j]! - 0x30);
    return ms;
  }
  return -1;
}

function record(buf: Buffer, now: number) {
  const ms = seqMs(buf);
  if (ms < 0) return;
  received++;
  bytes += buf.length;
  if (!measuring) return;
  const lat = Math.min(MAX_MS, Math.max(0, now - ms));
  all[lat]!++;
  // A single priority pattern's event is `streaming_pattern`; batches start `streaming_patterns_batch`.
  const at = buf.subarray(0, 120).indexOf(PRIORITY);
  if (at >= 0 && buf[at + PRIORITY.length] !== 0x73) priority[lat]!++;
}

async function openOne(token: string): Promise<void> {
  const path = MODE === 'uws' ? `/ws?token=${token}` : '/socket.io/?EIO=4&transport=websocket';
  let acked: () => void = () => undefined;
  let refused: (err: Error) => void = () => undefined;
  const connected = new Promise<void>((resolve, reject) => ((acked = resolve), (refused = reject)));
  const client = await openWire(
    { port: PORT, path, localAddress: LOCAL_ADDRESS },
    {
      onText(payload, at, c) {
        if (MODE === 'uws') return record(payload, at);
        const c0 = payload[0];
        if (c0 === 0x32 && payload.length === 1) return c.sendText('3'); // Engine.IO ping → pong
        if (c0 === 0x30) return c.sendText(`40${JSON.stringify({ token })}`); // open → Socket.IO CONNECT with auth
        if (c0 === 0x34 && payload[1] === 0x30) return acked(); // CONNECT ack
        if (c0 === 0x34 && payload[1] === 0x34) return refused(new Error('CONNECT_ERROR'));
        record(payload, at);
      },
      onClose() {
        open--;
        unexpectedCloses++;
      },
    },
  );
  sockets.push(client);
  open++;
  if (MODE === 'uws') acked();
  await connected;
}

async function connectAll(): Promise<{ connected: number; failed: number; ms: number }> {
  const started = Date.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < COUNT) {
      next++;
      const token = await signTicket(SECRET, `bench-${next}`);
      await openOne(token).catch(() => void failed++);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { connected: COUNT - failed, failed, ms: Date.now() - started };
}

const commands: Record<string, () => unknown> = {
  connect: () => connectAll(),
  measure: () => {
    all.fill(0);
    priority.fill(0);
    received = 0;
    bytes = 0;
    measuring = true;
    return { cpu: process.cpuUsage() };
  },
  report: () => {
    measuring = false;
    return { received, bytes, all: [...all], priority: [...priority], cpu: process.cpuUsage(), unexpectedCloses, open };
  },
  close: () => {
    unexpectedCloses = -sockets.length; // closes we cause are not unexpected
    for (const s of sockets) s.close();
    return {};
  },
};

process.on('message', (msg: { cmd: string }) => {
  void Promise.resolve(commands[msg.cmd]?.()).then((result) => process.send?.({ cmd: msg.cmd, result }));
});
process.on('disconnect', () => process.exit(0));
