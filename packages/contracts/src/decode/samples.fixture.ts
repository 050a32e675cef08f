// Test support (not exported by the package): the TickStockPL samples committed under
// test-fixtures/ (a copy of the shared fixtures, so the project stands alone).
import { readFileSync } from 'node:fs';

export type Sample = { name: string; channel: string; payload: unknown; text: string };

const FILE = new URL('../../test-fixtures/tickstockpl/samples.jsonl', import.meta.url);

/** Every sample; `text` is the payload as the producer publishes it (the fixture stores it as a JSON value). */
export function loadSamples(): Sample[] {
  return readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { name, channel, payload } = JSON.parse(line) as { name: string; channel: string; payload: unknown };
      return { name, channel, payload, text: JSON.stringify(payload) };
    });
}

export function sampleNamed(name: string): Sample {
  const sample = loadSamples().find((s) => s.name === name);
  if (sample === undefined) throw new Error(`no sample named ${name}`);
  return sample;
}
