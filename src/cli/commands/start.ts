// `offer-sync start` (HTTP server + workers + scheduler in one process) and `offer-sync worker`
// (workers only: run many, on many hosts; every limit still holds, being kept in Redis).
// With no platform configured, `start` runs the demo: sandboxes seeded with sample offers.
import type { Command } from 'commander';
import { CleanupStack, closeOnSignals } from '../../app/cleanup-stack.js';
import { isDemo, prepareDemo } from '../../app/demo.js';
import { firstMirrorReport } from '../../app/first-mirror-report.js';
import { mirrorSampleNetwork } from '../../app/mirror-sample.js';
import { startService } from '../../app/service.js';
import { createProcessLogger } from '../../log/logger.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

interface RunOptions {
  http: boolean;
  scheduler: boolean;
  concurrency: string;
}

async function run(options: RunOptions, allowDemo: boolean): Promise<void> {
  const cleanup = new CleanupStack();
  let env = process.env;
  let notes: string[] = [];
  const demo = allowDemo && isDemo(env);
  if (demo) {
    const prepared = await prepareDemo(env, cleanup);
    env = { ...env, ...prepared.env };
    notes = prepared.notes;
  }
  const config = configOrExit(env);
  const logger = createProcessLogger({ level: config.logLevel, format: config.logFormat });
  try {
    const service = await startService(config, logger, {
      http: options.http,
      workers: true,
      scheduler: options.scheduler,
      concurrency: Number(options.concurrency),
    });
    cleanup.push('service', () => service.close());
    closeOnSignals(cleanup, {
      timeoutMs: config.shutdownTimeoutMs,
      log: (line) => logger.info(line),
    });
    const lines = [
      `offer-sync is running${demo ? ' in demo mode (sandbox platforms)' : ''}`,
      ...notes.map((note) => `  ${note}`),
    ];
    if (service.url) {
      lines.push(
        `  dashboard   ${service.url}/admin/queues${demo ? ` (user ${env.DASHBOARD_USER}, password ${env.DASHBOARD_PASSWORD})` : ''}`,
      );
      lines.push(`  console     ${service.url}/console (same login)`);
      lines.push(
        `  webhooks    POST ${service.url}/webhooks/${Object.keys(config.connections).join('|')}${demo ? ` (secret ${env.WEBHOOK_SECRET})` : ''}`,
      );
      lines.push(
        `  health      ${service.url}/healthz  ${service.url}/readyz  ${service.url}/metrics`,
      );
    }
    lines.push('  stop with Ctrl-C');
    process.stdout.write(`${lines.join('\n')}\n`);
    if (demo) {
      const mirror = await mirrorSampleNetwork(service.app);
      process.stdout.write(`  mirroring the sample network: ${mirror.line}\n`);
      // In the background: the service runs meanwhile, and Ctrl-C stops the wait.
      const stopWaiting = new AbortController();
      cleanup.push('first mirror report', () => stopWaiting.abort());
      firstMirrorReport(service.app, mirror.jobs, {
        baseUrl: service.url ?? `http://${config.http.host}:${config.http.port}`,
        signal: stopWaiting.signal,
      }).then(
        (lines) => lines && process.stdout.write(`${lines.join('\n')}\n`),
        (error: Error) =>
          stopWaiting.signal.aborted ||
          logger.warn({ err: error }, 'could not report the first mirror'),
      );
    }
  } catch (error) {
    await cleanup.close();
    logger.error({ err: error }, 'offer-sync could not start');
    process.stderr.write(`offer-sync could not start: ${(error as Error).message}\n`);
    process.exit(EXIT.FAILED);
  }
}

export const registerStartCommands: CommandRegistrar = (program: Command) => {
  program
    .command('start')
    .description(
      'run the HTTP server, the workers and the scheduler (with no platform configured: the sandbox demo)',
    )
    .option('--concurrency <n>', 'sync jobs per connection queue at once', '4')
    .action((options: { concurrency: string }) =>
      run({ http: true, scheduler: true, concurrency: options.concurrency }, true),
    );
  program
    .command('worker')
    .description(
      'run workers only; start as many as you like, the per-network limits hold across all of them',
    )
    .option('--concurrency <n>', 'sync jobs per connection queue at once', '4')
    .action((options: { concurrency: string }) =>
      run({ http: false, scheduler: false, concurrency: options.concurrency }, false),
    );
};
