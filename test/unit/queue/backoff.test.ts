import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.js';
import {
  backoffCeilingMs,
  createBackoffStrategy,
  fullJitterDelayMs,
} from '../../../src/queue/index.js';

const policyArb = fc
  .record({
    baseDelayMs: fc.integer({ min: 1, max: 60_000 }),
    maxDelayMs: fc.integer({ min: 1, max: 3_600_000 }),
  })
  .filter((policy) => policy.baseDelayMs <= policy.maxDelayMs);
const randomArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('full-jitter backoff', () => {
  it('is a whole number of milliseconds in [0, min(cap, base * 2^(attempt-1)))', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.integer({ min: 1, max: 2000 }),
        randomArb,
        (policy, attempt, draw) => {
          const delay = fullJitterDelayMs(attempt, policy, () => draw);
          const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.max(ceiling, 1));
        },
      ),
    );
  });

  it('scales with the random draw: the draw times the ceiling, floored', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.integer({ min: 1, max: 40 }),
        randomArb,
        (policy, attempt, draw) => {
          const ceiling = backoffCeilingMs(attempt, policy.baseDelayMs, policy.maxDelayMs);
          expect(fullJitterDelayMs(attempt, policy, () => draw)).toBe(
            Math.min(Math.floor(draw * ceiling), ceiling - 1),
          );
        },
      ),
    );
  });

  it('has a ceiling that doubles per attempt until the cap, and never decreases', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 200 }), (policy, attempt) => {
        const here = backoffCeilingMs(attempt, policy.baseDelayMs, policy.maxDelayMs);
        const next = backoffCeilingMs(attempt + 1, policy.baseDelayMs, policy.maxDelayMs);
        expect(next).toBeGreaterThanOrEqual(here);
        expect(next === policy.maxDelayMs || next === here * 2).toBe(true);
      }),
    );
    expect(backoffCeilingMs(1, 1000, 300_000)).toBe(1000);
    expect(backoffCeilingMs(3, 1000, 300_000)).toBe(4000);
    expect(backoffCeilingMs(10_000, 1000, 300_000)).toBe(300_000);
  });

  it('spreads delays over the range with a real random source', () => {
    const delays = Array.from({ length: 500 }, () =>
      fullJitterDelayMs(5, { baseDelayMs: 1000, maxDelayMs: 60_000 }),
    );
    expect(Math.min(...delays)).toBeLessThan(4000);
    expect(Math.max(...delays)).toBeGreaterThan(12_000);
    expect(new Set(delays).size).toBeGreaterThan(100);
  });

  it('as the BullMQ strategy, waits at least a Retry-After the server sent', () => {
    const strategy = createBackoffStrategy({ baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.5);
    expect(strategy(1)).toBe(50);
    const busy = new PlatformError(
      'TRANSIENT',
      'offerslook GET /v1/offers: server error (HTTP 503)',
      {
        platform: 'offerslook',
        retryAfterMs: 7000,
      },
    );
    expect(strategy(1, 'full-jitter', busy)).toBe(7000);
    expect(strategy(4, 'full-jitter', new Error('boom'))).toBe(400);
  });
});
