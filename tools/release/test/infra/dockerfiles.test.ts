// Every image: multi-stage, glibc Node 20 slim, non-root, a health check, and a build stage that
// copies exactly the projects the Nx graph says its app is made of (never the whole repo).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createProjectGraphAsync, type ProjectGraph } from '@nx/devkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceClosure, type Manifest } from '../../src/runtime-deps';
import { contextCopies, readStages, type Stage } from './support/dockerfile';
import { filesUnder, read, ROOT } from './support/files';

const DOCKERFILES = filesUnder('infra/docker').filter((f) => f.endsWith('.Dockerfile'));
/** What an image's health check asks: the contract's /healthz, or /login for the dashboard (it has no health route). */
const HEALTH_PATH: Record<string, string> = { dashboard: '/login' };
/** Root files every build stage needs: npm ci (manifest, lockfile), nx, the shared compiler settings. */
const ROOT_FILES = ['package.json', 'package-lock.json', 'nx.json', 'tsconfig.base.json'];

let graph: ProjectGraph;
beforeAll(async () => {
  graph = await createProjectGraphAsync({ exitOnError: false });
}, 120_000);

const appOf = (file: string) => file.replace(/^.*\//, '').replace('.Dockerfile', '');
const runtime = (stages: Stage[]) => stages.at(-1)!;

describe('infra/docker', () => {
  it('has an image for every app and the simulator', () => {
    expect(DOCKERFILES.map(appOf).sort()).toEqual(['dashboard', 'fanout', 'ingest', 'query', 'simulator']);
  });

  describe.each(DOCKERFILES)('%s', (file) => {
    const app = appOf(file);
    const stages = readStages(file);

    it('is multi-stage: build, deps and a runtime that copies only from them', () => {
      expect(stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
      expect(contextCopies(stages[1]!)).toEqual([]);
      expect(contextCopies(runtime(stages))).toEqual([]);
    });

    it('runs on node:20-bookworm-slim (glibc, for the native uWebSockets.js binary), never alpine', () => {
      for (const s of stages) expect(s.image).toBe('node:20-bookworm-slim');
    });

    it('runs as a numeric non-root user (so runAsNonRoot can verify it)', () => {
      const users = runtime(stages).steps.filter((s) => s.keyword === 'USER');
      expect(users).toHaveLength(1);
      expect(users[0]!.args[0]).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    });

    it('has a HEALTHCHECK on the health route (the simulator, a CLI job, declares NONE)', () => {
      const checks = runtime(stages).steps.filter((s) => s.keyword === 'HEALTHCHECK');
      expect(checks).toHaveLength(1);
      if (app === 'simulator') expect(checks[0]!.args).toEqual(['NONE']);
      else expect(checks[0]!.text).toContain(`${HEALTH_PATH[app] ?? '/healthz'}'`);
    });

    it('copies the build context file by file, never `COPY . .` or a whole top-level folder', () => {
      const sources = contextCopies(stages[0]!);
      for (const s of sources) expect(s).not.toMatch(/^(\.|\.\/|\*|apps\/?|packages\/?|tools\/?)$/);
    });

    it('copies exactly the root files, tools/release and the Nx source closure of its project', () => {
      const project = `@tickstock/${app}`;
      const readManifest = (root: string) => JSON.parse(read(join(root, 'package.json'))) as Manifest;
      const closure = sourceClosure(graph, project, readManifest).map((p) => p.data.root);
      expect(new Set(contextCopies(stages[0]!))).toEqual(new Set([...ROOT_FILES, 'tools/release', ...closure]));
      for (const path of closure) expect(existsSync(join(ROOT, path, 'package.json'))).toBe(true);
    });

    it('installs production dependencies from the pruned lockfile only', () => {
      const deps = stages[1]!.steps.filter((s) => s.keyword === 'RUN').map((s) => s.text);
      expect(deps.some((t) => /npm ci --omit=dev/.test(t))).toBe(true);
      expect(stages[1]!.steps.find((s) => s.keyword === 'COPY')!.text).toMatch(/package\.json \S+package-lock\.json/);
    });
  });
});

describe('.dockerignore', () => {
  const lines = read('.dockerignore')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));

  it('starts from nothing (an allow-list), so only named paths reach the build', () => {
    expect(lines[0]).toBe('*');
  });

  it('keeps host installs, build output and local env files out', () => {
    for (const p of ['**/node_modules', '**/dist', '**/.env', '**/.env.*']) expect(lines).toContain(p);
  });
});
