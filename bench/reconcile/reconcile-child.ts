// One reconcile run in a process of its own, measured from the inside: wall time of the run
// alone (not process start-up) and peak RSS. Config comes from the environment, as for the CLI;
// the request is argv[2] as JSON. Prints one JSON line with the report's counts.
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/logger.js';
import { openApp } from '../../src/app/app.js';
import { createReconcilers } from '../../src/app/reconcilers.js';
import { runReconcile, type ReconcileRequest } from '../../src/sync/reconcile/index.js';

const request = JSON.parse(process.argv[2] ?? '{}') as ReconcileRequest;
const config = loadConfig(process.env);
// Logs to stderr: stdout carries the result.
const app = await openApp(config, createLogger({ level: 'warn' }, pino.destination(2)));
// The connections are named after their platforms (no config file).
const route = await createReconcilers(app, {
  worker: !request.dryRun,
  // The CLI's own worker concurrency (8); BENCH_CONCURRENCY overrides it.
  workerConcurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
})(request.from, request.to);
if (!route) throw new Error(`no route ${request.from}->${request.to}`);
const before = process.resourceUsage().maxRSS;
const started = performance.now();
const report = await runReconcile(request, route.deps);
const wallMs = performance.now() - started;
// With --expose-gc: what the run left live on the heap, as opposed to what GC had not yet reclaimed.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapAfterGcKb = gc ? Math.round(process.memoryUsage().heapUsed / 1024) : undefined;
const { items: _items, ...summary } = report;
process.stdout.write(
  `${JSON.stringify({
    bench: {
      ...summary,
      wallMs,
      /** Kilobytes, from the OS: the process's peak resident set. */
      maxRssKb: process.resourceUsage().maxRSS,
      rssBeforeRunKb: before,
      heapAfterGcKb,
    },
  })}\n`,
);
await app.close();
process.exit(0);
