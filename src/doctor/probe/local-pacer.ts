// Paces requests in this process when the shared Redis limiter is out of reach: a sliding window
// of the network's configured budget, widened by the same margin the Redis limiter adds (a
// network counts requests as they arrive, which can be later than they were sent).
import type { RateLimit } from '../../config/index.js';
import { windowMarginMs } from '../../app/network-limiter.js';

export interface PacerClock {
  /** @defaultValue Date.now */
  now?: () => number;
  /** @defaultValue setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** A `beforeRequest` hook: resolves when one more request fits `limit` in any window. */
export function localPacer(limit: RateLimit, clock: PacerClock = {}): () => Promise<void> {
  const now = clock.now ?? Date.now;
  const sleep = clock.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const windowMs = limit.durationMs + windowMarginMs(limit);
  const sent: number[] = [];
  return async () => {
    for (;;) {
      const at = now();
      while (sent.length > 0 && sent[0]! <= at - windowMs) sent.shift();
      if (sent.length < limit.max) {
        sent.push(at);
        return;
      }
      await sleep(sent[0]! + windowMs - at);
    }
  };
}
