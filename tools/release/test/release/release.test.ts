// The release of an app, end to end but for the container: bundle and prune as the image's
// build stage does, `npm ci --omit=dev` from the pruned lockfile as its deps stage does, then
// start the bundle from that folder alone (outside the workspace, so nothing resolves from the
// repository's node_modules). ESM links every import before main() runs, so a bad config
// exiting with its message proves the bundle and its installed packages load.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { release } from '../../src/release';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const rootLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; name?: string }> };

const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
const ROOT_PACKAGES = new Set(Object.entries(rootLock.packages).map(([key, e]) => `${nameOf(key)}@${e.version}`));

/** The spec the lockfile pins for a root-level package (an alias keeps its `npm:` form). */
function locked(name: string): string {
  const entry = rootLock.packages[`node_modules/${name}`]!;
  return entry.name && entry.name !== name ? `npm:${entry.name}@${entry.version}` : entry.version;
}

type Run = { code: number | null; stderr: string };
function run(dir: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['main.mjs'], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/**
 * `packages`: the exact list for ingest (what its image installs, pinned by this test); for the
 * others, packages that must be there (their authors change the rest; exactness is then checked
 * against the bundle's own imports).
 */
type Case = { project: string; packages: string[]; exact: boolean; badEnv: Record<string, string>; named: string[]; serves?: boolean };
const CASES: Case[] = [
  {
    project: '@tickstock/ingest',
    packages: ['ioredis', 'kysely', 'pg', 'pino', 'prom-client', 'typebox'],
    exact: true,
    badEnv: { STREAMING_BUFFER_INTERVAL: '5' },
    named: ['DATABASE_URL', 'STREAMING_BUFFER_INTERVAL'],
  },
  {
    project: '@tickstock/fanout',
    packages: ['ioredis', 'uWebSockets.js'],
    exact: false,
    badEnv: { FANOUT_DRAIN_MS: 'soon' },
    named: ['JWT_SECRET', 'FANOUT_DRAIN_MS'],
    serves: true,
  },
  {
    project: '@tickstock/query',
    packages: ['fastify', 'pg'],
    exact: false,
    badEnv: { QUERY_PORT: '0' },
    named: ['DATABASE_URL', 'JWT_SECRET', 'QUERY_PORT'],
  },
];

describe.each(CASES)('release of $project', ({ project, packages, exact, badEnv, named, serves }) => {
  const dir = mkdtempSync(join(tmpdir(), 'release-'));
  let deps: Record<string, string>;

  beforeAll(async () => {
    deps = (await release({ workspaceRoot: ROOT, project, bundle: true, outDir: dir })).dependencies;
    execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'pipe' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists exactly the third-party packages the bundle imports, at the lockfile versions', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const names = Object.keys(manifest.dependencies);
    expect(names).toEqual(bareImports(readFileSync(join(dir, 'main.mjs'), 'utf8')));
    if (exact) expect(names).toEqual(packages);
    else expect(names).toEqual(expect.arrayContaining(packages));
    for (const name of names) expect(manifest.dependencies[name], name).toBe(locked(name));
    expect(deps).toEqual(manifest.dependencies);
  });

  it('writes a lockfile whose every package and version the workspace lockfile already has', () => {
    // Pruning may hoist a different copy to the top (query: ajv 8, not the workspace's ajv 6), so
    // compare package@version pairs, not paths.
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as typeof rootLock;
    const entries = Object.entries(lock.packages).filter(([key]) => key !== '');
    expect(entries.length).toBeGreaterThan(packages.length);
    for (const [key, entry] of entries) expect(ROOT_PACKAGES.has(`${nameOf(key)}@${entry.version}`), key).toBe(true);
  });

  it('bundles the workspace libraries in (no @tickstock import is left for npm to find), worker threads included', () => {
    const bundles = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
    expect(bundles).toContain('main.mjs');
    // The ingest's store writer runs on a thread loaded by URL beside main.mjs (store-thread.ts).
    if (project === '@tickstock/ingest') expect(bundles).toContain('store.worker.mjs');
    for (const file of bundles) {
      const code = readFileSync(join(dir, file), 'utf8');
      expect(code, file).not.toMatch(/from ["']@tickstock\//);
      for (const name of bareImports(code)) expect(Object.keys(deps), `${file} imports ${name}`).toContain(name);
    }
  });

  it('starts from the pruned install alone and exits 1 naming every bad setting', async () => {
    const { code, stderr } = await run(dir, badEnv);
    expect(code).toBe(1);
    for (const name of named) expect(stderr).toContain(name);
    expect(stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find package/);
  });

  if (serves) it('loads the native uWebSockets.js binary, answers the image HEALTHCHECK, and stops on SIGTERM', async () => {
    const port = await freePort();
    // Redis is deliberately unreachable: the pod lives (healthz 200) while it retries.
    const env = { PATH: process.env.PATH ?? '', JWT_SECRET: 'k'.repeat(48), REDIS_URL: 'redis://127.0.0.1:9', FANOUT_PORT: String(port), FANOUT_DRAIN_MS: '0', LOG_LEVEL: 'fatal' };
    const child = spawn(process.execPath, ['main.mjs'], { cwd: dir, env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      expect(await untilHealthy(healthcheckCommand('fanout'), env, 15_000)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});


/** Package names a bundle imports (statically or not), builtins left out, sorted. */
function bareImports(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g)) {
    const spec = (m[1] ?? m[2])!;
    if (spec.startsWith('.') || spec.startsWith('/') || isBuiltin(spec)) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return [...names].sort();
}

/** The runtime stage's HEALTHCHECK CMD of infra/docker/<app>.Dockerfile, as an argv. */
function healthcheckCommand(app: string): string[] {
  const text = readFileSync(join(ROOT, `infra/docker/${app}.Dockerfile`), 'utf8').replace(/\\\n\s*/g, '');
  const json = /HEALTHCHECK[^\n]*?CMD (\[.*\])/.exec(text)![1]!;
  return JSON.parse(json) as string[];
}

async function untilHealthy(argv: string[], env: Record<string, string>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = spawn(argv[0] === 'node' ? process.execPath : argv[0]!, argv.slice(1), { env, stdio: 'ignore' });
      c.on('exit', (code) => resolve(code === 0));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
