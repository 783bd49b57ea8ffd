// `offer-sync sync <connection>:<entity>:<id>`: enqueue one sync along every route out of that
// connection (goals and commissions name their offer: `offerit:goal:400/48`). Without a config
// file the connections are named after their platforms, so `offerit:offer:400` reads as before.
// With --wait, waits for a worker to finish each job and prints the results.
import { QueueEvents } from 'bullmq';
import type { Command } from 'commander';
import type { RedisConnection } from '../../redis/redis-connection.js';
import { unknownConnection, type Config } from '../../config/index.js';
import { parseEntityRef, type EntityRef } from '../../vocabulary/index.js';
import { connectRedis, createQueueSet, enqueueSync, type Enqueued } from '../../queue/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

/** The connection the entity lives on (the sync's source) and the entity. */
export type SyncTarget = EntityRef;

/** Parses `offerit:offer:400` or `partner-a:goal:7/3`; returns an error sentence otherwise. */
export const parseSyncTarget = parseEntityRef;

/** Why `target` cannot be synced under `config`, or undefined when a route leaves it. */
export function unroutable(config: Config, target: SyncTarget): string | undefined {
  if (!config.connections[target.connection]) {
    return unknownConnection(config, target.connection);
  }
  if (!config.routes.some((route) => route.source === target.connection)) {
    return `no route leaves ${target.connection}: nothing would sync it`;
  }
  return undefined;
}

export async function runSyncCommand(
  config: Config,
  target: SyncTarget,
  options: { wait: boolean; timeoutMs: number },
  out: (line: string) => void,
): Promise<number> {
  const problem = unroutable(config, target);
  if (problem) {
    out(`sync: ${problem}`);
    return EXIT.USAGE;
  }
  const routes = config.routes.filter((route) => route.source === target.connection);
  const connection = await connectRedis(config.redis, 'producer', 'offer-sync:cli');
  const queues = createQueueSet({
    connection,
    prefix: config.prefix,
    connections: Object.keys(config.connections),
  });
  const watchers: { events: QueueEvents; connection: RedisConnection }[] = [];
  try {
    const events = new Map<string, QueueEvents>();
    if (options.wait) {
      for (const route of routes) {
        // QueueEvents blocks on its connection, so each gets its own.
        const eventsConnection = await connectRedis(
          config.redis,
          'worker',
          'offer-sync:cli-events',
        );
        const watcher = new QueueEvents(queues.sync[route.target]!.name, {
          connection: eventsConnection,
          prefix: queues.prefixOf(route.target),
        });
        watchers.push({ events: watcher, connection: eventsConnection });
        await watcher.waitUntilReady();
        events.set(route.target, watcher);
      }
    }
    const queued: { target: string; enqueued: Enqueued }[] = [];
    for (const route of routes) {
      const enqueued = await enqueueSync(queues.sync, {
        source: target.connection,
        target: route.target,
        kind: target.key.kind,
        id: target.key.id,
        ...(target.key.offerId === undefined ? {} : { offerId: target.key.offerId }),
        reason: 'cli',
      });
      queued.push({ target: route.target, enqueued });
      out(`queued job ${enqueued.jobId} on ${enqueued.queue}`);
    }
    if (!options.wait) return EXIT.OK;
    let code: number = EXIT.OK;
    for (const { target: to, enqueued } of queued) {
      const job = await queues.sync[to]!.getJob(enqueued.jobId);
      if (!job) {
        out(
          `job ${enqueued.jobId} finished before it could be watched; see the dashboard for its result`,
        );
        continue;
      }
      try {
        const result: unknown = await job.waitUntilFinished(events.get(to)!, options.timeoutMs);
        out(JSON.stringify(result, null, 2));
      } catch (error) {
        const message = (error as Error).message;
        out(
          /timed out|timeout/i.test(message)
            ? `no result for job ${enqueued.jobId} within ${options.timeoutMs} ms: is a worker running (offer-sync start or offer-sync worker)?`
            : `sync to ${to} failed: ${message}`,
        );
        code = EXIT.FAILED;
      }
    }
    return code;
  } finally {
    for (const watcher of watchers) {
      await watcher.events.close();
      watcher.connection.disconnect();
    }
    await queues.close();
    await connection.quit().catch(() => connection.disconnect());
  }
}

export const registerSyncCommand: CommandRegistrar = (program: Command) => {
  program
    .command('sync')
    .description('enqueue one sync along every route out of a connection, e.g. offerit:offer:400')
    .argument('<target>', '<connection>:<entity>:<id>')
    .option('--wait', 'wait for the results and print them')
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
