// A recording as a schedule, read line by line (a recorded day can be larger than memory).
// Times are kept relative to the FIRST message, not to the start of the recording: a replay
// starts publishing at once instead of waiting out the minutes before the market opened.
// A time earlier than the previous line's (a hand-edited file) is taken as "same time".
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Scheduled } from '../pacing/schedule';
import { parseRecordLine } from './record-line';

export const REPLAY_LABEL = 'replay';

export async function* replaySchedule(file: string): AsyncGenerator<Scheduled> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  let first: number | undefined;
  let previous = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      const m = parseRecordLine(line, lineNo);
      const atMs = m.tMs === undefined ? previous : Math.max(previous, m.tMs - (first ??= m.tMs));
      previous = atMs;
      const message = { channel: m.channel, text: m.text, label: REPLAY_LABEL };
      yield { atMs, make: () => [message] };
    }
  } finally {
    lines.close();
  }
}
