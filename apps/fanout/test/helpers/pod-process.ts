// A fanout pod as a real process (`node --import tsx src/main.ts` with env), as deployments run it: for the
// multi-pod and SIGTERM tests, where signals, exit and two independent readers matter.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '@tickstock/testing';
import { TEST_SECRET } from './tickets';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * `node --import tsx src/main.ts`: the service itself is the child, so a signal (SIGTERM in the
 * drain tests, SIGKILL in stop()) reaches it. Through tsx's CLI, SIGKILL killed only the CLI and
 * left the service running on, orphaned, after the test.
 */
const NODE_ARGS = ['--import', 'tsx', 'src/main.ts'];

export type PodProcess = {
  readonly port: number;
  readonly proc: ChildProcess;
  /** Everything the process wrote (JSON log lines), for failure messages. */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  readyz(): Promise<number>;
  metrics(): Promise<string>;
  stop(): Promise<void>;
};

export async function startPod(redisUrl: string, prefix: string, env: Record<string, string> = {}): Promise<PodProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, NODE_ARGS, {
    cwd: APP_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      JWT_SECRET: TEST_SECRET,
      FANOUT_PORT: String(port),
      FANOUT_HOST: '127.0.0.1',
      FANOUT_CONN_RATE_PER_IP: '0',
      FANOUT_RESUME_WINDOW_MS: '200',
      LOG_LEVEL: process.env.TEST_POD_LOG_LEVEL ?? 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const killOnExit = () => proc.kill('SIGKILL');
  process.once('exit', killOnExit);

  const http = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
  const pod: PodProcess = {
    port,
    proc,
    output: () => log,
    exited,
    readyz: async () => (await http('/readyz')).status,
    metrics: async () => (await http('/metrics')).text(),
    async stop() {
      process.removeListener('exit', killOnExit);
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await waitFor(async () => proc.exitCode === null && (await pod.readyz()) === 200, { timeoutMs: 20_000, what: `fanout pod on ${port} to be ready` });
  } catch (err) {
    await pod.stop();
    throw new Error(`${(err as Error).message}\n${log}`);
  }
  return pod;
}

