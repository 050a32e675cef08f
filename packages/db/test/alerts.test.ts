import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertRepository, type AlertRepository } from '../src';
import { ago, criticalAlert, indicatorAlert, openTestDb, type DbContext } from './support';

describe(createAlertRepository.name, () => {
  let ctx: DbContext;
  let sut: AlertRepository;
  const now = new Date();

  beforeAll(async () => {
    ctx = await openTestDb(import.meta.url);
    sut = createAlertRepository(ctx.db);
    await sut.insertAlerts([
      indicatorAlert({ id: 'a-rsi-aapl', alert_type: 'RSI_OVERBOUGHT', symbol: 'AAPL', timestamp: ago(1, now) }),
      criticalAlert({ id: 'a-crit', type: 'CONNECTION_LOST', message: 'feed down', timestamp: ago(2, now), data: { attempts: 3 } }),
      indicatorAlert({ id: 'a-rsi-msft', alert_type: 'RSI_OVERBOUGHT', symbol: 'MSFT', timestamp: ago(3, now) }),
      indicatorAlert({ id: 'a-macd-aapl', alert_type: 'MACD_CROSS', symbol: 'AAPL', timestamp: ago(4, now) }),
      criticalAlert({ id: 'a-crit-sym', type: 'STALE_DATA', message: 'NVDA stale', timestamp: ago(5, now), data: { symbol: 'NVDA' } }),
      indicatorAlert({ id: 'a-old', alert_type: 'RSI_OVERBOUGHT', symbol: 'AAPL', timestamp: ago(90, now) }),
    ]);
  });
  afterAll(() => ctx?.close());

  it('stores indicator and critical alerts once: the same batch again inserts nothing', async () => {
    const batch = [indicatorAlert({ id: 'idem-i', timestamp: ago(300, now) }), criticalAlert({ id: 'idem-c', timestamp: ago(300, now) })];
    expect(await sut.insertAlerts(batch)).toBe(2);
    expect(await sut.insertAlerts(batch)).toBe(0);
  });

  it('returns both kinds as AlertRecord: a critical alert has its type as alert_type and its message', async () => {
    const records = await sut.list({ hours: 1, limit: 100, now });
    const crit = records.find((r) => r.id === 'a-crit');
    const rsi = records.find((r) => r.id === 'a-rsi-aapl');

    expect(crit).toEqual({
      id: 'a-crit',
      alert_type: 'CONNECTION_LOST',
      symbol: null,
      severity: 'critical',
      message: 'feed down',
      timestamp: ago(2, now),
      alert_data: { attempts: 3 },
      session_id: null,
    });
    expect(rsi).toEqual({
      id: 'a-rsi-aapl',
      alert_type: 'RSI_OVERBOUGHT',
      symbol: 'AAPL',
      severity: 'warning',
      message: null,
      timestamp: ago(1, now),
      alert_data: { rsi: 78.5 },
      session_id: 'sess-1',
    });
  });

  it('lists the window newest first, at most `limit`', async () => {
    const records = await sut.list({ hours: 1, limit: 3, now });
    expect(records.map((r) => r.id)).toEqual(['a-rsi-aapl', 'a-crit', 'a-rsi-msft']);
  });

  it('filters by alert_type (alert_type=RSI_OVERBOUGHT matches)', async () => {
    const records = await sut.list({ hours: 1, alertType: 'RSI_OVERBOUGHT', limit: 100, now });
    expect(records.map((r) => r.id)).toEqual(['a-rsi-aapl', 'a-rsi-msft']);
  });

  it('filters by symbol, including a critical alert whose data names the symbol', async () => {
    expect((await sut.list({ hours: 1, symbol: 'AAPL', limit: 100, now })).map((r) => r.id)).toEqual(['a-rsi-aapl', 'a-macd-aapl']);
    expect((await sut.list({ hours: 1, symbol: 'NVDA', limit: 100, now })).map((r) => r.id)).toEqual(['a-crit-sym']);
  });

  it('combines type, symbol and window', async () => {
    const records = await sut.list({ hours: 2, alertType: 'RSI_OVERBOUGHT', symbol: 'AAPL', limit: 100, now });
    expect(records.map((r) => r.id)).toEqual(['a-rsi-aapl', 'a-old']);
  });
});
