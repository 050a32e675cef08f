// One ESM file per app. Workspace libraries are TypeScript sources that exist nowhere but this
// repo, so they are bundled in; third-party packages stay external and are installed by npm in
// the image from the pruned manifest. That keeps native binaries (uWebSockets.js, pg's optional
// pg-native) and anything a package loads at run time (pino transports, swagger-ui's assets)
// exactly as their authors ship them, with no bundler special cases.
import { isBuiltin } from 'node:module';
import { build, type Plugin } from 'esbuild';

export type BundleOptions = {
  /** Output name (without .mjs) → source file: `main` and any worker-thread entries. */
  entries: Record<string, string>;
  outdir: string;
  /** Imports under this scope are workspace projects: bundled, never installed. */
  workspaceScope: string;
  /** Paths in the bundle's comments are relative to it: the same bundle from any cwd. */
  workspaceRoot: string;
};

export type BundleResult = {
  /** Third-party packages the bundle imports (package names, sorted), which the image must install. */
  externals: string[];
};

export async function bundleApp(opts: BundleOptions): Promise<BundleResult> {
  const externals = new Set<string>();
  await build({
    entryPoints: opts.entries,
    outdir: opts.outdir,
    outExtension: { '.js': '.mjs' },
    absWorkingDir: opts.workspaceRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Not minified: stack traces in production logs stay readable; the source map maps them back.
    sourcemap: true,
    logLevel: 'warning',
    plugins: [externalizeThirdParty(opts.workspaceScope, externals)],
  });
  return { externals: [...externals].sort() };
}

function externalizeThirdParty(scope: string, seen: Set<string>): Plugin {
  return {
    name: 'externalize-third-party',
    setup(b) {
      // Bare specifiers only: relative and absolute paths are the app's own files.
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if (args.path.startsWith(scope)) return undefined;
        seen.add(packageName(args.path));
        return { path: args.path, external: true };
      });
    },
  };
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
