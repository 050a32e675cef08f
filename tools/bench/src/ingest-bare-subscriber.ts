// The ceiling for the ingest bench: a bare ioredis subscriber on the same 12 channels, in a
// process of its own, that only counts messages. It measures the client library and the link
// with nothing of ours on top, so it is the one place outside packages/bus that imports ioredis
// (HOUSE-STYLE.md keeps ioredis in packages/bus; a baseline of the bus would not be bare).
import { performance } from 'node:perf_hooks';
import { ALL_CHANNELS } from '@tickstock/contracts';
import { Redis } from 'ioredis';
import type { SubscriberReply, SubscriberRequest } from './ingest-protocol';

const send = (reply: SubscriberReply) => process.send?.(reply);
// The same client options as the bus's subscriber connection (packages/bus connections.ts).
const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  protocol: 2,
  disableClientInfo: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResubscribe: false,
  connectionName: 'bench:bare-subscriber',
  lazyConnect: true,
});
client.on('error', (err: Error) => send({ type: 'error', message: err.message }));

let count = 0;
let first = 0;
let last = 0;
client.on('message', () => {
  last = performance.now();
  if (count++ === 0) first = last;
});

process.on('message', (raw) => {
  const req = raw as SubscriberRequest;
  if (req.cmd === 'report') {
    send({ type: 'report', count, firstAt: performance.timeOrigin + first, lastAt: performance.timeOrigin + last });
  } else {
    client.disconnect();
    process.disconnect?.();
  }
});

client
  .connect()
  .then(() => client.subscribe(...ALL_CHANNELS))
  .then(() => send({ type: 'ready' }))
  .catch((err: unknown) => {
    process.stderr.write(`bare subscriber failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
