// What every contract file shares: how to get a fresh bus per test, and its clean-up.
import { afterEach } from 'vitest';
import type { Bus, BusError } from '../../src/index';

export type BusUnderTest = {
  sut: Bus;
  /** Present when the engine can be taken down and brought back; the outage tests need it. */
  outage?: { begin(): Promise<void>; end(): Promise<void> };
};

/** Builds a bus on a key prefix of its own, reporting background errors to onError. */
export type MakeBus = (opts: { onError: (err: BusError) => void }) => Promise<BusUnderTest> | BusUnderTest;

/** Call inside a describe: `fresh()` builds a bus that is closed after the test. */
export function busFactory(make: MakeBus) {
  const open: Bus[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });
  return async (onError: (err: BusError) => void = () => undefined): Promise<BusUnderTest> => {
    const made = await make({ onError });
    open.push(made.sut);
    return made;
  };
}

/** Collects what a subscription receives, for waitFor to look at. */
export function inbox() {
  const got: { channel: string; text: string }[] = [];
  return { got, onMessage: (channel: string, text: string) => void got.push({ channel, text }) };
}
