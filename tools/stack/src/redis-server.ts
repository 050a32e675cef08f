// Redis for the local stack: REDIS_URL when set, else a redis-server from PATH in the foreground
// on its own port (no persistence: the streams are a live buffer, PostgreSQL keeps history).
import { execFileSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { startChild, stopChild, type Child } from './children';
import { waitUntil } from './wait';

export type StackRedis = { url: string; stop(): Promise<void> };

export function findRedisServer(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || undefined;
  } catch (err) {
    void err; // not on PATH
    return undefined;
  }
}

export async function startStackRedis(port: number): Promise<StackRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: () => Promise.resolve() };
  const binary = findRedisServer();
  if (!binary) throw new Error('No Redis: set REDIS_URL, or install redis-server (Debian: apt-get install -y redis-server)');
  const child: Child = startChild('redis', binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    quiet: true,
    // Its own process group: a Ctrl-C in the terminal reaches the stack, which stops Redis after the services.
    detached: true,
  });
  await waitUntil('redis-server', () => ping(port), 15_000);
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child, 'SIGTERM', 5_000) };
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}
