// Kubernetes manifests: the kustomize render (when kubectl is on PATH: it embeds kustomize) and
// schema checks with kubernetes-models (types, enums, required fields of each kind, generated
// from the Kubernetes OpenAPI spec and compiled with ajv).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { ROOT, yamlDocuments } from './files';

export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [key: string]: unknown };

type ModelClass = new (data: object) => { validate(): void };
const MODELS: Record<string, ModelClass> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
};

/** Throws with the validator's message when a manifest is not a valid object of its kind. */
export function validateManifest(m: Manifest): void {
  const Model = MODELS[`${m.apiVersion}/${m.kind}`];
  if (!Model) throw new Error(`${m.apiVersion} ${m.kind} ${m.metadata?.name}: no schema for this kind (add it to MODELS)`);
  try {
    new Model(m).validate();
  } catch (err) {
    throw new Error(`${m.kind} ${m.metadata.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `kubectl kustomize DIR`: the objects exactly as they would be applied. */
export function renderKustomization(dir: string): Manifest[] {
  const text = execFileSync('kubectl', ['kustomize', join(ROOT, dir)], { encoding: 'utf8' });
  return yamlDocuments(text, dir) as Manifest[];
}

export type PodTemplate = { spec: PodSpec; metadata?: { labels?: Record<string, string> } };
export type PodSpec = {
  terminationGracePeriodSeconds?: number;
  securityContext?: Record<string, unknown>;
  containers: Container[];
};
export type Probe = { httpGet?: { path: string; port: string | number } };
export type Container = {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: unknown } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
};

export function podTemplate(deployment: Manifest): PodTemplate {
  return (deployment.spec as { template: PodTemplate }).template;
}

/** Seconds a container's preStop hook waits (exec `sleep N` or the `sleep` action), 0 without one. */
export function preStopSeconds(c: Container): number {
  const hook = c.lifecycle?.preStop;
  if (hook?.sleep) return hook.sleep.seconds;
  const cmd = hook?.exec?.command ?? [];
  return cmd[0] === 'sleep' ? Number(cmd[1]) : 0;
}
