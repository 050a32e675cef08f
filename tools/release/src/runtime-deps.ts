// What an app needs at run time, asked of the Nx project graph: the workspace projects it is
// built from, and the third-party packages (at the versions package-lock.json pins) the image
// must install. The graph's edges come from every file of a project, tests included, so an edge
// only counts when the project also declares it under `dependencies` in its package.json:
// that keeps test harnesses (@tickstock/testing, vitest, ws) out of production images.
import type { ProjectGraph, ProjectGraphProjectNode } from '@nx/devkit';

export type Manifest = {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/** Reads a project's package.json by its root (e.g. `apps/ingest`). */
export type ReadManifest = (projectRoot: string) => Manifest;

/** The project and every workspace project it reaches through declared production dependencies, in BFS order. */
export function productionClosure(graph: ProjectGraph, project: string, readManifest: ReadManifest): ProjectGraphProjectNode[] {
  return closure(graph, project, (node) => readManifest(node.data.root).dependencies ?? {});
}

/**
 * The projects whose sources a build of `project` reads: production dependencies plus workspace
 * devDependencies a bundler inlines (the dashboard lists contracts there, as SvelteKit apps do),
 * never a test harness (tag `type:testing`). The image's build stage copies exactly these.
 */
export function sourceClosure(graph: ProjectGraph, project: string, readManifest: ReadManifest): ProjectGraphProjectNode[] {
  return closure(graph, project, (node) => {
    const m = readManifest(node.data.root);
    const declared = { ...m.devDependencies, ...m.dependencies };
    for (const name of Object.keys(declared)) {
      if (graph.nodes[name]?.data.tags?.includes('type:testing')) delete declared[name];
    }
    return declared;
  });
}

/** BFS over graph edges to workspace projects, following an edge only when its source declares the target. */
function closure(
  graph: ProjectGraph,
  project: string,
  declaredBy: (node: ProjectGraphProjectNode) => Record<string, string>,
): ProjectGraphProjectNode[] {
  const start = graph.nodes[project];
  if (!start) throw new Error(`no project named ${project} in the Nx graph`);
  const seen = new Map<string, ProjectGraphProjectNode>([[project, start]]);
  const queue = [start];
  for (let node = queue.shift(); node; node = queue.shift()) {
    const declared = declaredBy(node);
    for (const edge of graph.dependencies[node.name] ?? []) {
      const target = graph.nodes[edge.target];
      if (!target || seen.has(target.name) || !(target.name in declared)) continue;
      seen.set(target.name, target);
      queue.push(target);
    }
  }
  return [...seen.values()];
}

/**
 * Versions for the packages the app imports, each declared by some project of the closure.
 * The version is the graph's external node for that project's edge (a nested copy when the
 * lockfile has one), so an alias such as `npm:@trufflesuite/uws-js-unofficial@…` stays an alias.
 */
export function runtimePackages(
  graph: ProjectGraph,
  closure: readonly ProjectGraphProjectNode[],
  imported: readonly string[],
  readManifest: ReadManifest,
): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const name of [...imported].sort()) {
    const owner = closure.find((p) => name in (readManifest(p.data.root).dependencies ?? {}));
    if (!owner) {
      throw new Error(`${name} is imported but no project of ${closure.map((p) => p.name).join(', ')} declares it in dependencies`);
    }
    const edge = (graph.dependencies[owner.name] ?? []).find((d) => graph.externalNodes?.[d.target]?.data.packageName === name);
    const node = graph.externalNodes?.[edge?.target ?? `npm:${name}`];
    if (!node) throw new Error(`${name} (declared by ${owner.name}) is not in package-lock.json: run npm install`);
    resolved[name] = node.data.version;
  }
  return resolved;
}

/** Every third-party package the closure declares for production (for apps another tool bundles, e.g. vite). */
export function declaredPackages(graph: ProjectGraph, closure: readonly ProjectGraphProjectNode[], readManifest: ReadManifest): string[] {
  const names = new Set<string>();
  for (const p of closure) {
    for (const name of Object.keys(readManifest(p.data.root).dependencies ?? {})) {
      if (!graph.nodes[name]) names.add(name);
    }
  }
  return [...names].sort();
}
