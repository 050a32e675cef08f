// On SIGTERM the pod's sockets are closed with 1001 in batches spread over the drain period, so
// their reconnects reach the other pods as a stream rather than a storm (issue 5, "Drain").
export type CloseInBatchesOptions<T> = {
  spreadMs: number;
  /** Batches are at least this far apart (default 100 ms). */
  minIntervalMs?: number;
  close(item: T): void;
};

/**
 * Closes a snapshot of `items` in equal batches spread evenly over spreadMs (the first at once);
 * resolves after the last batch. Few items get one batch each, evenly spaced over the period.
 */
export function closeInBatches<T>(items: Iterable<T>, opts: CloseInBatchesOptions<T>): Promise<void> {
  const queue = [...items];
  const batches = Math.max(1, Math.min(queue.length, Math.floor(opts.spreadMs / (opts.minIntervalMs ?? 100))));
  const intervalMs = opts.spreadMs / batches;
  const perBatch = Math.ceil(queue.length / batches);
  let next = 0;
  return new Promise((resolve) => {
    const closeBatch = () => {
      const end = Math.min(queue.length, next + perBatch);
      for (; next < end; next++) opts.close(queue[next]!);
      if (next >= queue.length) resolve();
      else setTimeout(closeBatch, intervalMs);
    };
    closeBatch();
  });
}
