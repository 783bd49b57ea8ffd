// Data written before named connections lived under one hash tag, `{prefix}`, with the two
// platforms as its only accounts. Each connection now has its tag, each pair of connections
// its own (key-layout.ts). On the first start after the upgrade, this moves what that layout
// left — links, write intents, conflicts, retired twins, waiting sync jobs and dead letters — to
// the connections named `offerit` and `offerslook` (which the environment's configuration, and
// a config file keeping those names, has), once: a mark in Redis says it is done, a lock keeps
// two processes from doing it together. Reconcile run reports and the reconcile queue stay where
// they were: they are the deployment's, and keep its tag.
import { Queue, type Job } from 'bullmq';
import type { Config } from '../config/index.js';
import type { Logger } from '../log/logger.js';
import { deadLetterQueueName, syncQueueName } from '../queue/index.js';
import type { KeyLayout } from '../redis/key-layout.js';
import type { RedisConnection } from '../redis/redis-connection.js';
import { deleteKeys, scanKeys } from '../redis/scan-keys.js';

/** The layout this code writes; the mark's value once the old one is moved. */
const LAYOUT = '2';
const LEGACY_CONNECTIONS = { offerit: 'offerit', offerslook: 'offerslook' } as const;
/** Key families of the pair (suffix patterns under `{prefix}`), moved whole. */
const PAIR_FAMILIES = [
  'link:*',
  'links:*',
  'intent:*',
  'conflicts',
  'conflicts:*',
  'reconcile:retired:*',
];
/** Bookkeeping that only lasts a run or a window: dropped, not moved. */
const EPHEMERAL = ['limiter:*', 'reconcile:run:*'];
const JOB_STATES = ['wait', 'delayed', 'prioritized'] as const;

export async function migrateLegacyLayout(
  redis: RedisConnection,
  config: Config,
  layout: KeyLayout,
  logger: Logger,
): Promise<void> {
  const mark = `${layout.global}:layout`;
  if ((await redis.get(mark)) === LAYOUT) return;
  if (!(await hasLegacyData(redis, layout))) {
    await redis.set(mark, LAYOUT);
    return;
  }
  const { offerit, offerslook } = LEGACY_CONNECTIONS;
  if (
    config.connections[offerit]?.platform !== 'offerit' ||
    config.connections[offerslook]?.platform !== 'offerslook'
  ) {
    logger.warn(
      'Redis holds links and jobs written before named connections, for the connections "offerit" and "offerslook", which this configuration does not name: left where they are. Name your connections so to keep them.',
    );
    return;
  }
  const lock = `${mark}:lock`;
  if ((await redis.set(lock, String(process.pid), 'PX', 120_000, 'NX')) !== 'OK') {
    await waitForMark(redis, mark);
    return;
  }
  try {
    const moved = await movePairKeys(redis, layout, layout.pair(offerit, offerslook));
    for (const pattern of EPHEMERAL) await deleteKeys(redis, `${layout.global}:${pattern}`);
    const jobs = await moveQueues(redis, layout, [offerit, offerslook]);
    await redis.set(mark, LAYOUT);
    logger.info(
      { keys: moved, jobs },
      'moved data written before named connections to the connections offerit and offerslook',
    );
  } finally {
    await redis.del(lock);
  }
}

async function hasLegacyData(redis: RedisConnection, layout: KeyLayout): Promise<boolean> {
  for (const pattern of [...PAIR_FAMILIES, 'sync-*', 'dlq-*']) {
    for await (const keys of scanKeys(redis, `${layout.global}:${pattern}`)) {
      if (keys.length > 0) return true;
    }
  }
  return false;
}

/** DUMP and RESTORE, key by key (the two tags may be on different Cluster nodes), then DEL. */
async function movePairKeys(
  redis: RedisConnection,
  layout: KeyLayout,
  pairPrefix: string,
): Promise<number> {
  let moved = 0;
  for (const pattern of PAIR_FAMILIES) {
    for await (const keys of scanKeys(redis, `${layout.global}:${pattern}`)) {
      for (const key of keys) {
        const dumped = await redis.dumpBuffer(key);
        if (dumped === null) continue;
        const ttl = await redis.pttl(key);
        const target = pairPrefix + key.slice(layout.global.length);
        await redis.restore(target, ttl > 0 ? ttl : 0, dumped, 'REPLACE');
        await redis.del(key);
        moved += 1;
      }
    }
  }
  return moved;
}

/**
 * Waiting sync jobs and dead letters go to their connection's queues, with their data and ids;
 * the old queues are emptied. A job still active under the old layout (a worker of the old
 * version still runs) is left to finish there.
 */
async function moveQueues(
  redis: RedisConnection,
  layout: KeyLayout,
  connections: readonly string[],
): Promise<number> {
  let moved = 0;
  for (const connection of connections) {
    for (const name of [syncQueueName(connection), deadLetterQueueName(connection)]) {
      const from = new Queue(name, { connection: redis, prefix: layout.global });
      const to = new Queue(name, { connection: redis, prefix: layout.connection(connection) });
      try {
        const jobs = (await from.getJobs([...JOB_STATES], 0, -1, true)).filter(
          (job): job is Job => job !== undefined,
        );
        for (const job of jobs) {
          await to.add(job.name, job.data as unknown, {
            ...(job.id === undefined ? {} : { jobId: job.id }),
            ...(job.opts.priority ? { priority: job.opts.priority } : {}),
            ...(job.opts.attempts ? { attempts: job.opts.attempts } : {}),
            ...(job.opts.backoff ? { backoff: job.opts.backoff } : {}),
          });
          await job.remove();
          moved += 1;
        }
        if ((await from.getActiveCount()) === 0) await from.obliterate({ force: true });
      } finally {
        await Promise.all([from.close(), to.close()]);
      }
    }
  }
  return moved;
}

async function waitForMark(redis: RedisConnection, mark: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await redis.get(mark)) === LAYOUT) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    'another process is moving the pre-connections Redis layout and has not finished in 2 minutes',
  );
}
