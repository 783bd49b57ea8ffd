// The whole sync pipeline against real servers: both sandbox platforms over HTTP, a Config
// loaded from the same environment the CLI reads, the App (queues, limiter-hooked clients,
// the pair's stores), in-process workers, and `offer-sync worker` children. Shared by the pipeline e2e
// tests and the pipeline benchmark, so it takes the Redis URL and prefix instead of asking
// vitest for them.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { QueueEvents } from 'bullmq';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { BIN, runCli, type CliRun } from './cli.js';
import { waitFor as pollUntil } from './wait-for.js';
import { openApp, type App } from '../../src/app/app.js';
import type { PairStores } from '../../src/app/routes.js';
import { startSyncWorkers, type RunningWorkers } from '../../src/app/workers.js';
import { loadConfig, type Config, type RateLimit } from '../../src/config/index.js';
import type { PlatformName } from '../../src/vocabulary/index.js';
import { createLogger } from '../../src/log/logger.js';
import type { EntityKey } from '../../src/vocabulary/index.js';
import { enqueueSync, syncQueueName, type Enqueued } from '../../src/queue/index.js';
import type { MappingSet } from '../../src/mapping/index.js';
import type { PlatformClient } from '../../src/platforms/platform-client.js';
import { otherPlatform } from '../../src/vocabulary/index.js';
import {
  SAMPLE_ADVERTISER_MAP,
  SAMPLE_FIXTURES,
  SANDBOX_CREDENTIALS,
} from '../../src/sandbox/demo/start-sandboxes.js';
import {
  createOfferitSandbox,
  offeritFixturesSchema,
  type OfferitFixtures,
  type OfferitSandbox,
} from '../../src/sandbox/offerit/index.js';
import {
  createOfferslookSandbox,
  offerslookFixturesSchema,
  type OfferslookFixtures,
  type OfferslookSandbox,
} from '../../src/sandbox/offerslook/index.js';
import type { SyncDeps, SyncResult } from '../../src/sync/run/index.js';
import { sandboxAnswers } from './sandbox-answers.js';

export interface NetworkFixtures {
  offerit?: OfferitFixtures;
  offerslook?: OfferslookFixtures;
}

export interface PipelineHarnessOptions {
  redisUrl: string;
  /** OFFER_SYNC_PREFIX: unique per harness; the caller deletes its keys afterwards. */
  prefix: string;
  /** `sample`: the sample network of test/fixtures; `empty`; or these fixtures. @defaultValue 'sample' */
  seed?: 'sample' | 'empty' | NetworkFixtures;
  /** Each sandbox's own limit; `null` for none. @defaultValue none on either */
  sandboxRateLimit?: Partial<Record<PlatformName, RateLimit | null>>;
  /** The configured budget (`OFFERIT_RATE_LIMIT`, ...). @defaultValue '100000/1s' (never in the way) */
  budget?: Partial<Record<PlatformName, string>>;
  /** More environment (MAPPINGS_DIR, SHUTDOWN_TIMEOUT, ...), for this process and children. */
  env?: Record<string, string>;
  /** Sync jobs per queue of the in-process workers; `false` starts none. @defaultValue 4 */
  workers?: number | false;
}

/**
 * Where a held request waits: `request` before the sandbox handles it (nothing changed yet),
 * `response` after (the change is made, the answer not yet sent).
 */
export type HoldStage = 'request' | 'response';

/** Requests a sandbox holds until `release()` (or until their client goes away). */
export interface HeldRequests {
  /** Resolves once a matching request arrived and is being held. */
  arrived: Promise<void>;
  /** Resolves once the client of a held request went away (its process died, say). */
  clientGone: Promise<void>;
  release(): void;
}

