// `npm start` on a machine with neither Redis nor PostgreSQL, as far as the stack can tell:
// `--memory` runs every service in the runner's own process on the in-memory bus, and
// STACK_POSTGRES=embedded takes PostgreSQL from the npm-installed binaries. No ADMIN_PASSWORD, so
// it generates one and prints it once. Then, through the product's outside only: log in over REST,
// take a socket ticket, receive the simulator's frames from the fanout; find them in the REST
// history (so the in-process store writer stored them); see them on /streaming in Chromium; Ctrl-C.
import { join } from 'node:path';
import type { ServerFrame } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { artifacts, childProcesses, isAlive, launchBrowser, logIn, startStack, type RunningStack } from './support';

type Frame = ServerFrame & { seq?: string };

describe('npm start -- --memory: every service in one process, on the in-memory bus and an embedded PostgreSQL', () => {
  let stack: RunningStack;
  let browser: Browser | undefined;
  let password = '';
  let token = '';
  const frames: Frame[] = [];
  const query = (path: string) => `http://127.0.0.1:${stack.ports.QUERY_PORT}${path}`;

  beforeAll(async () => {
    stack = await startStack(['--memory'], {
      STACK_POSTGRES: 'embedded',
      STACK_SIMULATOR_RATE: '40',
      ADMIN_PASSWORD: undefined,
      REDIS_URL: undefined,
      DATABASE_URL: undefined,
    });
  }, 300_000);

  // A failure shows what the stack printed: the services' own warnings and errors are there.
  beforeEach(({ onTestFailed }) => onTestFailed(() => console.log(`stack output (last 8 kB):\n${stack.output().slice(-8_000)}`)));

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 90_000);

  it('prints the URLs, what it runs on, and the generated admin password once', () => {
    const out = stack.output();
    expect(out).toContain(`http://localhost:${stack.ports.DASHBOARD_PORT}/streaming`);
    expect(out).toContain('running    one process, the in-memory bus');
    expect(out).toMatch(/database {3}PostgreSQL \d+(\.\d+)? \(embedded, from npm\)/);
    const match = /login {6}admin \/ (\S+) {3}\(generated: shown this once/.exec(out);
    expect(match).not.toBeNull();
    password = match![1]!;
  });

  it('runs no service as a child process: the only children are PostgreSQL and tsx’s esbuild', () => {
    const children = childProcesses(stack.process.pid!);
    expect(children.map((c) => c.comm)).toContain('postgres');
    expect(children.filter((c) => c.comm !== 'postgres' && c.comm !== 'esbuild')).toEqual([]);
  });

  it('logs in over REST with that password, and the fanout streams the simulator’s frames to a socket ticket', async () => {
    const login = await fetch(query('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { token: string }).token;
    const ticket = await fetch(query('/auth/ws-token'), { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(ticket.status).toBe(200);
    const { token: socketTicket } = (await ticket.json()) as { token: string };

    const ws = new WebSocket(`ws://127.0.0.1:${stack.ports.FANOUT_PORT}/ws?token=${encodeURIComponent(socketTicket)}`);
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Frame));
    try {
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      ws.send(JSON.stringify({ op: 'ping' })); // the first client frame starts delivery at once
      await waitFor(() => frames.filter((f) => f.event === 'streaming_patterns_batch' || f.event === 'streaming_pattern').length >= 3, {
        timeoutMs: 20_000,
        what: 'pattern frames from the simulator',
      });
    } finally {
      ws.close();
    }
    expect(frames[0]?.event).toBe('welcome');
    const seqs = frames.flatMap((f) => (f.seq ? [f.seq] : []));
    expect(seqs.length).toBeGreaterThan(3);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('stores what it streams: the REST history has the patterns of a symbol seen on the socket', async () => {
    const seen = frames.flatMap((f) =>
      f.event === 'streaming_pattern' ? [f.data.detection] : f.event === 'streaming_patterns_batch' ? f.data.patterns.map((p) => p.detection) : [],
    );
    const { symbol, id } = seen[0]!;
    const rows = await waitFor(
      async () => {
        const res = await fetch(query(`/streaming/api/patterns/${encodeURIComponent(symbol)}?hours=1&limit=1000`), { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { id: string }[];
        return body.some((r) => r.id === id) && body;
      },
      { timeoutMs: 15_000, intervalMs: 250, what: `pattern ${id} of ${symbol} in the REST history` },
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('shows the live patterns on /streaming in Chromium', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await logIn(page, stack.ports.DASHBOARD_PORT, 'admin', password);
    await page.locator('[data-testid=connection][data-phase=live]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=pattern-table] tbody tr[data-id]').nth(2).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(artifacts, 'memory-stack-streaming.png') });
  });

  it('stops everything on Ctrl-C and exits 0, leaving no PostgreSQL behind', async () => {
    const postgres = childProcesses(stack.process.pid!).filter((c) => c.comm === 'postgres');
    await browser?.close();
    browser = undefined;
    expect(await stack.stop()).toBe(0);
    expect(stack.output()).toContain('stopped.');
    expect(postgres.filter((p) => isAlive(p.pid))).toEqual([]);
  }, 90_000);
});
