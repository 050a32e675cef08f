// Notices a half-open connection (a laptop that slept, a proxy that dropped the TCP session
// silently): after `quietMs` without a frame it pings; if nothing at all arrives within
// `timeoutMs` after that, the line is declared dead. Any frame (the pong included) re-arms it.
//
// Re-arming only notes the time: at 1,000 events/s frames arrive ~100 times a second, and a
// timer cleared and set again for each of them was work on the page's main thread. The one quiet
// timer, when it fires, looks at how long the line has really been quiet and sleeps the rest.

export type Heartbeat = { arm(): void; stop(): void };

export function createHeartbeat(opts: { quietMs: number; timeoutMs: number; ping: () => void; dead: () => void; now?: () => number }): Heartbeat {
  const now = opts.now ?? Date.now;
  let lastFrame = 0;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const idle = now() - lastFrame;
    if (idle < opts.quietMs) {
      quiet = setTimeout(check, opts.quietMs - idle);
      return;
    }
    quiet = undefined;
    opts.ping();
    deadline = setTimeout(opts.dead, opts.timeoutMs);
  };
  const stop = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
  };
  return {
    arm() {
      lastFrame = now();
      if (deadline !== undefined) {
        clearTimeout(deadline);
        deadline = undefined;
      }
      quiet ??= setTimeout(check, opts.quietMs);
    },
    stop,
  };
}
