// One sandbox server in a process of its own, so neither its CPU nor the other platform's counts
// against the reconcile being measured, and its clock (requests are timed on arrival) is not
// held up by the other's work. Args: offerit <offers> | offerslook <rate limit per second, 0 = none>.
// Commands on stdin: `stats` (requests, writes, 429s), `timeline` (requests per bucket of
// BENCH_BUCKET_MS, default 1000), `clear` (forget the log).
import { createInterface } from 'node:readline';
import type { SandboxRuntime } from '../../src/sandbox/common/index.js';
import { createOfferitSandbox } from '../../src/sandbox/offerit/index.js';
import { createOfferslookSandbox } from '../../src/sandbox/offerslook/index.js';
import { buildNetwork } from '../../test/e2e/reconcile/network-fixtures.js';

const platform = process.argv[2];
const amount = Number(process.argv[3] ?? 0);

function answer(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ bench: value })}\n`);
}

let sandbox: { runtime: SandboxRuntime; start(): Promise<string>; stop(): Promise<void> };
if (platform === 'offerit') {
  // Offers only: one goal and one commission change at most (offer 1000's), never reconciled here.
  const network = buildNetwork({
    offeritOffers: amount,
    goalEvery: Number.MAX_SAFE_INTEGER,
    commissionEvery: Number.MAX_SAFE_INTEGER,
  });
  sandbox = createOfferitSandbox({ fixtures: network.offerit });
} else {
  sandbox = createOfferslookSandbox({
    fixtures: buildNetwork({ offeritOffers: 0 }).offerslook,
    rateLimit: amount > 0 ? { max: amount, durationMs: 1000 } : null,
  });
}
answer({ ready: true, url: await sandbox.start() });

const { runtime } = sandbox;
for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command === 'stats') {
    const entries = runtime.log.entries();
    answer({
      requests: entries.length,
      gets: entries.filter((entry) => entry.method === 'GET').length,
      writes: runtime.log.writes().length,
      rateLimited: entries.filter((entry) => entry.status === 429).length,
      maxInWindow: runtime.rateLimit ? runtime.log.maxInWindow(runtime.rateLimit.durationMs) : null,
    });
  } else if (command === 'timeline') {
    // Requests per bucket since the first: where a run left budget unused.
    const bucketMs = Number(process.env.BENCH_BUCKET_MS ?? 1000);
    const times = runtime.log.entries().map((entry) => entry.time);
    const first = Math.min(...times);
    const counts: number[] = [];
    for (const time of times) {
      const bucket = Math.floor((time - first) / bucketMs);
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    answer({ perBucket: Array.from(counts, (count) => count ?? 0) });
  } else if (command === 'clear') {
    runtime.log.clear();
    answer({ cleared: true });
  }
}
await sandbox.stop();
