// The composition root as a process: settings validated at start, the admin created from the
// environment, the service listening with its probes, and a clean stop on SIGTERM.
import { createTestDatabase, freePort, waitFor, type TestDatabase } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, runScript, start } from './processes';

const ADMIN_PASSWORD = 'admin password from env';
const SECRET = 'a-main-test-secret-that-is-long-enough';

describe('main', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(import.meta.url);
  });
  afterAll(() => testDb?.drop());

  it('stops at start with a message naming each bad setting, without echoing secrets', async () => {
    const run = await runScript('main.ts', [], { env: { DATABASE_URL: 'mysql://x', JWT_SECRET: 'too-short-secret', QUERY_PORT: '99999' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).toContain('JWT_SECRET');
    expect(run.stderr).toContain('QUERY_PORT');
    expect(run.stderr).not.toContain('too-short-secret');
  });

  it('serves with the admin from ADMIN_USERNAME/ADMIN_PASSWORD, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = start('main.ts', [], {
      DATABASE_URL: testDb.url,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_KEY_PREFIX: `t:main:${process.pid}:`,
      JWT_SECRET: SECRET,
      QUERY_PORT: String(port),
      ADMIN_USERNAME: 'boss',
      ADMIN_PASSWORD,
      LOG_LEVEL: 'info',
      SUMMARY_CACHE_MS: '0',
    });
    const exit = finished(child, 60_000);
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, { timeoutMs: 30_000, intervalMs: 100, what: 'the service to be ready' });
      const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'boss', password: ADMIN_PASSWORD }) });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const me = await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ username: 'boss', role: 'admin' });
      const summary = await fetch(`${base}/streaming/api/summary?hours=24`, { headers: { authorization: `Bearer ${token}` } });
      expect(summary.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const { code, stdout } = await exit;
    expect(code).toBe(0);
    expect(stdout).toContain('admin user created');
    expect(stdout).toContain('"msg":"stopped"');
    expect(stdout).not.toContain(ADMIN_PASSWORD);
    expect(stdout).not.toContain(SECRET);
  });
});
