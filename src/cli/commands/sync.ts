// `offer-sync sync <connection>:<entity>:<id>`: enqueue one sync along every route out of that
// connection (goals and commissions name their offer: `offerit:goal:400/48`). Without a config
// file the connections are named after their platforms, so `offerit:offer:400` reads as before.
// With --wait, waits for a worker to finish each job and prints the results; when no worker
// runs on a queue it would wait on, it says so at once (exit 3) and queues nothing. With
// --inline, runs the sync in this process instead, as a worker would, and prints the same.
import { QueueEvents } from 'bullmq';
import { Option, type Command } from 'commander';
import type { RedisConnection } from '../../redis/redis-connection.js';
import { unknownConnection, type Config } from '../../config/index.js';
import { formatEntityKey, parseEntityRef, type EntityRef } from '../../vocabulary/index.js';
import { connectRedis, createQueueSet, enqueueSync, type QueueSet } from '../../queue/index.js';
import { workerPresence } from '../../queue/worker-presence.js';
import { openApp, type App } from '../../app/app.js';
import { failureReason } from '../../errors/index.js';
import { syncInline } from '../../app/inline-sync.js';
import { guardRedis } from '../../app/redis-guard.js';
import { createProcessLogger } from '../../log/logger.js';
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

/** `queue`: enqueue only; `wait`: enqueue and wait for workers; `inline`: run it here. */
export type SyncMode = 'queue' | 'wait' | 'inline';

export interface SyncCommandOptions {
  mode: SyncMode;
  /** One JSON object on stdout (SyncReport) instead of lines. */
  json?: boolean;
  /** How long --wait waits for each job. */
  timeoutMs: number;
}

/** What happened along one route. */
export interface RouteReport {
  /** `offerit->offerslook` */
  route: string;
  /** The connection written to. */
  target: string;
  /** `not-queued`: its own queue has a worker, another route's has none, so nothing was queued. */
  status: 'queued' | 'done' | 'failed' | 'timeout' | 'no-worker' | 'not-queued';
  /** The queue job (not for --inline). */
  jobId?: string;
  queue?: string;
  /** The SyncResult, when done. */
  result?: unknown;
  /** Why it failed, timed out or could not be queued. */
  reason?: string;
}

/** `sync --json`: the same shape for every mode. */
export interface SyncReport {
  /** `<connection>:<entity>:<id>` as given. */
  target: string;
  mode: SyncMode;
  routes: RouteReport[];
  /** Why nothing ran at all (no worker for --wait, Redis unsafe or unreachable for --inline). */
  problem?: string;
}

export async function runSyncCommand(
  config: Config,
  target: SyncTarget,
  options: SyncCommandOptions,
  out: (line: string) => void,
): Promise<number> {
  const problem = unroutable(config, target);
  if (problem) {
    out(`sync: ${problem}`);
    return EXIT.USAGE;
  }
  const report: SyncReport = {
    target: `${target.connection}:${formatEntityKey(target.key)}`,
    mode: options.mode,
    routes: [],
  };
  const code =
    options.mode === 'inline'
      ? await runInline(config, target, report, options.json ? () => {} : out)
      : await runQueued(config, target, options, report, options.json ? () => {} : out);
  if (options.json) out(JSON.stringify(report, null, 2));
  return code;
}

async function runInline(
  config: Config,
  target: SyncTarget,
  report: SyncReport,
  out: (line: string) => void,
): Promise<number> {
  // Logs go to stderr: stdout carries the results.
  const logger = createProcessLogger({ level: 'warn', format: config.logFormat, fd: 2 });
  let app: App;
  try {
    app = await openApp(config, logger);
  } catch (error) {
    report.problem = `cannot run it here: ${failureReason(error)}`;
    out(`sync: ${report.problem}`);
    return EXIT.FAILED;
  }
  try {
    try {
      await guardRedis(app.redis.commands, config.allowEviction, logger);
    } catch (error) {
      report.problem = failureReason(error);
      out(`sync: ${report.problem}`);
      return EXIT.FAILED;
    }
    const outcomes = await syncInline(app, target.connection, target.key);
    let code: number = EXIT.OK;
    for (const outcome of outcomes) {
      if (outcome.ok) {
        report.routes.push({
          route: outcome.route,
          target: outcome.target,
          status: 'done',
          result: outcome.result,
        });
        out(`synced along ${outcome.route} in this process`);
        out(JSON.stringify(outcome.result, null, 2));
      } else {
        report.routes.push({
          route: outcome.route,
          target: outcome.target,
          status: 'failed',
          reason: outcome.reason,
        });
        out(`sync to ${outcome.target} failed: ${outcome.reason}`);
        code = EXIT.FAILED;
      }
    }
    return code;
  } finally {
    await app.close();
  }
}

