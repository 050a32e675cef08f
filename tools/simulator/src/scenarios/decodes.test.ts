// The contract with the ingest: whatever the simulator publishes, contracts' decode() accepts —
// in every scenario and every generation — except the junk it sends on purpose, which decode()
// must reject as junk.
import { decode } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { FORMAT_CHOICES } from '../payloads/types';
import type { ScenarioSpec } from '.';
import { drain, scenarioOf } from './test-helpers.fixture';

const SPECS: ScenarioSpec[] = [
  { name: 'quick' },
  { name: 'formats' },
  { name: 'session', durationS: 1200 },
  { name: 'load', rate: 2000, symbols: 500, durationS: 2 },
];

describe('decode() of simulated payloads', () => {
  for (const spec of SPECS) {
    for (const format of FORMAT_CHOICES) {
      it(`accepts every ${spec.name} message in format ${format}, and rejects only the deliberate junk`, () => {
        const sent = drain(scenarioOf(spec, format));
        expect(sent.length).toBeGreaterThan(0);
        for (const m of sent) {
          const r = decode(m.channel, m.text);
          if (m.label === 'junk') {
            expect(r, `${m.label} on ${m.channel}`).toMatchObject({ ok: false, reason: 'junk' });
          } else {
            expect(r, `${m.label} on ${m.channel}: ${m.text}`).toMatchObject({ ok: true, itemRejections: [] });
          }
        }
      });
    }
  }

  // An hour: long enough that the rare kinds (batches, critical alerts) occur.
  it('sees in a long session each kind the mix promises', () => {
    const labels = new Set(drain(scenarioOf({ name: 'session', durationS: 3600 }, 'B')).map((m) => m.label.split('.').slice(0, 3).join('.')));
    for (const kind of ['session_started.B', 'health.B', 'pattern.B', 'pattern.B.high', 'pattern.B.batch', 'indicator.B.RSI', 'alert.indicator.wrapped', 'alert.critical.wrapped', 'session_stopped.B']) {
      expect(labels, kind).toContain(kind);
    }
  });
});