export interface WorkerChild {
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once it printed that it runs (its workers are ready). */
  ready: Promise<void>;
  /** Resolves with the exit code (or signal name) once it exited. */
  exited: Promise<number | string>;
  /** Sends a signal; resolves when it exited. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * The one pair of connections the harness configures (named after their platforms, as without a
 * config file): its clients by platform, its stores, and what a sync along it needs.
 */
export interface HarnessPair extends Pick<
  PairStores,
  'links' | 'intents' | 'conflicts' | 'observations'
> {
  clients: Record<PlatformName, PlatformClient>;
  mappings: MappingSet;
  /** The offerit->offerslook route's (both routes share the pair's stores and mappings). */
  syncDeps: SyncDeps;
}

export interface PipelineHarness {
  offerit: OfferitSandbox;
  offerslook: OfferslookSandbox;
  /** The environment a child `offer-sync` needs to reach the same sandboxes and Redis. */
  env: Record<string, string>;
  config: Config;
  app: App;
  pair: HarnessPair;
  /** The in-process workers, while running. */
  workers: RunningWorkers | undefined;
  startWorkers(concurrency?: number): Promise<RunningWorkers>;
  /** Closes the in-process workers (in-flight jobs finish first). */
  stopWorkers(): Promise<void>;
  enqueue(source: PlatformName, key: EntityKey): Promise<Enqueued>;
  /** Waits for a job to complete and returns its result; rejects with the reason if it failed. */
  result(source: PlatformName, jobId: string, timeoutMs?: number): Promise<SyncResult>;
  /** `enqueue` + `result`. */
  sync(source: PlatformName, key: EntityKey, timeoutMs?: number): Promise<SyncResult>;
  /** Holds matching requests on one sandbox until released. @defaultValue stage 'request' */
  hold(
    platform: PlatformName,
    match: (request: FastifyRequest) => boolean,
    stage?: HoldStage,
  ): HeldRequests;
  /** Starts `offer-sync worker` as a child process with this harness's environment. */
  spawnWorker(options?: { concurrency?: number; env?: Record<string, string> }): WorkerChild;
  /** Runs an `offer-sync` command to completion. */
  cli(args: string[], timeoutMs?: number): Promise<CliRun>;
  /** Forgets both sandboxes' request logs. */
  clearLogs(): void;
  stop(): Promise<void>;
}

const DEFAULT_BUDGET = '100000/1s';

export async function startPipelineHarness(
  options: PipelineHarnessOptions,
): Promise<PipelineHarness> {
  const fixtures = await fixturesFor(options.seed ?? 'sample');
  const offerit = createOfferitSandbox({
    ...SANDBOX_CREDENTIALS.offerit,
    ...sandboxAnswers(),
    rateLimit: options.sandboxRateLimit?.offerit ?? null,
    ...(fixtures.offerit ? { fixtures: offeritFixturesSchema.parse(fixtures.offerit) } : {}),
  });
  const offerslook = createOfferslookSandbox({
    ...SANDBOX_CREDENTIALS.offerslook,
    ...sandboxAnswers(),
    rateLimit: options.sandboxRateLimit?.offerslook ?? null,
    ...(fixtures.offerslook
      ? { fixtures: offerslookFixturesSchema.parse(fixtures.offerslook) }
      : {}),
  });
  const holds = { offerit: installHolds(offerit.app), offerslook: installHolds(offerslook.app) };
  const children: WorkerChild[] = [];
  let app: App | undefined;
  let workers: RunningWorkers | undefined;
  let events: Partial<Record<PlatformName, QueueEvents>> = {};
  let eventsConnection: Redis | undefined;
  try {
    const env: Record<string, string> = {
      REDIS_URL: options.redisUrl,
      OFFER_SYNC_PREFIX: options.prefix,
      OFFERIT_BASE_URL: await offerit.start('127.0.0.1', 0),
      OFFERIT_API_USERNAME: SANDBOX_CREDENTIALS.offerit.username,
      OFFERIT_API_KEY: SANDBOX_CREDENTIALS.offerit.apiKey,
      OFFERIT_RATE_LIMIT: options.budget?.offerit ?? DEFAULT_BUDGET,
      OFFERSLOOK_BASE_URL: await offerslook.start('127.0.0.1', 0),
      OFFERSLOOK_NETWORK: SANDBOX_CREDENTIALS.offerslook.network,
      OFFERSLOOK_API_KEY: SANDBOX_CREDENTIALS.offerslook.apiKey,
      OFFERSLOOK_RATE_LIMIT: options.budget?.offerslook ?? DEFAULT_BUDGET,
      ADVERTISER_MAP: SAMPLE_ADVERTISER_MAP,
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    const config = loadConfig(env);
    app = await openApp(config, createLogger({ level: config.logLevel }));
    const built = app;
    const route = built.route('offerit', 'offerslook')!;
    const pair: HarnessPair = {
      clients: route.sync.clients,
      links: route.pair.links,
      intents: route.pair.intents,
      conflicts: route.pair.conflicts,
      observations: route.pair.observations,
      mappings: route.sync.mappings,
      syncDeps: route.sync,
    };
    // Each job awaited with waitUntilFinished listens for the queue closing.
    for (const queue of Object.values(built.queues.sync)) queue.setMaxListeners(0);
    eventsConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    const eventsFor = async (target: PlatformName): Promise<QueueEvents> => {
      let queueEvents = events[target];
      if (!queueEvents) {
        queueEvents = new QueueEvents(syncQueueName(target), {
          connection: eventsConnection!,
          prefix: built.queues.prefixOf(target),
        });
        events = { ...events, [target]: queueEvents };
        await queueEvents.waitUntilReady();
      }
      return queueEvents;
    };
    // Listening before any job runs, so no completion is missed.
    await Promise.all([eventsFor('offerit'), eventsFor('offerslook')]);

    const harness: PipelineHarness = {
      offerit,
      offerslook,
      env,
      config,
      app: built,
      pair,
      get workers() {
        return workers;
      },
      async startWorkers(concurrency = 4) {
        workers ??= await startSyncWorkers(built, { concurrency });
        return workers;
      },
      async stopWorkers() {
        const running = workers;
        workers = undefined;
        if (running) await Promise.all(running.workers.map((worker) => worker.close()));
      },
      enqueue: (source, key) =>
        enqueueSync(built.queues.sync, {
          source,
          target: otherPlatform(source),
          kind: key.kind,
          id: key.id,
          ...(key.offerId === undefined ? {} : { offerId: key.offerId }),
          reason: 'cli',
        }),
      async result(source, jobId, timeoutMs = 20_000) {
        const target = otherPlatform(source);
        const job = await built.queues.sync[target]!.getJob(jobId);
        if (!job) throw new Error(`no job ${jobId} on ${syncQueueName(target)}`);
        return (await job.waitUntilFinished(await eventsFor(target), timeoutMs)) as SyncResult;
      },
      async sync(source, key, timeoutMs) {
        const queued = await harness.enqueue(source, key);
        return harness.result(source, queued.jobId, timeoutMs);
      },
      hold: (platform, match, stage = 'request') => holds[platform].add(match, stage),
      spawnWorker(spawnOptions = {}) {
        const child = spawnWorkerChild(
          { ...env, ...spawnOptions.env },
          spawnOptions.concurrency ?? 4,
        );
        children.push(child);
        return child;
      },
      cli: (args, timeoutMs) => runCli(args, env, timeoutMs),
      clearLogs() {
        offerit.runtime.log.clear();
        offerslook.runtime.log.clear();
      },
      async stop() {
        await Promise.all(children.map((child) => child.stop('SIGKILL')));
        holds.offerit.releaseAll();
        holds.offerslook.releaseAll();
        await harness.stopWorkers();
        await Promise.all(Object.values(events).map((queueEvents) => queueEvents.close()));
        eventsConnection?.disconnect();
        await built.close();
        await Promise.all([offerit.stop(), offerslook.stop()]);
      },
    };
    if (options.workers !== false) await harness.startWorkers(options.workers ?? 4);
    return harness;
  } catch (error) {
    await Promise.all(children.map((child) => child.stop('SIGKILL')));
    await Promise.all(Object.values(events).map((queueEvents) => queueEvents.close()));
    eventsConnection?.disconnect();
    await app?.close();
    await Promise.all([offerit.stop(), offerslook.stop()]);
    throw error;
  }
}

async function fixturesFor(
  seed: NonNullable<PipelineHarnessOptions['seed']>,
): Promise<NetworkFixtures> {
  if (seed === 'empty') return {};
  if (seed !== 'sample') return seed;
  const read = async (url: URL): Promise<unknown> => JSON.parse(await readFile(url, 'utf8'));
  return {
    offerit: (await read(SAMPLE_FIXTURES.offerit)) as OfferitFixtures,
    offerslook: (await read(SAMPLE_FIXTURES.offerslook)) as OfferslookFixtures,
  };
}

/**
 * Hooks that park matching requests until released: `onRequest` (registered after the sandbox
 * runtime's own, so a held request has been counted and timed) and `onSend` (after the handler).
 */
function installHolds(app: FastifyInstance): {
  add(match: (request: FastifyRequest) => boolean, stage: HoldStage): HeldRequests;
  releaseAll(): void;
} {
  interface Hold {
    match: (request: FastifyRequest) => boolean;
    stage: HoldStage;
    released: Promise<void>;
    arrive: () => void;
    leave: () => void;
    release: () => void;
  }
  const active: Hold[] = [];
  /** Waits while a hold matches; says whether the client went away meanwhile. */
  const park = async (request: FastifyRequest, stage: HoldStage): Promise<'released' | 'gone'> => {
    const hold = active.find((candidate) => candidate.stage === stage && candidate.match(request));
    if (!hold) return 'released';
    hold.arrive();
    const gone = new Promise<'gone'>((resolve) =>
      request.raw.socket?.once('close', () => {
        hold.leave();
        resolve('gone');
      }),
    );
    return Promise.race([hold.released.then(() => 'released' as const), gone]);
  };
  app.addHook('onRequest', async (request, reply) => {
    // A request held before it is handled, whose client died meanwhile, never reaches the
    // platform: the test decides that it was not sent (not that it landed unanswered).
    if ((await park(request, 'request')) === 'gone') {
      reply.hijack();
      request.raw.socket?.destroy();
    }
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    await park(request, 'response');
    return payload;
  });
  return {
    add(match, stage) {
      let arrive!: () => void;
      let leave!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const clientGone = new Promise<void>((resolve) => (leave = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      const hold: Hold = {
        match,
        stage,
        released,
        arrive,
        leave,
        release: () => {
          const index = active.indexOf(hold);
          if (index >= 0) active.splice(index, 1);
          release();
        },
      };
      active.push(hold);
      return { arrived, clientGone, release: hold.release };
    },
    releaseAll() {
      for (const hold of [...active]) hold.release();
    },
  };
}

function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
}

function spawnWorkerChild(env: Record<string, string>, concurrency: number): WorkerChild {
  const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', String(concurrency)], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/offer-sync is running/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`offer-sync worker exited (${code}) before it ran:\n${output}`)),
    );
  });
  ready.catch(() => {});
  return {
    process: child,
    output: () => output,
    ready,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export { BIN, runCli, type CliRun };

/** Polls until `check` returns something other than `undefined`/`false`: wait for behaviour, not time. */
export function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  return pollUntil(check, what, timeoutMs, intervalMs);
}
