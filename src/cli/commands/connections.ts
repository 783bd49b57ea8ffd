// `offer-sync connections [--json]`: what the configuration says offer-sync talks to, without
// touching Redis or a platform: each connection (platform, where, budget, queue, webhook path,
// whether it has a secret of its own) and each route. Never prints a secret.
import type { Command } from 'commander';
import { formatRateLimit, type Config } from '../../config/index.js';
import { deadLetterQueueName, syncQueueName } from '../../queue/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

export interface ConnectionsReport {
  /** The config file the connections came from; null: the environment's two. */
  configFile: string | null;
  connections: {
    name: string;
    platform: string;
    baseUrl: string;
    /** `50/10s` */
    rateLimit: string;
    queue: string;
    deadLetterQueue: string;
    webhookPath: string;
    /** Whether it has a webhook secret of its own (else WEBHOOK_SECRET). */
    ownWebhookSecret: boolean;
  }[];
  routes: { name: string; source: string; target: string; entities: string[]; mappings: string }[];
}

export function connectionsReport(config: Config): ConnectionsReport {
  return {
    configFile: config.configFile ?? null,
    connections: Object.values(config.connections).map((connection) => ({
      name: connection.name,
      platform: connection.platform,
      baseUrl: connection.baseUrl,
      rateLimit: formatRateLimit(connection.rateLimit),
      queue: syncQueueName(connection.name),
      deadLetterQueue: deadLetterQueueName(connection.name),
      webhookPath: `/webhooks/${connection.name}`,
      ownWebhookSecret: connection.webhookSecret !== undefined,
    })),
    routes: config.routes.map((route) => ({
      name: route.name,
      source: route.source,
      target: route.target,
      entities: [...route.entities],
      mappings: route.mappingsDir,
    })),
  };
}

export function runConnectionsCommand(
  config: Config,
  options: { json?: boolean },
  out: (line: string) => void,
): number {
  const report = connectionsReport(config);
  if (options.json) {
    out(JSON.stringify(report, null, 2));
    return EXIT.OK;
  }
  out(`configured by ${report.configFile ?? 'the environment (no offer-sync.yaml)'}`);
  if (report.connections.length === 0) out('no connections');
  for (const c of report.connections) {
    out(
      `connection ${c.name}  ${c.platform}  ${c.baseUrl}  budget ${c.rateLimit}  queue ${c.queue}  webhooks POST ${c.webhookPath}${c.ownWebhookSecret ? ' (own secret)' : ''}`,
    );
  }
  if (report.routes.length === 0) out('no routes: nothing is synced');
  for (const r of report.routes) {
    out(`route ${r.name}  ${r.entities.join(', ')}  mappings ${r.mappings}`);
  }
  return EXIT.OK;
}

export const registerConnectionsCommand: CommandRegistrar = (program: Command) => {
  program
    .command('connections')
    .description('list the configured connections and routes (reads the configuration only)')
    .option('--json', 'print one JSON object')
    .action((options: { json?: boolean }) => {
      process.exitCode = runConnectionsCommand(configOrExit(), options, (line) =>
        process.stdout.write(`${line}\n`),
      );
    });
};
