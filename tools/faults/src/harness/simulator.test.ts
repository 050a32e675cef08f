import { describe, expect, it } from 'vitest';
import { parseSummary } from './simulator';

describe(parseSummary.name, () => {
  it("reads the simulator CLI's run summary", () => {
    const stdout = [
      'load: 1234 messages (1200 on the pattern/indicator channels) in 10.0 s (stopped early)',
      '  120.0 events/s, 123.4 messages/s, max lag 12 ms, 7 failed',
      '  achieved 120.0 events/s of 200 targeted (60.0%)',
    ].join('\n');
    expect(parseSummary(stdout)).toMatchObject({ messages: 1234, failed: 7, completed: false, eventsPerSecond: 120 });
  });

  it('says so when there is no summary (the run crashed)', () => {
    expect(() => parseSummary('simulator: cannot reach Redis')).toThrow(/no summary/);
  });
});
