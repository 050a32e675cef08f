// infra/k8s: every object valid for its kind (kubernetes-models), the kustomizations complete,
// and the rules the services need: probes, resources, a locked-down security context, secrets
// by reference only, two ingest replicas, a fanout that autoscales and drains within its grace.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredSettings, fanoutShutdownSlackSeconds } from './support/apps';
import { read, readEnvFile, readYaml, ROOT, yamlDocuments } from './support/files';
import { kubectlAvailable, podTemplate, preStopSeconds, renderKustomization, validateManifest, type Manifest } from './support/k8s';

type Kustomization = {
  resources?: string[];
  patches?: { path: string }[];
  configMapGenerator?: { name: string; envs?: string[] }[];
};

const DIRS = ['infra/k8s/base', 'infra/k8s/overlays/production'];
const KUBECTL = kubectlAvailable();
const SECRET_KEYS: Record<string, string> = { JWT_SECRET: 'jwt-secret', DATABASE_URL: 'database-url', ADMIN_PASSWORD: 'admin-password' };
/** Read by the dashboard, not by our config schemas: adapter-node's own, and the dashboard's (issue 6). */
const DASHBOARD_SETTINGS = ['PORT', 'HOST', 'ORIGIN', 'QUERY_URL', 'PUBLIC_FANOUT_URL'];

const filesOf = (dir: string, k: Kustomization) => (k.resources ?? []).filter((r) => r.endsWith('.yaml')).map((r) => join(dir, r));

describe.each(DIRS)('%s, file by file', (dir) => {
  const k = readYaml<Kustomization>(join(dir, 'kustomization.yaml'));

  it('references only files and folders that exist', () => {
    const refs = [...(k.resources ?? []), ...(k.patches ?? []).map((p) => p.path), ...(k.configMapGenerator ?? []).flatMap((g) => g.envs ?? [])];
    for (const ref of refs) {
      const path = join(ROOT, dir, ref);
      expect(existsSync(path), ref).toBe(true);
      if (!ref.includes('.')) expect(existsSync(join(path, 'kustomization.yaml')), ref).toBe(true);
    }
  });

  it('holds only objects valid for their kind', () => {
    for (const file of filesOf(dir, k)) for (const doc of yamlDocuments(read(file), file)) validateManifest(doc as Manifest);
  });

  it('sets only settings a service reads (names from the apps’ config schemas)', () => {
    const known = declaredSettings();
    for (const env of (k.configMapGenerator ?? []).flatMap((g) => g.envs ?? [])) {
      for (const name of Object.keys(readEnvFile(join(dir, env)))) expect(known.has(name) || DASHBOARD_SETTINGS.includes(name), name).toBe(true);
    }
  });
});

describe('the schema check', () => {
  it('rejects an invalid object (the check is live)', () => {
    const [deployment] = yamlDocuments(read('infra/k8s/base/ingest.yaml'), 'ingest.yaml') as [Manifest];
    const broken = structuredClone(deployment);
    (broken.spec as { replicas: unknown }).replicas = 'two';
    expect(() => validateManifest(broken)).toThrow(/replicas must be integer/);
  });
});

