import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channels';
import { decode } from './index';
import { EXPECTED } from './samples.expected';
import { loadSamples } from './samples.fixture';
import { schemaOf } from './safety.fixture';

const RECEIVED_AT = new Date('2030-01-01T00:00:00.000Z');

describe(decode.name, () => {
  const samples = loadSamples();

  it('has an expected output for every committed sample, and a sample for every expected output', () => {
    expect(samples.map((s) => s.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(samples.map((s) => [s.name, s] as const))('decodes sample %s exactly as the format doc says', (_name, sample) => {
    const sut = decode(sample.channel, sample.text, RECEIVED_AT);
    expect(sut).toStrictEqual(EXPECTED[sample.name]);
  });

  it.each(samples.map((s) => [s.name, s] as const))('emits events for sample %s that satisfy their events.ts schema', (_name, sample) => {
    const sut = decode(sample.channel, sample.text, RECEIVED_AT);
    for (const event of sut.ok ? sut.events : []) {
      expect([...Value.Errors(schemaOf(event.kind), event.data)]).toEqual([]);
    }
  });

  it('gives the detection published on both pattern channels one id', () => {
    const detected = samples.find((s) => s.name === 'pattern.C.high.detected');
    const streaming = samples.find((s) => s.name === 'pattern.C.high.streaming');
    const a = decode(CHANNELS.patternsDetected, detected?.text ?? '');
    const b = decode(CHANNELS.patternsStreaming, streaming?.text ?? '');
    expect(a.ok && b.ok && a.events[0]?.kind === 'pattern' && b.events[0]?.kind === 'pattern').toBe(true);
    if (a.ok && b.ok) expect(a.events[0]?.data).toEqual(b.events[0]?.data);
  });

  it('never uses the receive time when a sample carries its own timestamp', () => {
    for (const sample of samples) {
      const sut = decode(sample.channel, sample.text, RECEIVED_AT);
      expect(JSON.stringify(sut)).not.toContain('2030-01-01');
    }
  });
});
