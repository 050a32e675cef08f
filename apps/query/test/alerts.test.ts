// GET /streaming/api/alerts against seeded indicator and critical alerts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, criticalAlert, idsOf, indicatorAlert, openContext, rowsOf, type TestContext } from './support';

describe('GET /streaming/api/alerts', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url);
    await ctx.repos.alerts.insertAlerts([
      indicatorAlert({ id: 'rsi-aapl', symbol: 'AAPL', timestamp: ago(1) }),
      indicatorAlert({ id: 'rsi-tsla', symbol: 'TSLA', timestamp: ago(2) }),
      indicatorAlert({ id: 'macd-aapl', symbol: 'AAPL', alert_type: 'MACD_BULLISH_CROSS', timestamp: ago(3) }),
      criticalAlert({ id: 'crit', timestamp: ago(4) }),
      indicatorAlert({ id: 'rsi-old', symbol: 'AAPL', timestamp: ago(120) }),
      ...Array.from({ length: 15 }, (_, i) => indicatorAlert({ id: `bulk-${String(i).padStart(2, '0')}`, symbol: 'BULK', alert_type: 'BB_UPPER_BREAK', timestamp: ago(10 + i) })),
    ]);
  });
  afterAll(() => ctx?.close());

  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: ctx.auth() });
  const ids = async (url: string) => idsOf(await get(url));

  it('answers every alert of the last hour, newest first', async () => {
    const all = await ids('/streaming/api/alerts');
    expect(all.slice(0, 4)).toEqual(['rsi-aapl', 'rsi-tsla', 'macd-aapl', 'crit']);
    expect(all).toHaveLength(19);
    expect(all).not.toContain('rsi-old');
  });

  it('filters by alert_type (RSI_OVERBOUGHT matches)', async () => {
    expect(await ids('/streaming/api/alerts?alert_type=RSI_OVERBOUGHT')).toEqual(['rsi-aapl', 'rsi-tsla']);
    expect(await ids('/streaming/api/alerts?alert_type=RSI_OVERBOUGHT&hours=3')).toEqual(['rsi-aapl', 'rsi-tsla', 'rsi-old']);
    expect(await ids('/streaming/api/alerts?alert_type=CONNECTION_LOST')).toEqual(['crit']);
  });

  it('filters by symbol, upper-cased, and by both', async () => {
    expect(await ids('/streaming/api/alerts?symbol=aapl')).toEqual(['rsi-aapl', 'macd-aapl']);
    expect(await ids('/streaming/api/alerts?symbol=AAPL&alert_type=MACD_BULLISH_CROSS')).toEqual(['macd-aapl']);
  });

  it('reads empty filters as none (CONTRACT.md writes `?alert_type=&symbol=`)', async () => {
    expect(await ids('/streaming/api/alerts?hours=1&alert_type=&symbol=&limit=100')).toHaveLength(19);
  });

  it('cuts at limit (10 at least)', async () => {
    expect(await ids('/streaming/api/alerts?limit=10')).toEqual(['rsi-aapl', 'rsi-tsla', 'macd-aapl', 'crit', ...['00', '01', '02', '03', '04', '05'].map((n) => `bulk-${n}`)]);
  });

  it('gives indicator and critical alerts the contract fields', async () => {
    const alerts = rowsOf(await get('/streaming/api/alerts?hours=1'));
    const fields = ['alert_data', 'alert_type', 'id', 'message', 'session_id', 'severity', 'symbol', 'timestamp'].sort();
    const rsi = alerts.find((a) => a.id === 'rsi-aapl')!;
    const crit = alerts.find((a) => a.id === 'crit');
    expect(Object.keys(rsi).sort()).toEqual(fields);
    expect(rsi).toMatchObject({ alert_type: 'RSI_OVERBOUGHT', symbol: 'AAPL', severity: 'warning', message: null, alert_data: { rsi: 78.5 }, session_id: 'sess-1' });
    expect(crit).toMatchObject({ alert_type: 'CONNECTION_LOST', symbol: null, severity: 'critical', message: 'feed disconnected', alert_data: {} });
  });
});
