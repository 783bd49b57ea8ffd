// `offer-sync dlq list|replay`: inspect and replay dead letters. The run* functions take their
// dependencies and return an exit code, so tests drive them against a real Redis; the
// registrar only builds those dependencies from config.
import { Option, type Command } from 'commander';
import { PLATFORMS, type PlatformName } from '../../vocabulary/index.js';
import {
  DeadLetterNotFoundError,
  connectRedis,
  type LetterFilter,
  createDeadLetters,
  createQueueSet,
  type DeadLetterEntry,
  type DeadLetters,
} from '../../queue/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

export interface DlqIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface DlqListOptions {
  /** Only letters of jobs that wrote to this connection. */
  connection?: string;
  /** Only letters of jobs that wrote to a connection on this platform. */
  platform?: PlatformName;
  json?: boolean;
}

function filterOf(options: { connection?: string; platform?: PlatformName }): LetterFilter {
  return {
    ...(options.connection === undefined ? {} : { connection: options.connection }),
    ...(options.platform === undefined ? {} : { platform: options.platform }),
  };
}

function describeFilter(options: { connection?: string; platform?: PlatformName }): string {
  const parts = [
    options.connection === undefined ? '' : `connection ${options.connection}`,
    options.platform === undefined ? '' : `platform ${options.platform}`,
  ].filter(Boolean);
  return parts.length === 0 ? '' : ` for ${parts.join(', ')}`;
}

export async function runDlqList(
  deadLetters: DeadLetters,
  options: DlqListOptions,
  io: DlqIo,
): Promise<number> {
  const letters = await deadLetters.list(filterOf(options));
  if (options.json) {
    io.out(JSON.stringify(letters, null, 2));
    return EXIT.OK;
  }
  if (letters.length === 0) {
    io.out(`no dead letters${describeFilter(options)}`);
    return EXIT.OK;
  }
  for (const letter of letters) io.out(describeLetter(letter));
  io.out(`${letters.length} dead letter${letters.length === 1 ? '' : 's'}`);
  return EXIT.OK;
}

export interface DlqReplayOptions {
  id?: string;
  all?: boolean;
  connection?: string;
  platform?: PlatformName;
}

export async function runDlqReplay(
  deadLetters: DeadLetters,
  options: DlqReplayOptions,
  io: DlqIo,
): Promise<number> {
  if (Boolean(options.id) === Boolean(options.all)) {
    io.err('dlq replay: give either a dead-letter id or --all');
    return EXIT.USAGE;
  }
  if (options.id && (options.platform || options.connection)) {
    io.err(
      'dlq replay: --platform and --connection go with --all (an id names one letter already)',
    );
    return EXIT.USAGE;
  }
  if (options.id) {
    try {
      const replayed = await deadLetters.replay(options.id);
      io.out(`replayed ${replayed.id} as job ${replayed.jobId} on ${replayed.queue}`);
      return EXIT.OK;
    } catch (error) {
      io.err(`dlq replay ${options.id}: ${(error as Error).message}`);
      return error instanceof DeadLetterNotFoundError ? EXIT.USAGE : EXIT.FAILED;
    }
  }
  const result = await deadLetters.replayAll(filterOf(options));
  for (const replayed of result.replayed)
    io.out(`replayed ${replayed.id} as job ${replayed.jobId} on ${replayed.queue}`);
  for (const failed of result.failed) io.err(`could not replay ${failed.id}: ${failed.error}`);
  io.out(`${result.replayed.length} replayed, ${result.failed.length} failed`);
  return result.failed.length === 0 ? EXIT.OK : EXIT.FAILED;
}

function describeLetter(letter: DeadLetterEntry): string {
  const payload = (letter.payload ?? {}) as Record<string, unknown>;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '?');
  const what =
    typeof payload.kind === 'string' && typeof payload.id === 'string'
      ? `${text(payload.source)} ${payload.kind} ${payload.offerId === undefined ? '' : `${text(payload.offerId)}/`}${payload.id}`
      : '(unreadable payload)';
  return [
    letter.id,
    letter.connection,
    what,
    letter.code,
    letter.origin === 'reconcile' && letter.runId !== undefined
      ? `from=reconcile ${letter.runId}`
      : `from=${letter.origin}`,
    `count=${letter.count}`,
    `attempts=${letter.attemptsMade}`,
    `first=${letter.firstSeen}`,
    `last=${letter.lastSeen}`,
    letter.reason,
  ].join('  ');
}

/** Opens what the commands need from config, runs, and always closes the connection. */
async function withDeadLetters(
  run: (deadLetters: DeadLetters) => Promise<number>,
): Promise<number> {
  const config = configOrExit();
  let redis;
  try {
    redis = await connectRedis(config.redis, 'producer', 'offer-sync-cli');
  } catch (error) {
    process.stderr.write(`cannot reach Redis: ${(error as Error).message}\n`);
    return EXIT.FAILED;
  }
  const queues = createQueueSet({
    connection: redis,
    prefix: config.prefix,
    connections: Object.keys(config.connections),
  });
  try {
    return await run(createDeadLetters(queues));
  } finally {
    await queues.close();
    await redis.quit();
  }
}

const stdio: DlqIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const platformOption = (what: string) =>
  new Option('--platform <platform>', what).choices([...PLATFORMS]);

export const registerDlqCommands: CommandRegistrar = (program: Command) => {
  const dlq = program
    .command('dlq')
    .description('Inspect and replay dead letters (sync jobs that failed for good).');
  dlq
    .command('list')
    .description('List dead letters, oldest failure first.')
    .addOption(platformOption('only the dead letters of jobs that wrote to this platform'))
    .option('--connection <name>', 'only the dead letters of jobs that wrote to this connection')
    .option('--json', 'print JSON instead of one line per letter')
    .action(async (options: DlqListOptions) => {
      process.exitCode = await withDeadLetters((deadLetters) =>
        runDlqList(deadLetters, options, stdio),
      );
    });
  dlq
    .command('replay')
    .description(
      'Re-enqueue dead letters as new sync jobs (reason "replay"); each letter is removed once its job exists.',
    )
    .argument('[id]', 'the dead letter to replay (from `dlq list`)')
    .option('--all', 'replay every dead letter')
    .addOption(platformOption('with --all: only the dead letters of this platform'))
    .option('--connection <name>', 'with --all: only the dead letters of this connection')
    .action(async (id: string | undefined, options: Omit<DlqReplayOptions, 'id'>) => {
      process.exitCode = await withDeadLetters((deadLetters) =>
        runDlqReplay(deadLetters, id === undefined ? options : { ...options, id }, stdio),
      );
    });
};
