// The real stack, as `npm start` runs it (every service its own process, the simulator feeding
// it), driven in Debian's Chromium: log in, see live patterns, filter by symbol and see only that
// symbol, publish an alert as TickStockPL would and see it. Screenshots go to test-results/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedisBus } from '@tickstock/bus';
import { CHANNELS } from '@tickstock/contracts';
import { freePort, waitFor } from '@tickstock/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const stackDir = fileURLToPath(new URL('..', import.meta.url));
const artifacts = join(stackDir, 'test-results');
const password = 'e2e-admin-password-1234';

describe('npm start, end to end in a browser', () => {
  let stack: ChildProcess;
  let browser: Browser;
  let page: Page;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'tickstock-stack-'));
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    for (const name of ['STACK_REDIS_PORT', 'STACK_POSTGRES_PORT', 'INGEST_PORT', 'QUERY_PORT', 'FANOUT_PORT', 'DASHBOARD_PORT']) ports[name] = await freePort();
    const env: Record<string, string | undefined> = { ...process.env, STACK_DATA_DIR: dataDir, ADMIN_PASSWORD: password, STACK_SIMULATOR_RATE: '40' };
    delete env.REDIS_URL;
    delete env.DATABASE_URL;
    for (const [k, v] of Object.entries(ports)) env[k] = String(v);
    stack = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: stackDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    stack.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    stack.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(() => output.includes('TickStock streaming is up') || (stack.exitCode !== null && Promise.reject(new Error(output))), {
      timeoutMs: 240_000,
      intervalMs: 250,
      what: 'the stack to come up',
    });
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (stack && stack.exitCode === null) {
      stack.kill('SIGINT');
      await waitFor(() => stack.exitCode !== null, { timeoutMs: 60_000, what: 'the stack to stop' }).catch(() => stack.kill('SIGKILL'));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  it('prints the URLs and the login it was given, never a generated password', () => {
    expect(output).toContain(`http://localhost:${ports.DASHBOARD_PORT}/streaming`);
    expect(output).toContain('admin / (ADMIN_PASSWORD)');
    expect(output).not.toContain(password);
  });

  it('logs in and shows the simulator’s patterns live', async () => {
    await page.goto(`http://localhost:${ports.DASHBOARD_PORT}/login`);
    await page.locator('html[data-hydrated]').waitFor({ timeout: 30_000 });
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForURL('**/streaming**', { timeout: 30_000 });
    await page.locator('[data-testid=pattern-table] tbody tr').nth(2).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(artifacts, 'stack-streaming.png') });
  });

  it('filters by symbol: only that symbol’s patterns remain, and new ones keep coming', async () => {
    const symbol = (await page.locator('[data-testid=pattern-table] tbody tr td:nth-child(2)').first().innerText()).trim();
    await page.fill('[data-testid=filter-symbols]', symbol);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**symbols=${symbol}**`, { timeout: 10_000 });
    await waitFor(
      async () => {
        const symbols = (await page.locator('[data-testid=pattern-table] tbody tr td:nth-child(2)').allInnerTexts()).map((s) => s.trim());
        return symbols.length > 0 && symbols.every((s) => s === symbol);
      },
      { timeoutMs: 30_000, what: `only ${symbol} rows` },
    );
    await page.screenshot({ path: join(artifacts, 'stack-filtered.png') });
  });

  it('shows an RSI_OVERBOUGHT alert TickStockPL publishes', async () => {
    const producer = createRedisBus({ url: `redis://127.0.0.1:${ports.STACK_REDIS_PORT}`, prefix: '' });
    const symbol = new URL(page.url()).searchParams.get('symbols') ?? 'AAPL';
    try {
      const alert = { alert_type: 'RSI_OVERBOUGHT', symbol, severity: 'warning', timestamp: new Date().toISOString(), data: { indicator: 'RSI', value: 81.2, threshold: 70 } };
      await producer.publish(CHANNELS.alertsIndicators, JSON.stringify(alert));
    } finally {
      await producer.close();
    }
    await page.locator('[data-testid=alerts]', { hasText: 'RSI_OVERBOUGHT' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(artifacts, 'stack-alert.png') });
  });
});
