// Facts the manifests must agree with, read from the apps' own sources so a change there breaks
// these tests instead of a deployment.
import { read } from './files';

/** The fanout's shutdown slack after its drain (apps/fanout/src/main.ts, SHUTDOWN_SLACK_MS). */
export function fanoutShutdownSlackSeconds(): number {
  const m = /SHUTDOWN_SLACK_MS = ([\d_]+)/.exec(read('apps/fanout/src/main.ts'));
  if (!m) throw new Error('SHUTDOWN_SLACK_MS not found in apps/fanout/src/main.ts');
  return Number(m[1]!.replaceAll('_', '')) / 1000;
}

/** Every setting name an app or the shared config declares (apps/<app>/src/config.ts, packages/config). */
export function declaredSettings(): Set<string> {
  const sources = ['packages/config/src/settings.ts', ...['ingest', 'fanout', 'query'].map((a) => `apps/${a}/src/config.ts`)];
  const names = new Set<string>();
  for (const file of sources) for (const m of read(file).matchAll(/\b([A-Z][A-Z0-9_]{2,}): /g)) names.add(m[1]!);
  return names;
}
