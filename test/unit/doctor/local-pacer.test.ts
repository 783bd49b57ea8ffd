// The local pacer doctor falls back to without Redis: no window of the configured duration (plus
// the limiter's margin) ever holds more than `max` requests. Driven by a fake clock.
import { describe, expect, it } from 'vitest';
import { localPacer } from '../../../src/doctor/probe/local-pacer.js';

describe('localPacer', () => {
  it('lets `max` through at once, then waits for the oldest to leave the window', async () => {
    let now = 0;
    const slept: number[] = [];
    const pace = localPacer(
      { max: 3, durationMs: 1000 },
      {
        now: () => now,
        sleep: (ms) => {
          slept.push(ms);
          now += ms;
          return Promise.resolve();
        },
      },
    );
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      await pace();
      times.push(now);
    }
    // 1000 ms window + its 100 ms margin.
    expect(times).toEqual([0, 0, 0, 1100, 1100, 1100, 2200]);
    expect(slept).toEqual([1100, 1100]);
  });
});
