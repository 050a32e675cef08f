// infra/grafana and infra/prometheus: every query parses as PromQL (the Prometheus team's own
// grammar, @prometheus-io/lezer-promql) and reads only metrics a service registers, so a renamed
// metric breaks this test instead of a panel or an alert at 3 a.m.
import { describe, expect, it } from 'vitest';
import { read, readYaml } from './support/files';
import { metricsInPromql, queryableNames, registeredByApps } from './support/metrics';

type Panel = { type: string; title: string; targets?: { expr: string }[]; panels?: Panel[] };
type Rule = { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
type RuleFile = { groups: { name: string; rules: Rule[] }[] };

const dashboard = JSON.parse(read('infra/grafana/dashboard.json')) as { uid: string; title: string; panels: Panel[] };
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
const exprs = panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
const rules = readYaml<RuleFile>('infra/prometheus/alerts.yaml').groups.flatMap((g) => g.rules);

describe('the metric names the checks compare against', () => {
  it('are found in the apps (each app registers its own)', () => {
    const names = registeredByApps().map((m) => m.name);
    for (const n of ['ingest_messages_received_total', 'fanout_connections', 'http_request_duration_seconds']) expect(names).toContain(n);
  });

  it('catch a misspelt metric (the check is live)', async () => {
    const known = await queryableNames();
    expect(metricsInPromql('rate(ingest_mesages_received_total[5m])').filter((n) => !known.has(n))).toEqual(['ingest_mesages_received_total']);
    expect(() => metricsInPromql('sum(rate(x[5m]) by')).toThrow(/syntax/);
  });
});

describe('infra/grafana/dashboard.json', () => {
  it('is a dashboard with a stable uid and a Prometheus datasource variable', () => {
    expect(dashboard.uid).toBe('tickstock-streaming');
    expect(read('infra/grafana/dashboard.json')).toContain('"type": "datasource"');
  });

  it('queries only metrics a service registers, in valid PromQL', async () => {
    const known = await queryableNames();
    const unknown = exprs.flatMap(({ panel, expr }) => metricsInPromql(expr).filter((n) => !known.has(n)).map((n) => `${panel}: ${n}`));
    expect(unknown).toEqual([]);
  });

  it('shows events in, rejected, conflated, dropped, frames out, connections, lags and persistence', () => {
    const used = new Set(exprs.flatMap(({ expr }) => metricsInPromql(expr)));
    const required = [
      'ingest_messages_received_total',
      'ingest_messages_rejected_total',
      'ingest_events_deduplicated_total',
      'ingest_events_dropped_total',
      'ingest_frames_out_total',
      'fanout_frames_out_total',
      'fanout_connections',
      'ingest_producer_to_frame_lag_seconds_bucket',
      'fanout_append_to_send_lag_seconds_bucket',
      'ingest_persistence_backlog_entries',
      'ingest_persistence_lag_seconds_bucket',
      'fanout_slow_consumer_closes_total',
    ];
    expect(required.filter((m) => !used.has(m))).toEqual([]);
  });
});

describe('infra/prometheus/alerts.yaml', () => {
  it('is a rule file of named groups whose alerts have a severity and a summary', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r.alert, r.expr).toMatch(/^[A-Z]\w+$/);
      expect(['warning', 'critical']).toContain(r.labels?.severity);
      expect(r.annotations?.summary).toBeTruthy();
    }
  });

  it('uses only metrics a service registers, in valid PromQL', async () => {
    const known = await queryableNames();
    const unknown = rules.flatMap((r) => metricsInPromql(r.expr).filter((n) => !known.has(n)).map((n) => `${r.alert}: ${n}`));
    expect(unknown).toEqual([]);
  });

  it.each([
    ['IngestSubscriptionDown', 'ingest_subscription_up == 0', '1m'],
    ['IngestNoLeader', 'sum(ingest_is_leader) != 1', '1m'],
    ['IngestPersistenceBacklogGrowing', 'ingest_persistence_backlog_entries', '10m'],
    ['IngestPersistenceBacklogHigh', 'ingest_persistence_backlog_entries', '2m'],
    ['FanoutSlowConsumerCloses', 'rate(fanout_slow_consumer_closes_total[5m])', '5m'],
  ])('alerts %s on %s for %s', (name, fragment, duration) => {
    const rule = rules.find((r) => r.alert === name);
    expect(rule?.expr).toContain(fragment);
    expect(rule?.for).toBe(duration);
  });
});
