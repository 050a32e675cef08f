// Keeps one service process of the local stack running, as an orchestrator restarts a pod: a
// service that exits after it had come up (a crash, or someone stopping it with `kill <pid>` to
// watch the others ride it out) is started again with the same settings. One that exits before it
// ever answered its readiness probe, or keeps exiting, is not retried: the stack gives up and
// stops (a bad setting or a port in use would otherwise loop forever).
import { stopChild, type Child } from './children';

export type Supervised = {
  readonly name: string;
  /** The process running now. */
  current(): Child;
  /** Whether the process running now has answered its readiness probe. */
  isReady(): boolean;
  /** Stops it for good (no restart). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
};

export type SuperviseOptions = {
  /** Starts the service (again). */
  start: () => Child;
  /** Whether the service answers (its /readyz); polled after each start until it does. */
  ready: () => Promise<boolean>;
  /** Told of each restart, with the exit code that caused it. */
  onRestart?: (code: number | null, child: Child) => void;
  /** Told once when the service exited and will not be restarted. */
  onGiveUp: (code: number | null, why: string) => void;
  /**
   * True once the whole stack is stopping: an exit then is no crash. (A Ctrl-C in the terminal
   * reaches the services too, so they may exit before the stack's own stop reaches them.)
   */
  stopping?: () => boolean;
  /** At most this many restarts within windowMs (default 3 in 60 s). */
  maxRestarts?: number;
  windowMs?: number;
  /** Between readiness probes (default 500 ms). */
  probeEveryMs?: number;
  now?: () => number;
};

export function supervise(name: string, opts: SuperviseOptions): Supervised {
  const now = opts.now ?? Date.now;
  const maxRestarts = opts.maxRestarts ?? 3;
  const windowMs = opts.windowMs ?? 60_000;
  const restarts: number[] = [];
  let stopped = false;
  let child!: Child;
  let up = false;

  const run = () => {
    const mine = opts.start();
    child = mine;
    up = false;
    let exited = false;
    const probe = async () => {
      if (exited || stopped) return;
      const ok = await opts.ready().catch(() => false);
      if (exited || child !== mine) return;
      up = ok;
      if (!up && !stopped) setTimeout(() => void probe(), opts.probeEveryMs ?? 500);
    };
    void probe();
    void mine.exited.then((code) => {
      exited = true;
      if (stopped || child !== mine || opts.stopping?.()) return;
      const t = now();
      while (restarts.length > 0 && t - restarts[0]! > windowMs) restarts.shift();
      if (!up) return opts.onGiveUp(code, 'it exited before it was ready');
      if (restarts.length >= maxRestarts) return opts.onGiveUp(code, `it exited ${restarts.length + 1} times within ${windowMs / 1000} s`);
      restarts.push(t);
      run();
      opts.onRestart?.(code, child);
    });
  };
  run();

  return {
    name,
    current: () => child,
    isReady: () => up,
    async stop(signal, graceMs) {
      stopped = true;
      await stopChild(child, signal, graceMs);
    },
  };
}
