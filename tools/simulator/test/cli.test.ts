// The CLI as a user runs it: a real process, real exit codes, real signals.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@tickstock/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startHarness, type Harness } from './support';

const ROOT = join(import.meta.dirname, '..');

type Proc = { code: Promise<number | null>; stdout: () => string; stderr: () => string; kill: (s: NodeJS.Signals) => void };

function cli(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, REDIS_URL: '', ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    code: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    stdout: () => out,
    stderr: () => err,
    kill: (s) => child.kill(s),
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

// Concurrent: each test is mostly a process starting up, and they share nothing but the Redis.
describe.concurrent('simulator CLI', () => {
  it('exits 2 with the reason on a bad argument', async ({ expect }) => {
    const sut = cli(['run', 'load', '--rate', 'fast']);
    expect(await sut.code).toBe(2);
    expect(sut.stderr()).toMatch(/--rate must be a positive number, got "fast"[\s\S]*--help/);
  });

  it('exits 1 and says so when Redis is not there', async ({ expect }) => {
    const sut = cli(['run', 'quick', '--redis-url', `redis://127.0.0.1:${await freePort()}`]);
    expect(await sut.code).toBe(1);
    expect(sut.stderr()).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/);
  });

  it('records what `run quick` publishes into a file relative to where it was typed, until Ctrl-C', async ({ expect }) => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
    const recorder = cli(['record', '--out', 'day.jsonl'], { REDIS_URL: h.redis.url, INIT_CWD: dir });
    await waitFor(() => recorder.stderr().includes('recording the 12 TickStockPL channels'), { timeoutMs: 15_000, what: 'the recorder to subscribe' });

    const run = cli(['run', 'quick', '--redis-url', h.redis.url]);
    expect(await run.code).toBe(0);
    expect(run.stdout()).toMatch(/^quick: 13 messages \(9 on the pattern\/indicator channels\)/);

    const file = join(dir, 'day.jsonl');
    await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').split('\n').length > 13, { what: '13 recorded lines' });
    recorder.kill('SIGINT');
    expect(await recorder.code).toBe(0);
    expect(recorder.stdout()).toMatch(/recorded 13 messages/);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(13);
    expect(JSON.parse(lines[0]!)).toMatchObject({ channel: 'tickstock:streaming:session_started' });
  });
});
