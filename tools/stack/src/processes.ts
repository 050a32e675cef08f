// The stack as processes on a real Redis (REDIS_URL, or redis-server from PATH): each service is
// started from its own folder with `node --import tsx src/main.ts`, as a deployment runs one
// container each, and kept running by a supervisor (supervisor.ts): `kill <pid>` of one service
// restarts it while the others ride it out. The simulator is a child too.
import { join } from 'node:path';
import { startChild, stopChild, type Child } from './children';
import { serviceSettings, type StackContext } from './context';
import { ensureDashboardBuild, startDashboardProcess } from './dashboard';
import { label } from './output';
import { supervise } from './supervisor';
import { httpOk, waitUntil } from './wait';

export async function startProcessStack(ctx: StackContext, redisUrl: string): Promise<void> {
  const { root, options } = ctx;
  const { ports } = options;
  const settings = serviceSettings(ctx);
  const env = { ...ctx.env, REDIS_URL: redisUrl };

  /** Starts a supervised service and waits until it answers `ready`. */
  const service = async (name: string, start: () => Child, ready: () => Promise<boolean>) => {
    const s = supervise(name, {
      start: () => {
        const child = start();
        process.stdout.write(`${label(name)} | pid ${child.process.pid}\n`);
        return child;
      },
      ready,
      onRestart: (code) => process.stdout.write(`${label(name)} | exited (${code}); restarted\n`),
      onGiveUp: (code, why) => ctx.fail(`${name} exited (${code}) and is not restarted: ${why}`),
      stopping: () => ctx.isStopping(),
    });
    ctx.onStop(() => s.stop());
    await waitUntil(name, ready);
  };
  const node = (name: string, extra: Record<string, string>, port: number) =>
    service(
      name,
      () => startChild(name, process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: join(root, 'apps', name), env: { ...env, ...extra } }),
      () => httpOk(`http://127.0.0.1:${port}/readyz`),
    );

  await node('ingest', settings.ingest, ports.ingest);
  await node('query', settings.query, ports.query);
  await node('fanout', settings.fanout, ports.fanout);
  await ensureDashboardBuild(root, options.rebuild);
  await service(
    'dashboard',
    () => startDashboardProcess(root, env, settings.dashboard),
    () => httpOk(`http://127.0.0.1:${ports.dashboard}/login`),
  );

  if (options.simulator) {
    const sim = startChild(
      'simulator',
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'run', 'load', '--rate', String(options.simulatorRate), '--symbols', '40', '--duration', '86400', '--format', 'mixed', '--redis-url', redisUrl],
      { cwd: join(root, 'tools/simulator'), env: { ...ctx.env }, quiet: true },
    );
    ctx.onStop(() => stopChild(sim, 'SIGINT', 5_000));
  }
}
