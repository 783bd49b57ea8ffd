// One pino logger for the process. Credentials and the secret-bearing fields of platform
// records (affiliate password hashes and API keys) are redacted wherever they appear.
// On a terminal the lines are made readable by pino-pretty; elsewhere (a pipe, a file, a log
// collector) they stay one JSON object per line. Pretty-printing is a synchronous stream in this
// thread, not a worker-thread transport: redaction has already run when a line reaches it, and
// a process that exits right after logging has written everything.
import { pino, type Logger, type LoggerOptions } from 'pino';
import { build as prettyStream } from 'pino-pretty';

/** Paths censored in every log line; `*` matches one level, so nested records are covered too. */
export const REDACT_PATHS = [
  'apiKey',
  'api_key',
  'password',
  'headers["api-key"]',
  'headers.authorization',
  'headers.Authorization',
  '*.apiKey',
  '*.api_key',
  '*.password',
  '*.password_hash',
  '*.headers["api-key"]',
  '*.headers.authorization',
  '*.*.password',
  '*.*.password_hash',
  '*.*.api_key',
  'config.offerit.apiKey',
  'config.offerslook.apiKey',
  'config.webhookSecret',
  'config.dashboard.password',
];

/** `LOG_FORMAT`: `json` one object per line, `pretty` human lines; unset: pretty on a terminal. */
export type LogFormat = 'json' | 'pretty';

export function createLogger(
  options: LoggerOptions = {},
  destination?: pino.DestinationStream,
): Logger {
  const settings: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...options,
  };
  return destination ? pino(settings, destination) : pino(settings);
}

/** The format a process logs in: the one asked for, else pretty exactly when writing to a TTY. */
export function resolveLogFormat(format: LogFormat | undefined, isTTY: boolean): LogFormat {
  return format ?? (isTTY ? 'pretty' : 'json');
}

export interface ProcessLoggerOptions {
  level?: LoggerOptions['level'];
  /** @defaultValue auto: pretty when the file descriptor is a terminal */
  format?: LogFormat | undefined;
  /** Where the lines go: 1 stdout, 2 stderr (commands whose stdout is a report). @defaultValue 1 */
  fd?: 1 | 2;
  /** Overrides the terminal check (tests). @defaultValue the descriptor's own `isTTY` */
  isTTY?: boolean;
  /** Where the lines are written instead of `fd` (tests). */
  destination?: NodeJS.WritableStream;
}

/** The logger of a CLI process (`start`, `worker`, `reconcile`): JSON or pretty, on stdout or stderr. */
export function createProcessLogger(options: ProcessLoggerOptions = {}): Logger {
  const fd = options.fd ?? 1;
  const stream = fd === 2 ? process.stderr : process.stdout;
  const format = resolveLogFormat(options.format, options.isTTY ?? stream.isTTY === true);
  const level = options.level ?? 'info';
  if (format === 'json') {
    return createLogger(
      { level },
      options.destination ?? pino.destination({ dest: fd, sync: true }),
    );
  }
  return createLogger(
    { level },
    prettyStream({
      sync: true,
      destination: options.destination ?? fd,
      // Colours only where a person looks at them; a pretty log piped to a file stays plain.
      colorize: options.destination === undefined && stream.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    }),
  );
}

export type { Logger };
