import { describe, expect, it } from 'vitest';
import { throttle } from './throttle';

describe(throttle.name, () => {
  it('lets one call through per interval and reports how many it skipped', () => {
    let t = 1_000;
    const sut = throttle(1_000, () => t);
    const emitted: number[] = [];
    for (let i = 0; i < 5; i++) sut((skipped) => emitted.push(skipped));
    expect(emitted).toEqual([0]);
    t += 999;
    sut((skipped) => emitted.push(skipped));
    expect(emitted).toEqual([0]);
    t += 1;
    sut((skipped) => emitted.push(skipped));
    expect(emitted).toEqual([0, 5]);
  });
});
