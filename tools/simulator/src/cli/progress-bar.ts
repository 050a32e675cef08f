// A one-line progress bar on stderr, redrawn in place — only on a terminal: piped into a file or
// CI log, a `\r`-redrawn line is noise, so nothing is drawn there. Redraws at most 10 times a
// second however many batches go out.
import type { Progress } from '../simulator';

const WIDTH = 30;
const REDRAW_MS = 100;

/** `[=========>          ]  45%  27000/60000 events  998/s  27.0/60 s` (pure, for tests). */
export function renderProgress(p: Progress): string {
  const elapsedS = p.elapsedMs / 1000;
  const rate = elapsedS > 0 ? Math.round(p.events / elapsedS) : 0;
  const byEvents = p.expectedEvents !== undefined && p.expectedEvents > 0 ? p.events / p.expectedEvents : undefined;
  const byTime = p.durationMs !== undefined && p.durationMs > 0 ? p.elapsedMs / p.durationMs : undefined;
  const share = Math.min(1, Math.max(0, byEvents ?? byTime ?? 0));
  const filled = Math.round(share * WIDTH);
  const bar = filled >= WIDTH ? '='.repeat(WIDTH) : `${'='.repeat(filled)}>${' '.repeat(WIDTH - filled - 1)}`;
  const count = p.expectedEvents !== undefined ? `${p.events}/${p.expectedEvents}` : `${p.events}`;
  const time = p.durationMs !== undefined ? `${elapsedS.toFixed(1)}/${Math.round(p.durationMs / 1000)} s` : `${elapsedS.toFixed(1)} s`;
  return `[${bar}] ${String(Math.floor(share * 100)).padStart(3)}%  ${count} events  ${rate}/s  ${time}`;
}

export type ProgressBar = { update: (p: Progress) => void; done: () => void };

export function createProgressBar(stream: NodeJS.WriteStream, now: () => number = () => performance.now()): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = -Infinity;
  let latest: Progress | undefined;
  const draw = () => {
    if (latest) stream.write(`\r${renderProgress(latest)}\u001b[K`);
  };
  return {
    update(p) {
      latest = p;
      if (now() - last < REDRAW_MS) return;
      last = now();
      draw();
    },
    done() {
      // The final state, then a newline so the summary starts on a line of its own.
      draw();
      if (latest) stream.write('\n');
    },
  };
}
