// One pino logger for the process. Credentials and the secret-bearing fields of platform
// records (affiliate password hashes and API keys) are redacted wherever they appear.
import { pino, type Logger, type LoggerOptions } from 'pino';

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

export type { Logger };
