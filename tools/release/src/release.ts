// A release of one app: its bundle (or another tool's build, for the dashboard) plus a
// package.json and package-lock.json holding exactly the third-party packages it imports, at
// the lockfile's versions, so the image runs `npm ci --omit=dev` and nothing else.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createProjectGraphAsync, type ProjectGraph } from '@nx/devkit';
// Nx's own pruning, as its generatePackageJson option uses it (internal API; nx is pinned).
import { generatePrunedDeployOutput, type PackageJson } from '@nx/devkit/internal';
import { bundleApp } from './bundle';
import { declaredPackages, productionClosure, runtimePackages, sourceClosure, type Manifest } from './runtime-deps';

export type ReleaseOptions = {
  workspaceRoot: string;
  project: string;
  /**
   * true: esbuild bundles `src/main.ts` to main.mjs, and each worker-thread entry (a
   * `NAME.worker.ts` anywhere under src) to NAME.worker.mjs beside it; false: another tool built the app (vite).
   */
  bundle: boolean;
  /** Default: `<workspaceRoot>/dist/<projectRoot>`. */
  outDir?: string;
  graph?: ProjectGraph;
};

export type Release = {
  outDir: string;
  /** Roots of the workspace projects the app is built from (the app first). */
  sources: string[];
  dependencies: Record<string, string>;
};

export async function release(opts: ReleaseOptions): Promise<Release> {
  const graph = opts.graph ?? (await createProjectGraphAsync({ exitOnError: false }));
  const readManifest = (root: string) => readJson<Manifest>(join(opts.workspaceRoot, root, 'package.json'));
  const closure = productionClosure(graph, opts.project, readManifest);
  const root = closure[0]!.data.root;
  const outDir = opts.outDir ?? join(opts.workspaceRoot, 'dist', root);
  mkdirSync(outDir, { recursive: true });

  const imported = opts.bundle
    ? (
        await bundleApp({
          entries: { main: join(opts.workspaceRoot, root, 'src/main.ts'), ...workerEntries(join(opts.workspaceRoot, root, 'src')) },
          outdir: outDir,
          workspaceScope: '@tickstock/',
          workspaceRoot: opts.workspaceRoot,
        })
      ).externals
    : declaredPackages(graph, closure, readManifest);
  const dependencies = runtimePackages(graph, closure, imported, readManifest);

  const rootManifest = readJson<{ engines?: Record<string, string>; overrides?: Record<string, string> }>(
    join(opts.workspaceRoot, 'package.json'),
  );
  const manifest: PackageJson & { engines: Record<string, string> } = {
    name: opts.project,
    version: readManifest(root).version ?? '0.0.0',
    private: true,
    type: 'module',
    engines: { node: rootManifest.engines?.node ?? '>=20' },
    dependencies,
  };
  let lock = '';
  generatePrunedDeployOutput(manifest, graph, root, { packageManager: 'npm', emit: (_path, content) => (lock = String(content)) });
  // The root's overrides (light-my-request for fastify on Node 20) apply where the package is installed.
  const overrides = Object.entries(rootManifest.overrides ?? {}).filter(([name]) => lock.includes(`"node_modules/${name}"`) && !(name in dependencies));
  if (overrides.length > 0) manifest.overrides = Object.fromEntries(overrides);

  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(outDir, 'package-lock.json'), lock);
  return { outDir, sources: sourceClosure(graph, opts.project, readManifest).map((p) => p.data.root), dependencies };
}

/** Every `NAME.worker.ts` under srcDir → { 'NAME.worker': path }: worker threads, loaded by URL at run time. */
function workerEntries(srcDir: string): Record<string, string> {
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.worker.ts'));
  return Object.fromEntries(files.map((f) => [basename(f, '.ts'), join(srcDir, f)]));
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
