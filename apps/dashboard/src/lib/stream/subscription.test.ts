import { STREAMS } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { NARROWED_STREAMS, subscriptionOps } from './subscription';

const streams = [...NARROWED_STREAMS];

describe(subscriptionOps.name, () => {
  it('sends nothing while every symbol is wanted (a new connection already gets them)', () => {
    expect(subscriptionOps(null, null)).toEqual([]);
    expect(subscriptionOps(null, [])).toEqual([]);
  });

  it('narrows patterns, indicators and alerts to the filtered symbols, upper-cased', () => {
    expect(subscriptionOps(null, ['nvda', 'AAPL'])).toEqual([{ op: 'subscribe', streams, symbols: ['AAPL', 'NVDA'] }]);
  });

  it('adds new symbols before removing old ones, so a narrowed stream never stops in between', () => {
    expect(subscriptionOps(['NVDA'], ['AAPL'])).toEqual([
      { op: 'subscribe', streams, symbols: ['AAPL'] },
      { op: 'unsubscribe', streams, symbols: ['NVDA'] },
    ]);
  });

  it('widens back to every symbol with a subscribe without symbols', () => {
    expect(subscriptionOps(['NVDA'], null)).toEqual([{ op: 'subscribe', streams }]);
  });

  it('sends nothing when the set did not change', () => {
    expect(subscriptionOps(['NVDA', 'AAPL'], ['aapl', 'nvda'])).toEqual([]);
  });

  it('only names streams the contract knows', () => {
    for (const s of NARROWED_STREAMS) expect(STREAMS).toContain(s);
  });
});
