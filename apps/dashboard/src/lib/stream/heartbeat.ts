// Notices a half-open connection (a laptop that slept, a proxy that dropped the TCP session
// silently): after `quietMs` without a frame it pings; if nothing at all arrives within
// `timeoutMs` after that, the line is declared dead. Any frame (the pong included) re-arms it.

export type Heartbeat = { arm(): void; stop(): void };

export function createHeartbeat(opts: { quietMs: number; timeoutMs: number; ping: () => void; dead: () => void }): Heartbeat {
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
  };
  return {
    arm() {
      stop();
      quiet = setTimeout(() => {
        opts.ping();
        deadline = setTimeout(opts.dead, opts.timeoutMs);
      }, opts.quietMs);
    },
    stop,
  };
}
