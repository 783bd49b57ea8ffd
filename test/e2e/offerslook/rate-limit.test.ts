// The sandbox's budget: 50 calls per 10 s by default, enforced over a sliding window, answered past
// it with 429 + Retry-After + the platform's envelope.
import { afterEach, describe, expect, it } from 'vitest';
import { maxInAnyWindow } from '../../../src/sandbox/common/index.js';
import { raw, startSandbox, type Running } from './sandbox-client.js';

describe('Offerslook sandbox rate limit', () => {
  let running: Running | undefined;
  afterEach(() => running?.sandbox.stop());

  it('defaults to 50 calls per 10 s: one call of a burst of 51 gets 429, Retry-After and the envelope', async () => {
    running = await startSandbox({ rateLimit: undefined });
    expect(running.sandbox.runtime.rateLimit).toEqual({ max: 50, durationMs: 10_000 });
    // Sent at once, so all 51 land well inside one window even on a slow machine.
    const answers = await Promise.all(
      Array.from({ length: 51 }, () => raw(running!, 'GET', '/v1/offers?limit=1')),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(50);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited).toHaveLength(1);
    const last = limited[0]!;
    expect(last.json).toEqual({ code: 429, message: 'Too many requests' });
    const retryAfter = Number(last.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(running.sandbox.runtime.log.maxInWindow(10_000)).toBe(51);
  });

  it('holds the budget over every sliding window while a client pushes past it', async () => {
    const budget = { max: 5, durationMs: 1_000 };
    running = await startSandbox({ rateLimit: budget });
    const started = Date.now();
    // Keep asking for 2.5 s, far faster than the budget allows.
    while (Date.now() - started < 2_500) {
      await raw(running, 'GET', '/v1/affiliates');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const log = running.sandbox.runtime.log;
    const accepted = log.entries((entry) => entry.status === 200).map((entry) => entry.time);
    const rejected = log.entries((entry) => entry.status === 429);
    expect(maxInAnyWindow(accepted, budget.durationMs)).toBeLessThanOrEqual(budget.max);
    expect(rejected.length).toBeGreaterThan(0);
    // Windows free up as they slide: more than one window's worth got through in 2.5 s.
    expect(accepted.length).toBeGreaterThan(budget.max);
  });

  it('blocks while the burst is inside the last window and lets a call through once its oldest call has left', async () => {
    const budget = { max: 5, durationMs: 3_000 };
    running = await startSandbox({ rateLimit: budget });
    for (let i = 0; i < 5; i++)
      expect((await raw(running, 'GET', '/v1/affiliates')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const blocked = await raw(running, 'GET', '/v1/affiliates');
    const log = running.sandbox.runtime.log.entries();
    const first = log[0]!.time;
    const sixth = log[5]!.time;
    // Only meaningful if the machine did not stall for the rest of the window; then it must be a 429.
    if (sixth - first < budget.durationMs) {
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Once the first of the burst has left the window, a call gets through again.
    const waitMs = first + budget.durationMs - Date.now() + 50;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    expect((await raw(running, 'GET', '/v1/affiliates')).status).toBe(200);
  });
});
