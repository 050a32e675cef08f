// The old smoke test's junk (TICKSTOCKPL-FORMATS.md, "Bad input"): `{"test": true, "timestamp":
// 1700000000.5}` published on every channel. The ingest must reject it as junk on each one and
// never turn it into a session; the `formats` scenario sends it so that can be watched live.
import { ALL_CHANNELS } from '@tickstock/contracts';
import type { Outgoing } from './types';

export const JUNK_TEXT = '{"test": true, "timestamp": 1700000000.5}';
export const JUNK_LABEL = 'junk';

export function junkOnEveryChannel(): Outgoing[] {
  return ALL_CHANNELS.map((channel) => ({ channel, text: JUNK_TEXT, label: JUNK_LABEL }));
}
