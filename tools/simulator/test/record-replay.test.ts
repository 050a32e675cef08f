import { mkdtempSync, readFileSync } from 'node:fs';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, parseRecordLine, startRecorder } from '../src';
import { startHarness, type Harness } from './support';

let h: Harness;
const dir = mkdtempSync(join(tmpdir(), 'sim-record-'));

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Records one run of `scenario` to a new file; resolves with the file and what the run reported. */
async function record(file: string, run: () => Promise<number>) {
  const sut = startRecorder({ bus: h.bus, write: (line) => appendFileSync(file, line) });
  await sut.ready();
  const expected = await run();
  await waitFor(() => sut.count() >= expected, { what: `${expected} recorded messages` });
  expect(await sut.stop()).toBe(expected);
  return readFileSync(file, 'utf8').trimEnd().split('\n').map((line, i) => parseRecordLine(line, i + 1));
}

describe('record, then replay', () => {
  it('round-trips every shape, junk included, as the same channel/payload sequence', async () => {
    const file = join(dir, 'formats.jsonl');
    const recorded = await record(file, async () => {
      const sim = createSimulator({ bus: h.bus, scenario: { name: 'formats' }, speed: 20 });
      await sim.start();
      return (await sim.finished).messages;
    });
    expect(recorded.length).toBeGreaterThan(50);
    expect(recorded.some((m) => m.text === '{"test": true, "timestamp": 1700000000.5}')).toBe(true);
    for (let i = 1; i < recorded.length; i++) expect(recorded[i]!.tMs!).toBeGreaterThanOrEqual(recorded[i - 1]!.tMs!);

    const { heard } = await h.listen();
    const replay = createSimulator({ bus: h.bus, scenario: { name: 'replay', file }, speed: 'max' });
    await replay.start();
    expect(await replay.finished).toMatchObject({ completed: true, messages: recorded.length, failed: 0 });
    await waitFor(() => heard.length >= recorded.length, { what: 'the replayed messages' });
    expect(heard.map((m) => [m.channel, m.text])).toEqual(recorded.map((m) => [m.channel, m.text]));
  });

  it('replays at the recording’s own pace, scaled by --speed', async () => {
    const file = join(dir, 'quick.jsonl');
    const recorded = await record(file, async () => {
      const sim = createSimulator({ bus: h.bus, scenario: { name: 'quick' } });
      await sim.start();
      return (await sim.finished).messages;
    });
    const spanMs = recorded.at(-1)!.tMs! - recorded[0]!.tMs!;
    expect(spanMs).toBeGreaterThan(1000);

    const { heard } = await h.listen();
    const replay = createSimulator({ bus: h.bus, scenario: { name: 'replay', file }, speed: 2 });
    await replay.start();
    await replay.finished;
    await waitFor(() => heard.length >= recorded.length, { what: 'the replayed messages' });
    const replayedSpan = heard.at(-1)!.at - heard[0]!.at;
    // Half the recorded span, within a generous margin for a busy test machine.
    expect(replayedSpan).toBeGreaterThan(spanMs / 2 - 100);
    expect(replayedSpan).toBeLessThan(spanMs / 2 + 300);
  });
});
