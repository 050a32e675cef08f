// Fanout benchmark (issue 5): 10,000 WebSocket clients on loopback, fed from the frames stream
// at the ingest's rates (4 batches/s per stream + 10 priority patterns/s), against the
// uWebSockets.js fanout and, in the same run with the same workload and load generators, the old
// architecture (Socket.IO 4 + @socket.io/redis-adapter). Socket.IO then runs again with fewer
// clients until its p99 is no worse than the fanout's, for the "at equal or better p99" ratio.
// Run: npm run fanout -w @tickstock/bench [-- --clients 10000 --seconds 20 --generators 2 --items 5 --sio-sweep 5000,2500,1250
//   --generator native|node --pods 1]
// The clients are native by default (native/ws-load.c, compiled here with cc): on 2 cores the
// node clients took ~0.25 core more, and the latencies they measured were theirs as much as the
// server's. --pods 2 runs each side as two processes, as a deployment scales pods. Beside the
// clients' latency, the fanout's own append → publish lag (its /metrics histogram) shows how
// much of it is the server's.
// Targets: all clients held with priority p99 <= 50 ms; >= 5x Socket.IO's frames/s at equal or
// better p99; <= 10 KB RSS per idle connection.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startRedis } from '@tickstock/testing';
import { buildNativeGenerator, ROOT } from './fanout-proc';
import { runSide, type RunOptions, type RunResult, type Side } from './fanout-run';
import { DEFAULT_WORKLOAD } from './fanout-workload';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '20' },
    generators: { type: 'string', default: '2' },
    items: { type: 'string', default: String(DEFAULT_WORKLOAD.itemsPerBatch) },
    'sio-sweep': { type: 'string', default: '5000,2500,1250' },
    only: { type: 'string' },
    // node: the clients of fanout-load.ts; native: the same clients in C (native/ws-load.c, built
    // here with the machine's cc), which leave the server more of a 2-core machine's CPU.
    generator: { type: 'string', default: 'native' },
    // Server processes per side (generators ≥ pods); each generator's clients go to one pod.
    pods: { type: 'string', default: '1' },
  },
});

if (args.generator !== 'node' && args.generator !== 'native') throw new Error('--generator is node or native');
const nativeGenerator = args.generator === 'native' ? buildNativeGenerator() : undefined;
const redis = await startRedis();
const results: RunResult[] = [];
let run = 0;
const base = { redisUrl: redis.url, seconds: Number(args.seconds), generators: Number(args.generators), workload: { ...DEFAULT_WORKLOAD, itemsPerBatch: Number(args.items) }, secret: 'fanout-bench-secret-0123456789abcdef0123', nativeGenerator, pods: Number(args.pods) };
if (!(base.pods >= 1 && base.generators >= base.pods)) throw new Error('--pods must be at least 1 and at most --generators');
async function measure(side: Side, clients: number): Promise<RunResult> {
  console.log(`running ${side} with ${clients} clients for ${base.seconds} s ...`);
  const r = await runSide(side, { ...base, clients, run: run++ } satisfies RunOptions);
  console.log(JSON.stringify(r));
  results.push(r);
  return r;
}

try {
  const clients = Number(args.clients);
  const uws = args.only === 'sio' ? undefined : await measure('uws', clients);
  const sio = args.only === 'uws' ? undefined : await measure('sio', clients);
  // Socket.IO at fewer clients, until its p99 is no worse than the fanout's at the full count.
  let sioAtEqualP99 = sio && uws && sio.latencyMs.p99 <= uws.latencyMs.p99 ? sio : undefined;
  for (const n of (args['sio-sweep'] ?? '').split(',').filter(Boolean).map(Number)) {
    if (!uws || !sio || sioAtEqualP99) break;
    const r = await measure('sio', n);
    if (r.latencyMs.p99 <= uws.latencyMs.p99) sioAtEqualP99 = r;
  }

  console.table(
    results.map((r) => ({
      server: `${r.side === 'uws' ? 'fanout (uWS)' : 'Socket.IO+redis-adapter'}${r.pods > 1 ? ` × ${r.pods} pods` : ''}`,
      clients: r.clients.connected,
      'offered/s': r.offeredPerSecond,
      'delivered/s': r.deliveredPerSecond,
      'p50 ms': r.latencyMs.p50,
      'p99 ms': r.latencyMs.p99,
      'prio p99 ms': r.latencyMs.priorityP99,
      'server lag p99 ≤ ms': r.serverLag?.p99AtMostMs ?? '—',
      'KB/idle conn': r.rss.perIdleConnectionKB,
      'server cores usr+sys': `${r.cpu.server.user}+${r.cpu.server.system}`,
      'generator cores': r.cpu.generatorCores.join('+'),
      'machine idle': r.cpu.machine.idle,
      'other work': r.cpu.otherCores,
    })),
  );
  const ratios = {
    sameWorkload: uws && sio ? +(uws.deliveredPerSecond / sio.deliveredPerSecond).toFixed(2) : null,
    atEqualOrBetterP99: uws && sioAtEqualP99 ? +(uws.deliveredPerSecond / sioAtEqualP99.deliveredPerSecond).toFixed(2) : null,
    sioClientsAtEqualP99: sioAtEqualP99?.clients.connected ?? null,
  };
  console.log('fanout / Socket.IO delivered frames/s:', JSON.stringify(ratios));
  const out = join(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'fanout.json'), JSON.stringify({ at: new Date().toISOString(), args, workload: base.workload, ratios, results }, null, 2));
} finally {
  await redis.stop();
}
