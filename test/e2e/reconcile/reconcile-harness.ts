// Two sandbox servers seeded with a network, and a reconcile runtime wired to them exactly as
// the CLI wires itself (real HTTP, real Redis, real BullMQ worker). Shared by the tests and the
// benchmark.
import { loadConfig, type Config } from '../../../src/config/index.js';
import { createLogger } from '../../../src/log/logger.js';
import { openReconcileRuntime, type ReconcileRuntime } from '../../../src/app/reconcile-runtime.js';
import {
  runReconcile,
  type ReconcileOptions,
  type ReconcileReport,
  type ReconcileRequest,
} from '../../../src/sync/reconcile/index.js';
import { createOfferitSandbox, type OfferitSandbox } from '../../../src/sandbox/offerit/index.js';
import {
  createOfferslookSandbox,
  type OfferslookSandbox,
} from '../../../src/sandbox/offerslook/index.js';
import type { RateLimit } from '../../../src/config/index.js';
import { sandboxAnswers } from '../../helpers/sandbox-answers.js';
import { ADVERTISER_MAP, type Network } from './network-fixtures.js';

export interface HarnessOptions {
  network: Network;
  redisUrl: string;
  prefix: string;
  /** Each sandbox's own limit; `null` for none. @defaultValue null */
  sandboxRateLimit?: { offerit?: RateLimit | null; offerslook?: RateLimit | null };
  /** The client-side limiter's budget per network, e.g. `5000/1s`. @defaultValue '100000/1s' */
  clientRateLimit?: { offerit?: string; offerslook?: string };
  /** Extra environment, e.g. VANISHED_POLICY. */
  env?: Record<string, string>;
  workerConcurrency?: number;
}

export interface Harness {
  offerit: OfferitSandbox;
  offerslook: OfferslookSandbox;
  /** The environment a CLI child process needs to reach the same sandboxes and Redis. */
  env: Record<string, string>;
  config: Config;
  runtime: ReconcileRuntime;
  reconcile(
    request: Omit<ReconcileRequest, 'entity'> & Partial<Pick<ReconcileRequest, 'entity'>>,
    options?: ReconcileOptions,
  ): Promise<ReconcileReport>;
  /** Forgets both sandboxes' request logs. */
  clearLogs(): void;
  /** Accepted requests other than GET/HEAD, on both sandboxes. */
  writes(): { method: string; path: string }[];
  stop(): Promise<void>;
}

export interface Sandboxes {
  offerit: OfferitSandbox;
  offerslook: OfferslookSandbox;
  /** The environment offer-sync needs to reach these sandboxes and Redis. */
  env: Record<string, string>;
  clearLogs(): void;
  writes(): { method: string; path: string }[];
  stop(): Promise<void>;
}

/** Both sandbox servers on 127.0.0.1, seeded with the network. */
export async function startSandboxes(
  options: Omit<HarnessOptions, 'workerConcurrency'>,
): Promise<Sandboxes> {
  const offerit = createOfferitSandbox({
    ...sandboxAnswers(),
    fixtures: options.network.offerit,
    rateLimit: options.sandboxRateLimit?.offerit ?? null,
  });
  const offerslook = createOfferslookSandbox({
    ...sandboxAnswers(),
    fixtures: options.network.offerslook,
    rateLimit: options.sandboxRateLimit?.offerslook ?? null,
  });
  const env: Record<string, string> = {
    REDIS_URL: options.redisUrl,
    OFFER_SYNC_PREFIX: options.prefix,
    OFFERIT_BASE_URL: await offerit.start(),
    OFFERIT_API_USERNAME: 'sandbox',
    OFFERIT_API_KEY: 'sandbox-offerit-key',
    OFFERIT_RATE_LIMIT: options.clientRateLimit?.offerit ?? '100000/1s',
    OFFERSLOOK_BASE_URL: await offerslook.start(),
    OFFERSLOOK_NETWORK: 'sandbox',
    OFFERSLOOK_API_KEY: 'sandbox-offerslook-key',
    OFFERSLOOK_RATE_LIMIT: options.clientRateLimit?.offerslook ?? '100000/1s',
    OFFERSLOOK_PAGE_SIZE: '100',
    ADVERTISER_MAP,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  return {
    offerit,
    offerslook,
    env,
    clearLogs() {
      offerit.runtime.log.clear();
      offerslook.runtime.log.clear();
    },
    writes: () =>
      [...offerit.runtime.log.writes(), ...offerslook.runtime.log.writes()].map(
        ({ method, path }) => ({ method, path }),
      ),
    async stop() {
      await Promise.all([offerit.stop(), offerslook.stop()]);
    },
  };
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const sandboxes = await startSandboxes(options);
  const { offerit, offerslook, env } = sandboxes;
  const config = loadConfig(env);
  const runtime = await openReconcileRuntime(config, createLogger({ level: 'warn' }), {
    targets: ['offerit', 'offerslook'],
    worker: true,
    ...(options.workerConcurrency ? { workerConcurrency: options.workerConcurrency } : {}),
  });
  return {
    offerit,
    offerslook,
    env,
    config,
    runtime,
    reconcile: (request, reconcileOptions) =>
      runReconcile({ entity: 'all', ...request }, runtime.deps, reconcileOptions),
    clearLogs: () => sandboxes.clearLogs(),
    writes: () => sandboxes.writes(),
    async stop() {
      await runtime.close();
      await sandboxes.stop();
    },
  };
}
