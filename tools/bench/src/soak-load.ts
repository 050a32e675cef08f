// Load generator of the soak benchmark, in its own process: COUNT raw WebSocket clients on the
// fanout (fanout-wire-client.ts, as the fanout bench's generator), each counting every stream frame
// it receives, checking that seqs only go forward, and timing stream append (the seq's ms part) →
// receipt without parsing the JSON. One client per generator (SAMPLE=1) also parses its frames
// for the producer timestamp → receipt of each event. Nothing is ever reset but the per-window
// histograms, so the bench's accounting adds up exactly.
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@tickstock/contracts';
import { SignJWT } from 'jose';
import { openWire, type WireClient } from './fanout-wire-client';
import { MAX_LATENCY_MS, toSparse, type Commands, type CountsReport, type WindowReport } from './soak-protocol';

const PORT = Number(process.env.PORT);
const COUNT = Number(process.env.COUNT);
const LOCAL_ADDRESS = process.env.LOCAL_ADDRESS ?? '127.0.0.1';
const SECRET = process.env.JWT_SECRET ?? '';
const SAMPLE = process.env.SAMPLE === '1';
const CONCURRENCY = 100;

const sockets: WireClient[] = [];
const frames = new Uint32Array(COUNT);
const lastMs = new Float64Array(COUNT);
const lastN = new Float64Array(COUNT);
let total = 0;
let bytes = 0;
let outOfOrder = 0;
let closes = 0;
let closing = false;
const hist = { all: new Uint32Array(MAX_LATENCY_MS + 1), priority: new Uint32Array(MAX_LATENCY_MS + 1), producerPriority: new Uint32Array(MAX_LATENCY_MS + 1), producerBatched: new Uint32Array(MAX_LATENCY_MS + 1) };

// The fanout's wire text of a stream frame starts `{"seq":"<ms>-<n>","event":"<name>"` (apps/fanout/src/stream/prepared-frame.ts).
const SEQ_HEAD = Buffer.from('{"seq":"');
const PRIORITY_EVENT = Buffer.from('"event":"streaming_pattern"');
const bin = (ms: number) => Math.min(MAX_LATENCY_MS, Math.max(0, Math.round(ms)));

function onFrame(client: number, buf: Buffer, at: number): void {
  if (buf.length < 12 || buf.compare(SEQ_HEAD, 0, SEQ_HEAD.length, 0, SEQ_HEAD.length) !== 0) return; // welcome, pong
  let i = SEQ_HEAD.length;
  let ms = 0;
  for (; buf[i] !== 0x2d /* - */ && i < buf.length; i++) ms = ms * 10 + (buf[i]! - 0x30);
  let n = 0;
  for (i++; buf[i] !== 0x22 /* " */ && i < buf.length; i++) n = n * 10 + (buf[i]! - 0x30);
  if (ms < lastMs[client]! || (ms === lastMs[client] && n <= lastN[client]!)) outOfOrder++;
  lastMs[client] = ms;
  lastN[client] = n;
  frames[client]!++;
  total++;
  bytes += buf.length;
  hist.all[bin(at - ms)]!++;
  const priority = buf.subarray(i, i + 40).indexOf(PRIORITY_EVENT) >= 0;
  if (priority) hist.priority[bin(at - ms)]!++;
  if (SAMPLE && client === 0) sampleProducerTimes(buf, at, priority);
}

type Item = { detection?: { timestamp?: string }; calculation?: { timestamp?: string } };

/** Producer timestamp → receipt for every event in the frame (the sampled client only: it parses JSON). */
function sampleProducerTimes(buf: Buffer, at: number, priority: boolean): void {
  const f = JSON.parse(buf.toString('utf8')) as { event: string; data: { detection?: { timestamp?: string }; patterns?: Item[]; indicators?: Item[] } };
  if (priority) {
    const t = Date.parse(f.data.detection?.timestamp ?? '');
    if (Number.isFinite(t)) hist.producerPriority[bin(at - t)]!++;
    return;
  }
  for (const item of f.data.patterns ?? f.data.indicators ?? []) {
    const t = Date.parse(item.detection?.timestamp ?? item.calculation?.timestamp ?? '');
    if (Number.isFinite(t)) hist.producerBatched[bin(at - t)]!++;
  }
}

async function connectAll(): Promise<Commands['connect']['reply']> {
  const started = Date.now();
  const key = new TextEncoder().encode(SECRET);
  const nowS = Math.floor(Date.now() / 1000);
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < COUNT) {
      const index = next++;
      // A socket ticket as the query service issues it (CONTRACT.md, POST /auth/ws-token), signed here
      // with the stack's JWT_SECRET: 2,000 logins would only measure the login rate limit.
      const token = await new SignJWT({ role: 'viewer', login_exp: nowS + 86_400 })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`soak-${LOCAL_ADDRESS}-${index}`)
        .setAudience(TOKEN_AUDIENCE.ticket)
        .setIssuer(TOKEN_ISSUER)
        .setIssuedAt(nowS)
        .setExpirationTime(nowS + 600)
        .sign(key);
      try {
        sockets.push(
          await openWire(
            { port: PORT, path: `/ws?token=${token}`, localAddress: LOCAL_ADDRESS },
            {
              onText: (payload, at) => onFrame(index, payload, at),
              onClose: () => void (closing || closes++),
            },
          ),
        );
      } catch (err) {
        void err;
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { connected: COUNT - failed, failed, ms: Date.now() - started };
}

function windowReport(): WindowReport {
  const out: WindowReport = {
    all: toSparse(hist.all),
    priority: toSparse(hist.priority),
    producerPriority: toSparse(hist.producerPriority),
    producerBatched: toSparse(hist.producerBatched),
    frames: total,
    bytes,
    open: sockets.length - closes,
    closes,
    cpu: process.cpuUsage(),
  };
  for (const h of Object.values(hist)) h.fill(0);
  return out;
}

function counts(expected: number): CountsReport {
  let min = Infinity;
  let max = 0;
  let short = 0;
  let over = 0;
  for (let c = 0; c < sockets.length; c++) {
    const n = frames[c]!;
    min = Math.min(min, n);
    max = Math.max(max, n);
    if (n < expected) short++;
    if (n > expected) over++;
  }
  return { clients: sockets.length, min, max, total, short, over, outOfOrder, closes };
}

const commands: { [C in keyof Commands]: (arg: Commands[C]['arg']) => Commands[C]['reply'] | Promise<Commands[C]['reply']> } = {
  connect: () => connectAll(),
  window: () => windowReport(),
  counts: (arg) => counts(arg.expected),
  close: () => {
    closing = true;
    for (const s of sockets) s.close();
    return {};
  },
};

process.on('message', (msg: { cmd: keyof Commands; arg: never }) => {
  void Promise.resolve(commands[msg.cmd](msg.arg)).then((result) => process.send?.({ cmd: msg.cmd, result }));
});
process.on('disconnect', () => process.exit(0));
