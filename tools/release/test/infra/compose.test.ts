// infra/compose.yaml: valid against the Compose specification's JSON schema (the copy dclint
// ships and validates with ajv), lint-clean on dclint's correctness and security rules, and
// wired the way the system needs: health-ordered start-up, required secrets, graceful stops.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DCLinter } from 'dclint';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { fanoutShutdownSlackSeconds } from './support/apps';
import { interpolate, interpolateDeep, references } from './support/compose';
import { read, readEnvFile } from './support/files';

type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  profiles?: string[];
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | number>;
  stop_grace_period?: string;
  ports?: string[];
};
type Compose = { name: string; services: Record<string, Service> };

const RAW = read('infra/compose.yaml');
const EXAMPLE = readEnvFile('infra/.env.example');
const SECRETS = ['JWT_SECRET', 'ADMIN_PASSWORD', 'POSTGRES_PASSWORD'];
// Stand-ins for the operator's secrets: what `docker compose config` would see with infra/.env filled in.
const ENV = { ...EXAMPLE, JWT_SECRET: 'j'.repeat(64), ADMIN_PASSWORD: 'p'.repeat(16), POSTGRES_PASSWORD: 'd'.repeat(32) };
const config = interpolateDeep(parse(RAW, { merge: true }) as Compose, ENV);
const ours = Object.entries(config.services).filter(([, s]) => s.build);

// dclint's correctness and security rules; its ordering and quoting rules are style, and
// `no-build-and-image` is off on purpose: compose tags what it builds with the image name.
const RULES = {
  'no-duplicate-container-names': 2,
  'no-duplicate-exported-ports': 2,
  'no-unbound-port-interfaces': 2,
  'no-version-field': 2,
  'require-project-name-field': 2,
  'service-image-require-explicit-tag': 2,
  'service-container-name-regex': 2,
  'no-quotes-in-volumes': 2,
  'no-build-and-image': 0,
  'require-quotes-in-ports': 0,
  'service-dependencies-alphabetical-order': 0,
  'service-keys-order': 0,
  'services-alphabetical-order': 0,
  'top-level-properties-order': 0,
  'service-ports-alphabetical-order': 0,
} as const;

const dir = mkdtempSync(join(tmpdir(), 'compose-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(doc: unknown) {
  const file = join(dir, `compose-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(doc));
  return new DCLinter({ rules: RULES, quiet: false, debug: false, exclude: [] }).lintFiles([file], false)[0]!.messages;
}

describe('infra/compose.yaml', () => {
  it('is a valid Compose file with no lint findings, as interpolated with infra/.env.example', () => {
    expect(lint(config).map((m) => `${m.rule}: ${m.message}`)).toEqual([]);
  });

  it('is rejected by the same validator when broken (the check is live)', () => {
    const broken = structuredClone(config);
    broken.services.query!.depends_on = { redis: { condition: 'when_ready' } };
    expect(lint(broken).map((m) => m.rule)).toContain('invalid-schema');
  });

  it.each(SECRETS)('refuses to start without %s, naming it (unset or empty)', (name) => {
    expect(() => interpolate(RAW, { ...ENV, [name]: undefined })).toThrow(name);
    expect(() => interpolate(RAW, { ...ENV, [name]: '' })).toThrow(name);
  });

  it('reads only variables that infra/.env.example lists (or that have a default)', () => {
    const unlisted = references(RAW).filter((r) => !(r.name in EXAMPLE) && r.operator !== ':-');
    expect(unlisted.map((r) => r.name)).toEqual([]);
  });

  it('runs Redis 7, TimescaleDB on PostgreSQL 16, two ingest replicas, fanout, query, dashboard', () => {
    expect(config.services.redis!.image).toBe('redis:7');
    expect(config.services.timescaledb!.image).toBe('timescale/timescaledb:latest-pg16');
    const dockerfiles = ours.map(([, s]) => s.build!.dockerfile);
    expect(dockerfiles.filter((d) => d === 'infra/docker/ingest.Dockerfile')).toHaveLength(2);
    for (const app of ['fanout', 'query', 'dashboard']) expect(dockerfiles).toContain(`infra/docker/${app}.Dockerfile`);
  });

  it('gives each ingest replica its own instance id (its name in the leader lease)', () => {
    const ids = ours.filter(([, s]) => s.build!.dockerfile.endsWith('ingest.Dockerfile')).map(([, s]) => s.environment!.INGEST_INSTANCE_ID);
    expect(new Set(ids).size).toBe(2);
  });

  it('starts the simulator only with --profile simulator', () => {
    expect(config.services.simulator!.profiles).toEqual(['simulator']);
    expect(ours.filter(([, s]) => s.profiles).map(([n]) => n)).toEqual(['simulator']);
  });

  it('builds every image of ours from the repository root with its Dockerfile', () => {
    for (const [, s] of ours) expect(s.build!.context).toBe('..');
  });

  it('has a health check and a restart policy on every long-running service', () => {
    for (const [name, s] of Object.entries(config.services)) {
      expect(s.restart, name).toMatch(/^(unless-stopped|always|on-failure)/);
      if (name !== 'simulator') expect(s.healthcheck?.test, name).toBeDefined();
    }
  });

  it('asks /readyz on the service port (the dashboard: /login), so depends_on waits for readiness', () => {
    const expected: Record<string, string> = { ingest: ':8081/readyz', 'ingest-standby': ':8081/readyz', query: ':8080/readyz', fanout: ':8090/readyz', dashboard: ':3000/login' };
    for (const [name, path] of Object.entries(expected)) expect(config.services[name]!.healthcheck!.test.join(' '), name).toContain(path);
  });

  it('waits for health before starting what depends on it', () => {
    const needs: Record<string, string[]> = {
      ingest: ['redis', 'timescaledb'],
      'ingest-standby': ['redis', 'timescaledb'],
      query: ['redis', 'timescaledb'],
      fanout: ['redis'],
      dashboard: ['fanout', 'query'],
    };
    for (const [name, deps] of Object.entries(needs)) {
      const dependsOn = config.services[name]!.depends_on!;
      expect(Object.keys(dependsOn).sort(), name).toEqual(deps);
      for (const d of Object.values(dependsOn)) expect(d.condition).toBe('service_healthy');
    }
  });

  it('gives the fanout more stop time than its drain plus its own shutdown slack', () => {
    const fanout = config.services.fanout!;
    const drainMs = Number(fanout.environment!.FANOUT_DRAIN_MS);
    expect(parseSeconds(fanout.stop_grace_period!)).toBeGreaterThan(drainMs / 1000 + fanoutShutdownSlackSeconds());
  });

  it('publishes ports on loopback unless BIND_ADDRESS says otherwise', () => {
    for (const [, s] of ours) for (const p of s.ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:/);
    expect(RAW).not.toMatch(/^\s*- ['"]?\d+:\d+/m);
  });
});

function parseSeconds(duration: string): number {
  const m = /^(\d+)(s|m)$/.exec(duration);
  if (!m) throw new Error(`unexpected duration ${duration}`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
}
