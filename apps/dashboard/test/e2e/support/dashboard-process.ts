// The dashboard as production runs it: the adapter-node build (`node build`, built by the
// test:integration script before the tests), pointed at the given query service and fanout.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './http-util';

const APP_DIR = fileURLToPath(new URL('../../..', import.meta.url));

export type DashboardProcess = { url: string; output: () => string; stop: () => Promise<void> };

export async function startDashboard(env: { QUERY_URL: string; FANOUT_PUBLIC_URL: string }): Promise<DashboardProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['build'], {
    cwd: APP_DIR,
    env: { ...process.env, ...env, DASHBOARD_PORT: String(port), DASHBOARD_HOST: '127.0.0.1', DASHBOARD_ORIGIN: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the dashboard exited with ${child.exitCode} (did \`vite build\` run?):\n${output}`);
    const ok = await fetch(`${url}/login`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the dashboard did not answer on ${url} within 15 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
