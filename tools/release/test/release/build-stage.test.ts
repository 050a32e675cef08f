// The ingest image's build stage, replayed without Docker: its COPY lines (filtered by
// .dockerignore) into an empty folder standing for /repo, its ENV, then its RUN lines — the real
// `npm ci` on only those folders, the real `nx run @tickstock/ingest:build`. The output must be
// the release the workspace itself builds, byte for byte. This is as close to `docker build` as
// a machine without a container engine gets: what it cannot show is the base image itself.
import { execSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { release } from '../../src/release';
import { readStages } from '../infra/support/dockerfile';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const APP = 'ingest';

/** The `**\/NAME` patterns of .dockerignore (the allow-list part is what COPY names anyway). */
function ignoredNames(): RegExp[] {
  return readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('**/'))
    .map((l) => new RegExp(`^${l.slice(3).replace(/\./g, '\\.').replace(/\*/g, '.*')}$`));
}

describe(`infra/docker/${APP}.Dockerfile, build stage replayed`, () => {
  const repo = mkdtempSync(join(tmpdir(), 'build-stage-'));
  const expected = mkdtempSync(join(tmpdir(), 'build-expected-'));
  const out = join(repo, 'dist/apps', APP);

  beforeAll(async () => {
    // The workspace's own build first, then the copy at once: sources edited in between would differ.
    await release({ workspaceRoot: ROOT, project: `@tickstock/${APP}`, bundle: true, outDir: expected });
    const ignored = ignoredNames();
    const keep = (src: string) => !ignored.some((re) => re.test(basename(src)));
    const [build] = readStages(`infra/docker/${APP}.Dockerfile`);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', npm_config_prefer_offline: 'true' };
    for (const step of build!.steps) {
      if (step.keyword === 'ENV') for (const pair of step.args) env[pair.split('=')[0]!] = pair.slice(pair.indexOf('=') + 1);
      if (step.keyword === 'COPY') {
        const [dest, ...sources] = [...step.args].reverse();
        for (const src of sources) {
          const target = dest!.endsWith('/') ? join(repo, dest!, basename(src)) : join(repo, dest!);
          mkdirSync(dirname(target), { recursive: true });
          cpSync(join(ROOT, src), target, { recursive: statSync(join(ROOT, src)).isDirectory(), filter: keep });
        }
      }
      if (step.keyword === 'RUN') execSync(step.args.join(' '), { cwd: repo, env, stdio: 'pipe', timeout: 300_000 });
    }
  }, 600_000);
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(expected, { recursive: true, force: true });
  });

  it.each(['main.mjs', 'store.worker.mjs', 'package.json', 'package-lock.json'])('produces the same %s as the workspace build', (file) => {
    expect(readFileSync(join(out, file), 'utf8')).toBe(readFileSync(join(expected, file), 'utf8'));
  });

  it('copied no tests and no host node_modules into the build', () => {
    expect(() => statSync(join(repo, `apps/${APP}/test`))).toThrow();
    expect(execSync(`find apps packages tools -path '*/node_modules/*' -prune -o -name '*.test.ts' -print`, { cwd: repo, encoding: 'utf8' })).toBe('');
  });
});
