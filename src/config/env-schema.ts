// The environment variables offer-sync reads. Their names are a contract: automation sets them.
import { z } from 'zod';
import { parseDurationMs, parseRateLimit } from './duration.js';
import { parseNodeList } from './redis-config.js';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value), { message: `expected an absolute URL (${what})` })
    .transform((value) => value.replace(/\/+$/, ''));

const rateLimit = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((value, ctx) => {
      const parsed = parseRateLimit(value);
      if (!parsed) {
        ctx.addIssue({
          code: 'custom',
          message: `expected <max>/<duration> such as 50/10s, got ${JSON.stringify(value)}`,
        });
        return z.NEVER;
      }
      return parsed;
    });

const nodeList = (example: string) =>
  optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const parsed = parseNodeList(value, example);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  });

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ message: 'expected a whole number' })
    .int({ message: 'expected a whole number' })
    .positive({ message: 'expected a number above 0' })
    .default(fallback);

const duration = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((value, ctx) => {
      const ms = parseDurationMs(value);
      if (ms === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a duration such as 30s, got ${JSON.stringify(value)}`,
        });
        return z.NEVER;
      }
      return ms;
    });

/** A share of something, such as a budget: a number in (0, 1]. */
const share = (fallback: number) => {
  const message = `expected a number above 0 and at most 1, such as ${fallback}`;
  return z.coerce.number({ message }).gt(0, { message }).max(1, { message }).default(fallback);
};

const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', ''], { message: 'expected true or false' })
    .optional()
    .transform((value) =>
      value === undefined || value === '' ? fallback : ['1', 'true', 'yes'].includes(value),
    );

export const envSchema = z.object({
  /** Unset means redis://127.0.0.1:6379 unless a Cluster or Sentinel is configured instead. */
  REDIS_URL: optionalText.refine(
    (value) => value === undefined || (/^rediss?:\/\//.test(value) && URL.canParse(value)),
    { message: 'expected redis://host:port or rediss://host:port' },
  ),
  /** Redis Cluster startup nodes; any reachable one is enough to find the rest. */
  REDIS_CLUSTER_NODES: nodeList('10.0.0.1:7000,10.0.0.2:7000'),
  REDIS_SENTINELS: nodeList('10.0.0.1:26379,10.0.0.2:26379'),
  REDIS_SENTINEL_NAME: optionalText,
  /** For every node (URL, Cluster or Sentinel-found master); never for the sentinels themselves. */
  REDIS_PASSWORD: z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  /** The config file naming connections and routes; `./offer-sync.yaml` when it exists. */
  OFFER_SYNC_CONFIG: optionalText,
  OFFER_SYNC_PREFIX: z
    .string()
    .trim()
    .default('offer-sync')
    .refine((value) => /^[A-Za-z0-9_.-]+$/.test(value), {
      message: 'expected letters, digits, dot, dash or underscore (it becomes a Redis hash tag)',
    }),

  OFFERIT_BASE_URL: url('ending in /api').optional(),
  OFFERIT_API_USERNAME: optionalText,
  OFFERIT_API_KEY: optionalText,
  OFFERIT_RATE_LIMIT: rateLimit('20/1s'),
  OFFERIT_TIMEOUT_MS: positiveInt(15_000),
  /** Offerit has no "list all": offers are found by walking id windows up to this id... */
  OFFERIT_MAX_OFFER_ID: positiveInt(1_000_000),
  /** ...or until this many consecutive windows came back empty. */
  OFFERIT_EMPTY_WINDOWS: positiveInt(3),
  OFFERIT_WINDOW_SIZE: positiveInt(100),

  OFFERSLOOK_BASE_URL: url('such as https://mynetwork.api.offerslook.com').optional(),
  OFFERSLOOK_NETWORK: optionalText,
  OFFERSLOOK_API_KEY: optionalText,
  OFFERSLOOK_RATE_LIMIT: rateLimit('50/10s'),
  OFFERSLOOK_TIMEOUT_MS: positiveInt(15_000),
  OFFERSLOOK_PAGE_SIZE: positiveInt(100),

  /** Offerit advertiser ids and their Offerslook twins: `1:7,9:12` (offerit:offerslook). */
  ADVERTISER_MAP: z
    .string()
    .trim()
    .default('')
    .transform((value, ctx) => {
      const pairs: [string, string][] = [];
      for (const item of value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        const match = /^(\d+):(\d+)$/.exec(item);
        if (!match) {
          ctx.addIssue({
            code: 'custom',
            message: `expected offeritId:offerslookId pairs such as 1:7,9:12, got ${JSON.stringify(item)}`,
          });
          return z.NEVER;
        }
        pairs.push([match[1]!, match[2]!]);
      }
      return pairs;
    }),
  /** What reconciliation does to a twin whose source disappeared. */
  VANISHED_POLICY: z.enum(['pause', 'ignore', 'delete']).default('pause'),
  HTTP_HOST: z.string().trim().default('127.0.0.1'),
  HTTP_PORT: z.coerce
    .number({ message: 'expected a port number' })
    .int()
    .min(0)
    .max(65535)
    .default(3000),
  /** The fallback webhook secret; `WEBHOOK_SECRET_<CONNECTION>` (read in webhook-secrets.ts) wins. */
  WEBHOOK_SECRET: optionalText,
  /** Bearer token for automation: opens every route but the webhooks (which take signatures). */
  API_TOKEN: optionalText,
  /** Bearer token for Prometheus: opens `/metrics` only. */
  METRICS_TOKEN: optionalText,
  DASHBOARD_USER: optionalText,
  DASHBOARD_PASSWORD: optionalText,
  DASHBOARD_READ_ONLY: flag(true),
  MAPPINGS_DIR: z.string().trim().default('mappings'),
  RECONCILE_CRON: optionalText,
  /** Share of each network's budget reconciliation may use while live work waits there. */
  RECONCILE_BUDGET_SHARE: share(0.8),
  SHUTDOWN_TIMEOUT: duration('30s'),
  /** How long a reconcile run's lease lasts without its process renewing it. */
  RECONCILE_LEASE: duration('60s'),
  /** Dead letters not seen again for this long are dropped. */
  DLQ_MAX_AGE: duration('30d'),
  /** Dead letters kept per connection at most (the longest unseen go first). */
  DLQ_MAX_COUNT: positiveInt(10_000),
  ALLOW_EVICTION: flag(false),
  /** Without a config file: both routes keep new offers pending until approved (approve_new). */
  APPROVE_NEW: flag(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` or `pretty`; unset: pretty when the log goes to a terminal. */
  LOG_FORMAT: z
    .enum(['json', 'pretty'], {
      message: 'expected json or pretty (or unset: pretty on a terminal)',
    })
    .optional(),
});

export type Env = z.output<typeof envSchema>;
