// Two sandbox servers seeded with a network, and the app wired to them exactly as the CLI wires
// itself (real HTTP, real Redis, a real BullMQ worker on each route's target queue). Shared by the tests and the
// benchmark.
import { loadConfig, type Config } from '../../../src/config/index.js';
import { createLogger } from '../../../src/log/logger.js';
import { openApp, type App } from '../../../src/app/app.js';
import { createReconcilers } from '../../../src/app/reconcilers.js';
import type { PairStores } from '../../../src/app/routes.js';
import type { PlatformClient } from '../../../src/platforms/platform-client.js';
import type { PlatformName } from '../../../src/vocabulary/index.js';
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
  app: App;
  /** The pair of connections named after their platforms: clients by platform and stores. */
  pair: Pick<PairStores, 'links' | 'conflicts' | 'intents'> & {
    clients: Record<PlatformName, PlatformClient>;
  };
  /** Runs one route's reconciliation (`from`/`to` are the connections, named after platforms). */
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
  const app = await openApp(config, createLogger({ level: 'warn' }));
  const reconcilers = createReconcilers(app, {
    worker: true,
    ...(options.workerConcurrency ? { workerConcurrency: options.workerConcurrency } : {}),
  });
  const route = app.route('offerit', 'offerslook')!;
  return {
    offerit,
    offerslook,
    env,
    config,
    app,
    pair: {
      clients: route.sync.clients,
      links: route.pair.links,
      conflicts: route.pair.conflicts,
      intents: route.pair.intents,
    },
    async reconcile(request, reconcileOptions) {
      const reconciler = await reconcilers(request.from, request.to);
      if (!reconciler) throw new Error(`no route ${request.from}->${request.to}`);
      return runReconcile({ entity: 'all', ...request }, reconciler.deps, reconcileOptions);
    },
    clearLogs: () => sandboxes.clearLogs(),
    writes: () => sandboxes.writes(),
    async stop() {
      await app.close();
      await sandboxes.stop();
    },
  };
}
