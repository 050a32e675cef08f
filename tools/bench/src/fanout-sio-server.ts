// The baseline of the fanout benchmark: the old system's architecture, a Socket.IO 4 server with
// @socket.io/redis-adapter, fed from the same frames stream (a reader that emits each frame to all).
// ioredis is imported here only because the adapter needs its own pub/sub clients; the stream is
// read through @tickstock/bus like the fanout does.
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createRedisBus } from '@tickstock/bus';
import { FRAME_FIELD, SERVICE_KEYS, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@tickstock/contracts';
import { Redis } from 'ioredis';
import { jwtVerify } from 'jose';
import { Server } from 'socket.io';

const REDIS_URL = process.env.REDIS_URL!;
const PREFIX = process.env.REDIS_KEY_PREFIX!;
const PORT = Number(process.env.PORT);
const key = new TextEncoder().encode(process.env.JWT_SECRET ?? '');

const pub = new Redis(REDIS_URL);
const sub = pub.duplicate();
const io = new Server({ transports: ['websocket'], serveClient: false, perMessageDeflate: false, maxHttpBufferSize: 16 * 1024 });
io.adapter(createAdapter(pub, sub, { key: `${PREFIX}socket.io` }));
// The same ticket check as the fanout (jose, audience `fanout`), so both pay for authentication.
io.use((socket, next) => {
  const token = (socket.handshake.auth as { token?: unknown }).token;
  jwtVerify(String(token), key, { algorithms: ['HS256'], audience: TOKEN_AUDIENCE.ticket, issuer: TOKEN_ISSUER }).then(
    () => next(),
    () => next(new Error('unauthorized')),
  );
});
// On loopback only, as the fanout listens in the bench: a wildcard listen can collide with a
// client socket of an earlier run bound to the same port on one of the generators' 127.x addresses.
const http = createServer();
io.attach(http);
http.listen(PORT, '127.0.0.1');

const bus = createRedisBus({ url: REDIS_URL, prefix: PREFIX });
const stop = new AbortController();
async function bridge() {
  let after = (await bus.streamInfo(SERVICE_KEYS.framesStream)).lastId ?? '0-0';
  while (!stop.signal.aborted) {
    const entries = await bus.read(SERVICE_KEYS.framesStream, after, { blockMs: 1000, count: 500, signal: stop.signal });
    for (const e of entries) {
      const f = e.fields[FRAME_FIELD];
      // The same wire text as the fanout's (seq spliced in); the adapter publishes it to every server.
      if (f) io.emit('f', `{"seq":"${e.id}",${f.slice(1)}`);
      after = e.id;
    }
  }
}
// With several pods only one reads the stream (BRIDGE=1, the default): its emit reaches the
// other pods' sockets through the Redis adapter, as in the old system.
if (process.env.BRIDGE !== '0') {
  bridge().then(
    () => undefined,
    (err: unknown) => {
      console.error('sio bridge failed', err);
      process.exit(1);
    },
  );
}
process.on('SIGTERM', () => {
  stop.abort();
  void io.close();
  void bus.close().then(() => process.exit(0));
});
