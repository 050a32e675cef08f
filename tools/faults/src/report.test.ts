import { describe, expect, it } from 'vitest';
import { ScenarioReport } from './report';

describe(ScenarioReport.name, () => {
  it('passes with losses the contract allows, and lists them on the LOSS line', () => {
    const sut = new ScenarioReport('s');
    sut.loss('publishes refused', 12, 'pub/sub keeps nothing');
    sut.loss('frames missing', 0);
    sut.check('ready again', true);
    expect(sut.passed).toBe(true);
    expect(sut.format().split('\n')[0]).toMatch(/^LOSS s: 12 publishes refused \(allowed\); nothing else — PASS/);
  });

  it('fails on a loss the contract does not allow, or a failed check', () => {
    const lost = new ScenarioReport('s');
    lost.loss('frames missing', 1);
    expect(lost.passed).toBe(false);
    expect(lost.format()).toContain('✗ lost beyond the contract: frames missing 1');
    const check = new ScenarioReport('s');
    check.check('ready again', false);
    expect(check.passed).toBe(false);
  });

  it('lets a known bug pass with a mark, unless strict', () => {
    const lenient = new ScenarioReport('s');
    lenient.loss('events lost', 3, null, 'the ingest drops a failed append');
    expect(lenient.passed).toBe(true);
    expect(lenient.format()).toMatch(/PASS with a known bug[\s\S]*KNOWN BUG: events lost 3/);
    const strict = new ScenarioReport('s', true);
    strict.loss('events lost', 3, null, 'the ingest drops a failed append');
    expect(strict.passed).toBe(false);
  });
});