async function runQueued(
  config: Config,
  target: SyncTarget,
  options: SyncCommandOptions,
  report: SyncReport,
  out: (line: string) => void,
): Promise<number> {
  const routes = config.routes.filter((route) => route.source === target.connection);
  const connection = await connectRedis(config.redis, 'producer', 'offer-sync:cli');
  const queues = createQueueSet({
    connection,
    prefix: config.prefix,
    connections: Object.keys(config.connections),
  });
  const watchers: { events: QueueEvents; connection: RedisConnection }[] = [];
  try {
    if (options.mode === 'wait') {
      const idle = await queuesWithoutWorker(queues, [...new Set(routes.map((r) => r.target))]);
      if (idle.length > 0) {
        for (const route of routes) {
          const queue = queues.sync[route.target]!.name;
          const none = idle.includes(route.target);
          report.routes.push({
            route: route.name,
            target: route.target,
            status: none ? 'no-worker' : 'not-queued',
            queue,
            reason: none
              ? `no worker is running on ${queue}`
              : `not queued: another route's queue has no worker`,
          });
        }
        report.problem =
          idle
            .map(
              (name) => `no worker is running on ${queues.sync[name]!.name} (the queue of ${name})`,
            )
            .join('; ') +
          ': nothing was queued. Start one (offer-sync start or offer-sync worker), or run this sync here with --inline';
        out(report.problem);
        return EXIT.NO_WORKER;
      }
    }
    const events = new Map<string, QueueEvents>();
    if (options.mode === 'wait') {
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
    const queued: { route: RouteReport; to: string }[] = [];
    for (const route of routes) {
      const enqueued = await enqueueSync(queues.sync, {
        source: target.connection,
        target: route.target,
        kind: target.key.kind,
        id: target.key.id,
        ...(target.key.offerId === undefined ? {} : { offerId: target.key.offerId }),
        reason: 'cli',
      });
      const entry: RouteReport = {
        route: route.name,
        target: route.target,
        status: 'queued',
        jobId: enqueued.jobId,
        queue: enqueued.queue,
      };
      report.routes.push(entry);
      queued.push({ route: entry, to: route.target });
      out(`queued job ${enqueued.jobId} on ${enqueued.queue}`);
    }
    if (options.mode !== 'wait') return EXIT.OK;
    let code: number = EXIT.OK;
    for (const { route: entry, to } of queued) {
      const jobId = entry.jobId!;
      const job = await queues.sync[to]!.getJob(jobId);
      if (!job) {
        entry.reason = `job ${jobId} finished before it could be watched; see the dashboard for its result`;
        out(entry.reason);
        continue;
      }
      try {
        const result: unknown = await job.waitUntilFinished(events.get(to)!, options.timeoutMs);
        entry.status = 'done';
        entry.result = result;
        out(JSON.stringify(result, null, 2));
      } catch (error) {
        const message = (error as Error).message;
        const timedOut = /timed out|timeout/i.test(message);
        entry.status = timedOut ? 'timeout' : 'failed';
        entry.reason = timedOut
          ? `no result for job ${jobId} within ${options.timeoutMs} ms: is a worker running (offer-sync start or offer-sync worker)?`
          : message;
        out(timedOut ? entry.reason : `sync to ${to} failed: ${message}`);
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

/** The target connections whose sync queue no worker takes from (CLIENT LIST, at once). */
async function queuesWithoutWorker(queues: QueueSet, targets: string[]): Promise<string[]> {
  const idle: string[] = [];
  for (const name of targets) {
    if ((await workerPresence(queues.sync[name]!)) === 'none') idle.push(name);
  }
  return idle;
}

export const registerSyncCommand: CommandRegistrar = (program: Command) => {
  program
    .command('sync')
    .description('enqueue one sync along every route out of a connection, e.g. offerit:offer:400')
    .argument('<target>', '<connection>:<entity>:<id>')
    .option('--wait', 'wait for the results and print them (exit 3 at once when no worker runs)')
    .addOption(
      new Option('--inline', 'run the sync in this process instead of queueing it').conflicts(
        'wait',
      ),
    )
    .option('--json', 'print one JSON object (the same shape for --wait and --inline)')
    .option('--timeout <ms>', 'how long --wait waits', '60000')
    .action(
      async (
        text: string,
        options: { wait?: boolean; inline?: boolean; json?: boolean; timeout: string },
      ) => {
        const target = parseSyncTarget(text);
        if (typeof target === 'string') {
          process.stderr.write(`sync: ${target}\n`);
          process.exit(EXIT.USAGE);
        }
        process.exitCode = await runSyncCommand(
          configOrExit(),
          target,
          {
            mode: options.inline ? 'inline' : options.wait ? 'wait' : 'queue',
            json: options.json === true,
            timeoutMs: Number(options.timeout),
          },
          (line) => process.stdout.write(`${line}\n`),
        );
      },
    );
};
