// What every generator hands the pacer: a channel and the exact text to publish there.
import type { Channel } from '@tickstock/contracts';

/** The payload generations of TICKSTOCKPL-FORMATS.md ("Generations"); B's sessions, health and indicators are C's. */
export type Generation = 'A' | 'B' | 'C';
export const GENERATIONS: readonly Generation[] = ['A', 'B', 'C'];
/** `mixed` picks a generation per message, as a fleet of producers at different versions would. */
export type FormatChoice = Generation | 'mixed';
export const FORMAT_CHOICES: readonly FormatChoice[] = ['A', 'B', 'C', 'mixed'];

export type Outgoing = {
  channel: Channel;
  /** The exact text to publish (JSON, except where a scenario means to send junk). */
  text: string;
  /** What this is (`pattern.C`, `alert.indicator.wrapped`, `junk`): for reports and tests, never published. */
  label: string;
};

export function out(channel: Channel, label: string, payload: unknown): Outgoing {
  return { channel, label, text: JSON.stringify(payload) };
}
