// Starts the real ingress on 127.0.0.1:0 with real BullMQ queues on the test Redis, a real
// enqueue function that records its calls and adds a job, and a log capture.
import { Queue } from 'bullmq';
import { loadConfig } from '../../../src/config/index.js';
import {
  createIngressServer,
  type EnqueueSyncRequest,
  type IngressOptions,
  type Readiness,
} from '../../../src/ingress/index.js';
import { createLogger } from '../../../src/log/logger.js';
import { createMetricsRegistry, type MetricsRegistry } from '../../../src/metrics/index.js';
import { RedisWebhookReplayStore } from '../../../src/store/index.js';
import type { RedisScope } from '../../helpers/redis.js';

export const QUEUE_NAMES = [
  'sync-offerit',
  'sync-offerslook',
  'reconcile',
  'dlq-offerit',
  'dlq-offerslook',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Both platforms configured (never called: the enqueue function stands in for the queues), so
 * the two connections named after them, and the route between them, exist.
 */
const PLATFORM_ENV = {
  OFFERIT_BASE_URL: 'http://127.0.0.1:9/api',
  OFFERIT_API_USERNAME: 'ingress-test',
  OFFERIT_API_KEY: 'ingress-test-offerit-key',
  OFFERSLOOK_BASE_URL: 'http://127.0.0.1:9',
  OFFERSLOOK_NETWORK: 'ingress-test',
  OFFERSLOOK_API_KEY: 'ingress-test-offerslook-key',
};

/** The fixture's API_TOKEN (unless `env` sets another): automation's credentials. */
export const API_TOKEN = 'ingress-test-api-token-0123456789';
export const BEARER = { authorization: `Bearer ${API_TOKEN}` } as const;

export interface IngressFixture {
  url: string;
  queues: Record<QueueName, Queue>;
  enqueued: EnqueueSyncRequest[];
  metrics: MetricsRegistry;
  /** Every log line the server wrote, as raw JSON text. */
  logLines: string[];
  /** Every route the server registered (method and pattern). */
  routes: readonly { method: string; url: string }[];
  /** Total jobs in every state of every queue. */
  jobTotal(): Promise<number>;
  close(): Promise<void>;
}

export interface FixtureOptions extends IngressOptions {
  env?: Record<string, string>;
  readiness?: Readiness;
  /** Whether Redis answers, as the service's health watch says. @defaultValue always */
  redisAvailable?: () => boolean;
}

export async function startIngress(
  scope: RedisScope,
  options: FixtureOptions = {},
): Promise<IngressFixture> {
  const connection = scope.connect();
  const prefix = `{${scope.prefix}}`;
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })]),
  ) as Record<QueueName, Queue>;
  const enqueued: EnqueueSyncRequest[] = [];
  const logLines: string[] = [];
  const logger = createLogger(
    { level: 'debug' },
    { write: (line: string) => void logLines.push(line) },
  );
  const metrics = createMetricsRegistry();
  const { env, readiness, redisAvailable, ...ingressOptions } = options;
  const server = await createIngressServer(
    {
      config: loadConfig({ ...PLATFORM_ENV, API_TOKEN, ...env }),
      webhookReplays: new RedisWebhookReplayStore(connection, { prefix }),
      ...(redisAvailable ? { redisAvailable } : {}),
      logger,
      queues: Object.values(queues),
      metrics,
      readiness: readiness ?? (() => Promise.resolve({ ready: true, checks: { redis: 'ok' } })),
      enqueueSync: async (request) => {
        enqueued.push(request);
        const target = request.connection === 'offerit' ? 'sync-offerslook' : 'sync-offerit';
        const { connection: source, entity, ...rest } = request;
        const job = await queues[target].add('sync', {
          source,
          kind: entity,
          ...rest,
          reason: 'webhook',
          requestedAt: new Date().toISOString(),
        });
        return { jobIds: [job.id!] };
      },
    },
    ingressOptions,
  );
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    routes: server.routes,
    queues,
    enqueued,
    metrics,
    logLines,
    async jobTotal() {
      const counts = await Promise.all(Object.values(queues).map((queue) => queue.getJobCounts()));
      return counts.reduce(
        (sum, byState) => sum + Object.values(byState).reduce((a, b) => a + b, 0),
        0,
      );
    },
    async close() {
      await server.close();
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    },
  };
}
