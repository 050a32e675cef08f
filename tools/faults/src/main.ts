// `npm run test:faults [-- scenario ...]`: the fault-injection suite (issue 7). One Redis (AOF,
// as infra/compose.yaml runs it) and one PostgreSQL of the suite's own, real servers it stops and
// starts; each scenario runs its own services as processes on loopback, with its own key prefix
// and database, injects its fault, and prints what it lost. Exit 1 when any scenario failed.
import { startPostgres, startRedis, type TestPostgres, type TestRedis } from '@tickstock/testing';
import { killAll } from './harness/processes';
import type { Servers } from './harness/system';
import { ScenarioReport } from './report';
import { fanoutSigterm } from './scenarios/fanout-sigterm';
import { fuzzer } from './scenarios/fuzzer';
import { leaderKill } from './scenarios/leader-kill';
import { postgresOutage } from './scenarios/postgres-outage';
import { redisOutage } from './scenarios/redis-outage';
import { loadSettings, type ScenarioName } from './settings';
import type { ScenarioContext } from './scenarios/common';

const SCENARIOS: Record<ScenarioName, (servers: Servers, ctx: ScenarioContext) => Promise<void>> = {
  'leader-kill': leaderKill,
  'redis-outage': redisOutage,
  'postgres-outage': postgresOutage,
  'fanout-sigterm': fanoutSigterm,
  fuzzer,
};

async function main(): Promise<number> {
  const settings = loadSettings(process.env, process.argv.slice(2));
  const started = Date.now();
  process.stdout.write(`faults: ${settings.scenarios.join(', ')} (seed ${settings.seed}; FAULTS_SEED=${settings.seed} repeats the traffic)\n`);
  let redis: TestRedis | undefined;
  let postgres: TestPostgres | undefined;
  const reports: ScenarioReport[] = [];
  const stop = async () => {
    await killAll();
    await postgres?.stop();
    await redis?.stop();
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().finally(() => process.exit(143)));
  try {
    // AOF (appendfsync everysec), as compose runs Redis: a stopped and restarted Redis keeps the
    // streams, so the Redis scenario can hold the clients to "resume without a gap" and the
    // events backlog to "stored". Without persistence the contract's answer is resync_required.
    redis = await startRedis({ appendOnly: true });
    postgres = await startPostgres({ dedicated: true });
    const servers: Servers = { redis, postgres, logLevel: settings.logLevel };
    for (const name of settings.scenarios) {
      const report = new ScenarioReport(name, settings.strict);
      process.stdout.write(`\n── ${name} ──\n`);
      const t0 = Date.now();
      try {
        await SCENARIOS[name](servers, { settings, report });
      } catch (err) {
        report.error = err instanceof Error ? err : new Error(String(err));
      } finally {
        await killAll();
      }
      report.seconds = (Date.now() - t0) / 1000;
      reports.push(report);
      process.stdout.write(`${report.format()}\n`);
    }
  } finally {
    await stop();
  }
  const failed = reports.filter((r) => !r.passed);
  process.stdout.write(`\n${reports.map((r) => r.format().split('\n')[0]).join('\n')}\n`);
  process.stdout.write(`faults: wall time ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  // The plain closing line CI reads ('N passed, N failed' alone on a line).
  process.stdout.write(`faults: ${reports.length - failed.length} passed, ${failed.length} failed\n`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`faults: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
