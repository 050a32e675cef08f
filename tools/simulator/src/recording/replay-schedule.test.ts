import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRecordLine } from './record-line';
import { replaySchedule } from './replay-schedule';

const H = 'tickstock:streaming:health';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'replay-')), 'rec.jsonl');
  writeFileSync(path, text);
  return path;
}

async function read(path: string) {
  const out: { atMs: number; text: string }[] = [];
  for await (const item of replaySchedule(path)) for (const m of item.make(new Date())) out.push({ atMs: item.atMs, text: m.text });
  return out;
}

describe(replaySchedule.name, () => {
  it('keeps the gaps between messages and starts at the first one', async () => {
    const path = file([formatRecordLine(5000, H, 'a'), formatRecordLine(5200, H, 'b'), '\n', formatRecordLine(7000, H, 'c')].join(''));
    expect(await read(path)).toEqual([
      { atMs: 0, text: 'a' },
      { atMs: 200, text: 'b' },
      { atMs: 2000, text: 'c' },
    ]);
  });

  it('takes a time going backwards, or none, as "same time as the line before"', async () => {
    const path = file(`${formatRecordLine(100, H, 'a')}${formatRecordLine(50, H, 'b')}${JSON.stringify({ channel: H, payload: 'c' })}\n${formatRecordLine(400, H, 'd')}`);
    expect((await read(path)).map((m) => m.atMs)).toEqual([0, 0, 0, 300]);
  });

  it('names the line of a bad one', async () => {
    const path = file(`${formatRecordLine(0, H, 'a')}{"t_ms":1,"channel":"nope","payload":"x"}\n`);
    await expect(read(path)).rejects.toThrow(/line 2: channel "nope"/);
  });
});
