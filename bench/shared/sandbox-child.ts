// One sandbox server in a process of its own, so neither its CPU nor the other platform's counts
// against the work being measured, and its clock (requests are timed on arrival) is not held up
// by the other's work. argv[2] is a JSON SandboxChildSpec. Everything a bench can do over HTTP it
// does there (`GET /__sandbox/log`, `POST /__sandbox/settings`); stdin takes what HTTP cannot:
//   stats                      requests, writes, 429s, most in one limit window
//   timeline                   requests per bucket of BENCH_BUCKET_MS (default 1000)
//   clear                      forget the request log (`/__sandbox/reset` would drop the state too)
//   seed <SeedSpec JSON>       add generated offers (network.ts), without a request
//   twins                      Offerslook: offer id by advertiser_offer_id (the Offerit source id)
//   write-time <id> <name>     Offerslook: arrival time of the first accepted PUT /v1/offers/<id>
//                              that set this name, or null
//   name <id>                  Offerslook: the offer's name as it stands
// Each command is answered with one `{"bench": ...}` line (see child-process.ts).
import { createInterface } from 'node:readline';
import type { RateLimit } from '../../src/config/index.js';
import type { SandboxRuntime } from '../../src/sandbox/common/index.js';
import { createOfferitSandbox } from '../../src/sandbox/offerit/index.js';
import {
  createOfferslookSandbox,
  type OfferslookSandbox,
} from '../../src/sandbox/offerslook/index.js';
import { offeritOffers, offerslookOffers, type SeedSpec } from './network.js';

export interface SandboxChildSpec {
  platform: 'offerit' | 'offerslook';
  /** The contract version the sandbox answers. @defaultValue 'v2' */
  answers?: 'v1' | 'v2';
  /** The sandbox's own limit; `null` for none. @defaultValue null */
  rateLimit?: RateLimit | null;
  seed?: SeedSpec;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as SandboxChildSpec;

function answer(value: unknown): void {
  process.stdout.write(`${JSON.stringify({ bench: value })}\n`);
}

let offerslook: OfferslookSandbox | undefined;
let sandbox: { runtime: SandboxRuntime; start(): Promise<string>; stop(): Promise<void> };
let seed: (what: SeedSpec) => void;
const options = { rateLimit: spec.rateLimit ?? null, answers: spec.answers ?? 'v2' } as const;
if (spec.platform === 'offerit') {
  const offerit = createOfferitSandbox(options);
  sandbox = offerit;
  seed = (what) => {
    if (what.offerit) offerit.state.seed(offeritOffers(what.offerit));
  };
} else {
  offerslook = createOfferslookSandbox(options);
  sandbox = offerslook;
  const state = offerslook.state;
  seed = (what) => {
    if (what.offerslook) state.seed(offerslookOffers(what.offerslook));
  };
}
if (spec.seed) seed(spec.seed);
answer({ ready: true, url: await sandbox.start() });

const { runtime } = sandbox;
for await (const line of createInterface({ input: process.stdin })) {
  const [command = '', ...args] = line.trim().split(' ');
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
  } else if (command === 'seed') {
    seed(JSON.parse(args.join(' ')) as SeedSpec);
    answer({ seeded: true });
  } else if (command === 'twins') {
    const twins: Record<string, number> = {};
    for (const offer of offerslook?.state.store.offers.values() ?? []) {
      if (offer.advertiser_offer_id) twins[String(offer.advertiser_offer_id)] = offer.id;
    }
    answer({ twins });
  } else if (command === 'write-time') {
    const [id, ...name] = args;
    const path = `/v1/offers/${id}`;
    const wanted = name.join(' ');
    const write = runtime.log
      .entries()
      .find(
        (entry) =>
          entry.method === 'PUT' &&
          entry.path === path &&
          entry.status < 400 &&
          (entry.params.offer as { name?: unknown } | undefined)?.name === wanted,
      );
    answer({ time: write?.time ?? null });
  } else if (command === 'name') {
    answer({ name: offerslook?.state.store.offers.get(Number(args[0]))?.name ?? null });
  } else {
    answer({ error: `unknown command ${command}` });
  }
}
await sandbox.stop();
