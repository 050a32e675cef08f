// Graceful shutdown on SIGTERM/SIGINT, the same for every service (HOUSE-STYLE.md: a fixed order
// under a deadline): run the service's steps once, exit 0; past the grace period an unref'd timer
// exits 1, so a stuck step never keeps a pod from terminating.
import type { Logger } from 'pino';

export function onShutdown(log: Logger, graceMs: number, steps: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown grace period passed; exiting');
      process.exit(1);
    }, graceMs).unref();
    steps().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
