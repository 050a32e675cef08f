// Producer text is data, never markup (issue 6: "a symbol or message is never HTML"). Each
// component that shows producer strings is rendered with a hostile payload; the output must hold
// it as escaped text and must not contain the element it tries to create.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { criticalAlertRow, indicatorAlertRow, indicatorRow, patternRow } from '../stream/rows';
import { criticalAlert, health, indicator, indicatorAlert, pattern, session } from '../stream/testing/frames';
import AlertList from './AlertList.svelte';
import CriticalBanner from './CriticalBanner.svelte';
import HealthView from './HealthView.svelte';
import IndicatorTable from './IndicatorTable.svelte';
import PatternTable from './PatternTable.svelte';
import SessionInfo from './SessionInfo.svelte';

const XSS = '<img src=x onerror="globalThis.pwned=1">';
const ESCAPED = '&lt;img src=x onerror="globalThis.pwned=1">';

function expectText(body: string) {
  expect(body).not.toContain('<img');
  expect(body).toContain(ESCAPED);
}

describe('producer text is escaped', () => {
  it('in the pattern table (symbol and pattern name), and the bad symbol is not linked', () => {
    const { body } = render(PatternTable, { props: { rows: [patternRow(pattern({ symbol: XSS, pattern_type: XSS }))], caption: 'c' } });
    expectText(body);
    expect(body).not.toContain('href="/streaming/%3C');
  });

  it('in the indicator table (symbol, type and named values)', () => {
    const { body } = render(IndicatorTable, { props: { rows: [indicatorRow(indicator({ symbol: XSS, indicator_type: XSS, value: null, values: { [XSS]: XSS } }))], caption: 'c' } });
    expectText(body);
  });

  it('in the alerts list (type, symbol, severity, message and data)', () => {
    const alerts = [indicatorAlertRow(indicatorAlert({ alert_type: XSS, symbol: XSS, severity: XSS, data: { message: XSS, [XSS]: XSS } })), criticalAlertRow(criticalAlert({ id: 'c', message: XSS, type: XSS }))];
    expectText(render(AlertList, { props: { alerts } }).body);
  });

  it('in the critical banner', () => {
    const { body } = render(CriticalBanner, { props: { alerts: [criticalAlertRow(criticalAlert({ message: XSS, type: XSS }))], onDismiss: () => undefined } });
    expectText(body);
    expect(body).toContain('role="alert"');
  });

  it('in the health panel (status, issues, data flow keys and values)', () => {
    const { body } = render(HealthView, { props: { health: health({ status: XSS, issues: [XSS], data_flow: { [XSS]: XSS } }) } });
    expectText(body);
  });

  it('in the session info (id and universe)', () => {
    const { body } = render(SessionInfo, { props: { session: session({ session_id: XSS, universe: XSS }), stopped: null, health: null, now: 0 } });
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;img');
  });
});

describe('values are shown meaningfully', () => {
  it('an indicator table row for MACD shows its named values, never {}', () => {
    const { body } = render(IndicatorTable, { props: { rows: [indicatorRow(indicator({ indicator_type: 'MACD', value: null, values: { macd: 1.5, signal: 1.1, histogram: 0.4 } }))], caption: 'c' } });
    expect(body).toContain('MACD');
    expect(body).toContain('signal');
    expect(body).toContain('histogram');
    expect(body).not.toContain('{}');
    expect(body).not.toContain('[object Object]');
  });

  it('a high-confidence priority pattern is marked and coloured high', () => {
    const { body } = render(PatternTable, { props: { rows: [patternRow(pattern({ confidence: 0.92, priority: 'high' }))], caption: 'c' } });
    expect(body).toContain('level-high');
    expect(body).toMatch(/<tr [^>]*class="[^"]*\bpriority\b/);
    expect(body).toContain('92%');
  });
});
