// On SIGTERM the pod's sockets are closed with 1001 in batches spread over the drain period, so
// their reconnects reach the other pods as a stream rather than a storm (issue 5, "Drain").
export type CloseInBatchesOptions<T> = {
  spreadMs: number;
  tickMs?: number;
  close(item: T): void;
};

/** Closes a snapshot of `items` in equal batches, one per tick over spreadMs; resolves after the last batch. */
export function closeInBatches<T>(items: Iterable<T>, opts: CloseInBatchesOptions<T>): Promise<void> {
  const queue = [...items];
  const tickMs = opts.tickMs ?? 100;
  const ticks = Math.max(1, Math.ceil(opts.spreadMs / tickMs));
  const perTick = Math.max(1, Math.ceil(queue.length / ticks));
  let next = 0;
  return new Promise((resolve) => {
    const closeBatch = () => {
      const end = Math.min(queue.length, next + perTick);
      for (; next < end; next++) opts.close(queue[next]!);
      if (next >= queue.length) resolve();
      else setTimeout(closeBatch, tickMs);
    };
    closeBatch();
  });
}
