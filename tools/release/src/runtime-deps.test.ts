import type { ProjectGraph, ProjectGraphProjectNode } from '@nx/devkit';
import { describe, expect, it } from 'vitest';
import { declaredPackages, productionClosure, runtimePackages, sourceClosure, type Manifest } from './runtime-deps';

// A small workspace: app → lib (dependency) → npm:x; app → harness (devDependency, a test
// harness) → npm:testcontainers; app's tests import npm:vitest; ui bundles lib from devDependencies.
const project = (name: string, root: string, tags: string[] = []): ProjectGraphProjectNode => ({ name, type: 'lib', data: { root, tags } });
const npm = (packageName: string, version: string, key = `npm:${packageName}`) => ({
  [key]: { type: 'npm' as const, name: key as `npm:${string}`, data: { packageName, version } },
});
const edge = (source: string, target: string) => ({ source, target, type: 'static' });

const graph: ProjectGraph = {
  nodes: {
    app: project('app', 'apps/app'),
    lib: project('lib', 'packages/lib'),
    harness: project('harness', 'packages/harness', ['type:testing']),
    ui: project('ui', 'apps/ui'),
  },
  externalNodes: {
    ...npm('x', '1.2.3'),
    ...npm('x', '0.9.0', 'npm:x@0.9.0'),
    ...npm('uws', 'npm:@vendor/uws-build@2.0.0'),
    ...npm('testcontainers', '12.0.1'),
    ...npm('vitest', '4.1.12'),
  },
  dependencies: {
    app: [edge('app', 'lib'), edge('app', 'harness'), edge('app', 'npm:vitest'), edge('app', 'npm:uws')],
    lib: [edge('lib', 'npm:x')],
    harness: [edge('harness', 'npm:testcontainers'), edge('harness', 'lib')],
    ui: [edge('ui', 'lib'), edge('ui', 'npm:x@0.9.0')],
  },
};
const manifests: Record<string, Manifest> = {
  'apps/app': { dependencies: { lib: '*', uws: 'npm:@vendor/uws-build@2.0.0' }, devDependencies: { harness: '*', vitest: '^4' } },
  'packages/lib': { dependencies: { x: '^1' } },
  'packages/harness': { dependencies: { testcontainers: '12.0.1', lib: '*' } },
  'apps/ui': { dependencies: { x: '^0.9' }, devDependencies: { lib: '*' } },
};
const readManifest = (root: string) => manifests[root]!;
const roots = (nodes: ProjectGraphProjectNode[]) => nodes.map((n) => n.name);

describe(productionClosure.name, () => {
  it('follows declared dependencies only: a test harness in devDependencies stays out', () => {
    expect(roots(productionClosure(graph, 'app', readManifest))).toEqual(['app', 'lib']);
  });

  it('names a project the graph does not have', () => {
    expect(() => productionClosure(graph, 'nope', readManifest)).toThrow(/no project named nope/);
  });
});

describe(sourceClosure.name, () => {
  it('adds workspace devDependencies a bundler inlines, never a type:testing project', () => {
    expect(roots(sourceClosure(graph, 'ui', readManifest))).toEqual(['ui', 'lib']);
    expect(roots(sourceClosure(graph, 'app', readManifest))).toEqual(['app', 'lib']);
  });
});

describe(runtimePackages.name, () => {
  const closure = productionClosure(graph, 'app', readManifest);

  it('pins each imported package at the lockfile version its declaring project resolves', () => {
    expect(runtimePackages(graph, closure, ['x', 'uws'], readManifest)).toEqual({ uws: 'npm:@vendor/uws-build@2.0.0', x: '1.2.3' });
  });

  it('takes a nested copy’s version when the declaring project’s edge points to it', () => {
    const ui = productionClosure(graph, 'ui', readManifest);
    expect(runtimePackages(graph, ui, ['x'], readManifest)).toEqual({ x: '0.9.0' });
  });

  it('refuses an import no project of the closure declares (the image would not have it)', () => {
    expect(() => runtimePackages(graph, closure, ['vitest'], readManifest)).toThrow(/vitest is imported but no project/);
  });
});

describe(declaredPackages.name, () => {
  it('lists third-party production dependencies of the closure, not workspace projects', () => {
    expect(declaredPackages(graph, productionClosure(graph, 'app', readManifest), readManifest)).toEqual(['uws', 'x']);
  });
});