describe.skipIf(!KUBECTL).each(DIRS)('%s, as kustomize renders it', (dir) => {
  const objects = KUBECTL ? renderKustomization(dir) : [];
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const named = (kind: string, name: string) => ofKind(kind).find((o) => o.metadata.name === name)!;
  const deployments = ofKind('Deployment');
  const containers = deployments.flatMap((d) => podTemplate(d).spec.containers.map((c) => ({ d: d.metadata.name, c })));

  it('renders only objects valid for their kind', () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) validateManifest(o);
  });

  it('deploys ingest, fanout, query and dashboard, each with a Service', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['dashboard', 'fanout', 'ingest', 'query']);
    expect(ofKind('Service').map((s) => s.metadata.name).sort()).toEqual(['dashboard', 'fanout', 'ingest', 'query']);
  });

  it('probes readiness on /readyz and liveness on /healthz (the dashboard, which has neither: /login)', () => {
    for (const { d, c } of containers) {
      expect(c.readinessProbe?.httpGet?.path, d).toBe(d === 'dashboard' ? '/login' : '/readyz');
      expect(c.livenessProbe?.httpGet?.path, d).toBe(d === 'dashboard' ? '/login' : '/healthz');
    }
  });

  it('requests and limits CPU and memory for every container', () => {
    for (const { d, c } of containers) {
      for (const r of ['cpu', 'memory']) {
        expect(c.resources?.requests?.[r], `${d} request ${r}`).toBeDefined();
        expect(c.resources?.limits?.[r], `${d} limit ${r}`).toBeDefined();
      }
    }
  });

  it('runs every pod non-root, read-only, without capabilities or privilege escalation', () => {
    for (const d of deployments) {
      const spec = podTemplate(d).spec as { automountServiceAccountToken?: boolean; securityContext: Record<string, unknown> };
      expect(spec.securityContext, d.metadata.name).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(spec.automountServiceAccountToken).toBe(false);
    }
    for (const { d, c } of containers) {
      expect(c.securityContext, d).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    }
  });

  it('takes secrets only by reference to the Secret tickstock-secrets, never as values', () => {
    expect(ofKind('Secret')).toEqual([]);
    for (const { d, c } of containers) {
      for (const e of c.env ?? []) {
        if (e.name in SECRET_KEYS) expect(e.valueFrom?.secretKeyRef, `${d} ${e.name}`).toEqual({ name: 'tickstock-secrets', key: SECRET_KEYS[e.name] });
      }
    }
    const refs = (name: string) => containers.find((x) => x.d === name)!.c.env!.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name).sort();
    expect(refs('query')).toEqual(['ADMIN_PASSWORD', 'DATABASE_URL', 'JWT_SECRET']);
    expect(refs('fanout')).toEqual(['JWT_SECRET']);
    expect(refs('ingest')).toEqual(['DATABASE_URL']);
  });

  it('reads settings from the rendered ConfigMap (its hashed name), which holds no secret', () => {
    const maps = ofKind('ConfigMap');
    for (const { d, c } of containers) {
      for (const ref of c.envFrom ?? []) expect(maps.map((m) => m.metadata.name), d).toContain(ref.configMapRef?.name);
    }
    for (const m of maps) for (const key of Object.keys(m.data as object)) expect(key in SECRET_KEYS, key).toBe(false);
  });

  it('runs two ingest replicas (leader and standby) with a PodDisruptionBudget of minAvailable 1', () => {
    expect((named('Deployment', 'ingest').spec as { replicas: number }).replicas).toBe(2);
    expect(named('PodDisruptionBudget', 'ingest').spec).toMatchObject({ minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'ingest' } } });
  });

  it('scales the fanout with its own CPU-based HorizontalPodAutoscaler, which owns its replica count', () => {
    const hpa = named('HorizontalPodAutoscaler', 'fanout').spec as Record<string, unknown>;
    expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'fanout' });
    expect(hpa.metrics).toEqual([expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) })]);
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    expect(ofKind('HorizontalPodAutoscaler')).toHaveLength(1);
    expect(named('Deployment', 'fanout').spec).not.toHaveProperty('replicas');
    expect(named('PodDisruptionBudget', 'fanout').spec).toMatchObject({ maxUnavailable: 1 });
  });

  it('gives the fanout a grace period longer than preStop + FANOUT_DRAIN_MS + its shutdown slack', () => {
    const settings = ofKind('ConfigMap')[0]!.data as Record<string, string>;
    const pod = podTemplate(named('Deployment', 'fanout')).spec;
    const window = preStopSeconds(pod.containers[0]!) + Number(settings.FANOUT_DRAIN_MS) / 1000 + fanoutShutdownSlackSeconds();
    expect(preStopSeconds(pod.containers[0]!)).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(window);
  });

  it('selects each workload’s pods from every Service, PodDisruptionBudget and HPA', () => {
    const labelsOf = (name: string) => podTemplate(named('Deployment', name)).metadata!.labels!;
    for (const o of [...ofKind('Service'), ...ofKind('PodDisruptionBudget')]) {
      const spec = o.spec as { selector: Record<string, string> & { matchLabels?: Record<string, string> } };
      expect(labelsOf(o.metadata.name)).toMatchObject(spec.selector.matchLabels ?? spec.selector);
    }
  });
});

describe.skipIf(!KUBECTL)('infra/k8s/overlays/production, specifically', () => {
  const objects = KUBECTL ? renderKustomization('infra/k8s/overlays/production') : [];

  it('puts everything in the namespace tickstock, which enforces Pod Security "restricted"', () => {
    const ns = objects.find((o) => o.kind === 'Namespace')!;
    expect(ns.metadata).toMatchObject({ name: 'tickstock', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } });
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace, o.kind).toBe('tickstock');
  });

  it('runs images from the registry at a release tag, never latest', () => {
    for (const d of objects.filter((o) => o.kind === 'Deployment')) {
      for (const c of podTemplate(d).spec.containers) expect(c.image).toMatch(/^registry\.example\.com\/tickstock\/\w+:\d+\.\d+\.\d+$/);
    }
  });
});
