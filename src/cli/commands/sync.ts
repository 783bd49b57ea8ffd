// `offer-sync sync <platform>:<entity>:<id>`: enqueue one sync (goals and commissions name their
// offer: `offerit:goal:400/48`). With --wait, waits for a worker to finish it and prints the result.
import { QueueEvents } from 'bullmq';
import type { Command } from 'commander';
import type { RedisConnection } from '../../redis/redis-connection.js';
import type { Config } from '../../config/index.js';
import { PLATFORMS, type PlatformName } from '../../vocabulary/index.js';
import { parseEntityKey, type EntityKey } from '../../vocabulary/index.js';
import {
  bullPrefix,
  connectRedis,
  createQueueSet,
  enqueueSync,
  syncQueueName,
} from '../../queue/index.js';
import { otherPlatform } from '../../vocabulary/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

export interface SyncTarget {
  platform: PlatformName;
  key: EntityKey;
}

/** Parses `offerit:offer:400` or `offerslook:goal:7/3`; returns an error sentence otherwise. */
export function parseSyncTarget(text: string): SyncTarget | string {
  const [platform, ...rest] = text.split(':');
  if (!PLATFORMS.includes(platform as PlatformName)) {
    return `expected <platform>:<entity>:<id> with platform offerit or offerslook, got ${JSON.stringify(text)}`;
  }
  const key = parseEntityKey(rest.join(':'));
  if (!key || key.kind === 'affiliate') {
    return `expected <platform>:<offer|goal|commission>:<id> (goals and commissions as <offerId>/<id>), got ${JSON.stringify(text)}`;
  }
  if (key.kind !== 'offer' && key.offerId === undefined) {
    return `a ${key.kind} lives under an offer: write ${platform}:${key.kind}:<offerId>/${key.id}`;
  }
  return { platform: platform as PlatformName, key };
}

export async function runSyncCommand(
  config: Config,
  target: SyncTarget,
  options: { wait: boolean; timeoutMs: number },
  out: (line: string) => void,
): Promise<number> {
  const connection = await connectRedis(config.redis, 'producer', 'offer-sync:cli');
  const queues = createQueueSet({ connection, prefix: config.prefix });
  let events: QueueEvents | undefined;
  let eventsConnection: RedisConnection | undefined;
  try {
    const queueName = syncQueueName(otherPlatform(target.platform));
    if (options.wait) {
      // QueueEvents blocks on its connection, so it gets its own.
      eventsConnection = await connectRedis(config.redis, 'worker', 'offer-sync:cli-events');
      events = new QueueEvents(queueName, {
        connection: eventsConnection,
        prefix: bullPrefix(config.prefix),
      });
      await events.waitUntilReady();
    }
    const queued = await enqueueSync(queues.sync, {
      source: target.platform,
      kind: target.key.kind,
      id: target.key.id,
      ...(target.key.offerId === undefined ? {} : { offerId: target.key.offerId }),
      reason: 'cli',
    });
    out(`queued job ${queued.jobId} on ${queued.queue}`);
    if (!options.wait || !events) return EXIT.OK;
    const job = await queues.sync[otherPlatform(target.platform)].getJob(queued.jobId);
    if (!job) {
      out('the job finished before it could be watched; see the dashboard for its result');
      return EXIT.OK;
    }
    try {
      const result: unknown = await job.waitUntilFinished(events, options.timeoutMs);
      out(JSON.stringify(result, null, 2));
      return EXIT.OK;
    } catch (error) {
      const message = (error as Error).message;
      out(
        /timed out|timeout/i.test(message)
          ? `no result within ${options.timeoutMs} ms: is a worker running (offer-sync start or offer-sync worker)?`
          : `sync failed: ${message}`,
      );
      return EXIT.FAILED;
    }
  } finally {
    await events?.close();
    eventsConnection?.disconnect();
    await queues.close();
    await connection.quit().catch(() => connection.disconnect());
  }
}

export const registerSyncCommand: CommandRegistrar = (program: Command) => {
  program
    .command('sync')
    .description('enqueue one sync, e.g. offerit:offer:400 or offerslook:goal:7/3')
    .argument('<target>', '<platform>:<entity>:<id>')
    .option('--wait', 'wait for the result and print it')
    .option('--timeout <ms>', 'how long --wait waits', '60000')
    .action(async (text: string, options: { wait?: boolean; timeout: string }) => {
      const target = parseSyncTarget(text);
      if (typeof target === 'string') {
        process.stderr.write(`sync: ${target}\n`);
        process.exit(EXIT.USAGE);
      }
      process.exitCode = await runSyncCommand(
        configOrExit(),
        target,
        { wait: options.wait === true, timeoutMs: Number(options.timeout) },
        (line) => process.stdout.write(`${line}\n`),
      );
    });
};
