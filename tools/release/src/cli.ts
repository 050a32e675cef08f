// `tsx tools/release/src/cli.ts build [project]` bundles an app and writes its pruned manifest to
// dist/<projectRoot>/ (an app's `build` script runs it from the app's folder, so the project
// defaults to the package.json there). `… manifest <project>` writes only the manifest, for an
// app another tool builds (the dashboard: vite). `--out DIR` writes elsewhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { workspaceRoot } from '@nx/devkit';
import { release } from './release';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
const [command, named] = positionals;
if (command !== 'build' && command !== 'manifest') {
  process.stderr.write('usage: cli.ts build [project] | manifest <project> [--out DIR]\n');
  process.exit(2);
}
const project = named ?? (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { name: string }).name;

release({ workspaceRoot, project, bundle: command === 'build', outDir: values.out })
  .then((r) => {
    const deps = Object.entries(r.dependencies).map(([n, v]) => `${n}@${v}`);
    process.stdout.write(`${project} → ${r.outDir}\n  built from: ${r.sources.join(', ')}\n  installs: ${deps.join(', ') || '(nothing)'}\n`);
  })
  .catch((err: unknown) => {
    process.stderr.write(`release of ${project} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
