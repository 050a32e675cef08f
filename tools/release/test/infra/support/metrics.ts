// Which metric names the services register, and which ones a PromQL expression reads. The
// registered names come from the apps' sources (every `counter(…, 'name'` / `gauge(` /
// `histogram(` call of @tickstock/observability) plus prom-client's default process metrics,
// which every service's registry collects.
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parser } from '@prometheus-io/lezer-promql';
import { filesUnder, read } from './files';

const REGISTRATION = /\b(counter|gauge|histogram)\(\s*[\w.]+\s*,\s*'([a-z_:][a-z0-9_:]*)'/g;

export type Registered = { name: string; type: 'counter' | 'gauge' | 'histogram'; file: string };

export function registeredByApps(): Registered[] {
  const found: Registered[] = [];
  for (const file of filesUnder('apps').filter((f) => /\/src\/.*\.ts$/.test(f) && !f.endsWith('.test.ts') && !f.includes('node_modules'))) {
    for (const m of read(file).matchAll(REGISTRATION)) found.push({ name: m[2]!, type: m[1] as Registered['type'], file });
  }
  return found;
}

export async function defaultMetricNames(): Promise<string[]> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return (await registry.getMetricsAsJSON()).map((m) => m.name);
}

/** Names a query may use: counters and gauges as they are, histograms with their series suffixes. */
export async function queryableNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const m of registeredByApps()) {
    if (m.type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
    else names.add(m.name);
  }
  for (const name of await defaultMetricNames()) {
    names.add(name);
    for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
  }
  return names;
}

/** Metric names a PromQL expression selects; throws on a syntax error. Grafana's variables become a duration. */
export function metricsInPromql(expr: string): string[] {
  const text = expr.replace(/\$__\w+|\$\{\w+\}|\$\w+/g, '5m');
  const tree = parser.parse(text);
  const names: string[] = [];
  let error: number | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError) error ??= node.from;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.push(text.slice(node.from, node.to));
    },
  });
  if (error !== undefined) throw new Error(`PromQL syntax error at ${error}: ${expr}`);
  return names;
}
