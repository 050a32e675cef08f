import { STREAMS } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { applySubscribe, applyUnsubscribe, defaultSubscription, MAX_SYMBOLS_PER_STREAM, type Subscription } from './subscription';

describe(defaultSubscription.name, () => {
  it('takes every stream for every symbol (CONTRACT.md: a new connection receives everything)', () => {
    expect([...defaultSubscription()]).toEqual(STREAMS.map((s) => [s, 'all']));
  });
});

describe(applySubscribe.name, () => {
  it('narrows a stream taking every symbol to the given ones, upper-cased', () => {
    const sut = defaultSubscription();
    expect(applySubscribe(sut, { streams: ['patterns'], symbols: ['nvda', 'AAPL'] })).toBeNull();
    expect(sut.get('patterns')).toEqual(new Set(['NVDA', 'AAPL']));
    expect(sut.get('indicators')).toBe('all');
  });

  it('adds symbols to a narrowed stream', () => {
    const sut = defaultSubscription();
    applySubscribe(sut, { streams: ['alerts'], symbols: ['NVDA'] });
    applySubscribe(sut, { streams: ['alerts'], symbols: ['TSLA'] });
    expect(sut.get('alerts')).toEqual(new Set(['NVDA', 'TSLA']));
  });

  it('widens a stream back to every symbol when subscribed without symbols', () => {
    const sut = defaultSubscription();
    applySubscribe(sut, { streams: ['patterns'], symbols: ['NVDA'] });
    applySubscribe(sut, { streams: ['patterns'] });
    expect(sut.get('patterns')).toBe('all');
  });

  it('ignores symbols on streams they do not narrow (session, health, events)', () => {
    const sut: Subscription = new Map();
    applySubscribe(sut, { streams: ['session'], symbols: ['NVDA'] });
    expect(sut.get('session')).toBe('all');
  });

  it('applies symbols with streams: [] to the narrowed streams the socket receives', () => {
    const sut = defaultSubscription();
    sut.delete('alerts');
    applySubscribe(sut, { streams: [], symbols: ['NVDA'] });
    expect(sut.get('patterns')).toEqual(new Set(['NVDA']));
    expect(sut.get('indicators')).toEqual(new Set(['NVDA']));
    expect(sut.has('alerts')).toBe(false);
    expect(sut.get('session')).toBe('all');
  });

  it('refuses more than the per-stream symbol cap', () => {
    const sut = defaultSubscription();
    const many = Array.from({ length: MAX_SYMBOLS_PER_STREAM }, (_, i) => `S${i}`);
    expect(applySubscribe(sut, { streams: ['patterns'], symbols: many })).toBeNull();
    expect(applySubscribe(sut, { streams: ['patterns'], symbols: ['ONE_MORE'] })?.code).toBe('TOO_MANY_SYMBOLS');
  });
});

describe(applyUnsubscribe.name, () => {
  it('stops a stream', () => {
    const sut = defaultSubscription();
    applyUnsubscribe(sut, { streams: ['health', 'events'] });
    expect(sut.has('health')).toBe(false);
    expect(sut.has('events')).toBe(false);
  });

  it('removes symbols and stops the stream when none are left', () => {
    const sut = defaultSubscription();
    applySubscribe(sut, { streams: ['patterns'], symbols: ['NVDA', 'AAPL'] });
    applyUnsubscribe(sut, { streams: ['patterns'], symbols: ['nvda'] });
    expect(sut.get('patterns')).toEqual(new Set(['AAPL']));
    applyUnsubscribe(sut, { streams: ['patterns'], symbols: ['AAPL'] });
    expect(sut.has('patterns')).toBe(false);
  });

  it('refuses to drop symbols from a stream that takes every symbol', () => {
    expect(applyUnsubscribe(defaultSubscription(), { streams: ['patterns'], symbols: ['NVDA'] })?.code).toBe('NOT_NARROWED');
  });
});
