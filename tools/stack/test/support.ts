// The stack runner as a user starts it (`node --import tsx src/main.ts`, i.e. `npm start`) on free
// ports and a throwaway data dir, plus Debian's Chromium for the browser checks.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '@tickstock/testing';
import { chromium, type Browser, type Page } from 'playwright-core';

export const stackDir = fileURLToPath(new URL('..', import.meta.url));
export const artifacts = join(stackDir, 'test-results');

export type PortName = 'STACK_REDIS_PORT' | 'STACK_POSTGRES_PORT' | 'INGEST_PORT' | 'QUERY_PORT' | 'FANOUT_PORT' | 'DASHBOARD_PORT';

export type RunningStack = {
  process: ChildProcess;
  ports: Record<PortName, number>;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGINT, as Ctrl-C; resolves with the exit code (SIGKILL after the deadline). */
  stop(): Promise<number | null>;
};

export async function startStack(args: string[], env: Record<string, string | undefined>): Promise<RunningStack> {
  const ports = {} as Record<PortName, number>;
  for (const name of ['STACK_REDIS_PORT', 'STACK_POSTGRES_PORT', 'INGEST_PORT', 'QUERY_PORT', 'FANOUT_PORT', 'DASHBOARD_PORT'] as const) ports[name] = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tickstock-stack-'));
  const full: Record<string, string | undefined> = { ...process.env, STACK_DATA_DIR: dataDir, ...env };
  for (const [k, v] of Object.entries(ports)) full[k] = String(v);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete full[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: stackDir, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    return child.exitCode;
  };
  try {
    await waitFor(() => output.includes('TickStock streaming is up') || (child.exitCode !== null && Promise.reject(new Error(output))), {
      timeoutMs: 240_000,
      intervalMs: 250,
      what: 'the stack to come up',
    });
  } catch (err) {
    await stop();
    throw new Error(`the stack did not come up:\n${output}`, { cause: err });
  }
  return { process: child, ports, output: () => output, stop };
}

/** Processes whose parent is `pid` (from /proc), with their command names. */
export function childProcesses(pid: number): { pid: number; comm: string }[] {
  const found: { pid: number; comm: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid === pid) found.push({ pid: Number(entry), comm: stat.slice(stat.indexOf('(') + 1, close) });
    } catch (err) {
      void err; // the process ended while we looked
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    void err; // ESRCH: gone
    return false;
  }
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost'],
  });
}

/** The login form, as a user fills it; resolves on /streaming. */
export async function logIn(page: Page, dashboardPort: number, username: string, password: string): Promise<void> {
  await page.goto(`http://localhost:${dashboardPort}/login`);
  await page.locator('html[data-hydrated]').waitFor({ timeout: 30_000 });
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL('**/streaming**', { timeout: 30_000 });
}
