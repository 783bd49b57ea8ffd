// `offer-sync.yaml`: named connections and the routes between them. Parsed once with zod; every
// problem names the file, line and column, like the mapping files. Secrets are never in the file:
// a connection names the environment variables that hold them.
import { z } from 'zod';
import { readYamlSource, type YamlPath } from '../mapping/source/index.js';
import {
  CONNECTION_NAME,
  ROUTE_ENTITIES,
  routeName,
  type ConnectionConfig,
  type RouteConfig,
  type RouteEntity,
} from './connections.js';
import { parseRateLimit } from './duration.js';

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected the name of an environment variable' });
const connectionName = z
  .string()
  .regex(CONNECTION_NAME, { error: 'expected lower-case letters, digits and dashes' });
const rateLimit = z.string().transform((value, ctx) => {
  const parsed = parseRateLimit(value);
  if (parsed) return parsed;
  ctx.addIssue({ code: 'custom', message: `expected <max>/<duration> such as 50/10s` });
  return z.NEVER;
});
const positive = z.number().int().positive();
const url = z
  .string()
  .refine((value) => URL.canParse(value), { error: 'expected an absolute URL' });

const common = {
  rate_limit: rateLimit.optional(),
  timeout_ms: positive.optional(),
  webhook_secret_env: envName.optional(),
};

const offeritSchema = z.strictObject({
  platform: z.literal('offerit'),
  base_url: url.refine((value) => value.replace(/\/+$/, '').endsWith('/api'), {
    error: 'expected the API root, ending in /api',
  }),
  username_env: envName,
  key_env: envName,
  max_offer_id: positive.optional(),
  empty_windows: positive.optional(),
  window_size: positive.optional(),
  ...common,
});

const offerslookSchema = z.strictObject({
  platform: z.literal('offerslook'),
  base_url: url,
  network: z.string().min(1),
  key_env: envName,
  page_size: positive.max(1000).optional(),
  ...common,
});

const connectionSchema = z.discriminatedUnion('platform', [offeritSchema, offerslookSchema], {
  error: 'expected platform: offerit or platform: offerslook',
});

const routeSchema = z
  .strictObject({
    between: z.tuple([connectionName, connectionName]).optional(),
    from: connectionName.optional(),
    to: connectionName.optional(),
    entities: z
      .array(z.enum(ROUTE_ENTITIES as [RouteEntity, ...RouteEntity[]]))
      .min(1)
      .optional(),
    advertiser_map: z
      .record(z.string().regex(/^\d+$/), z.union([z.string(), z.number()]))
      .optional(),
    mappings: z.string().min(1).optional(),
    approve_new: z.boolean().optional(),
  })
  .superRefine((route, ctx) => {
    const between = route.between !== undefined;
    const oneWay = route.from !== undefined || route.to !== undefined;
    if (between === oneWay || (oneWay && (route.from === undefined || route.to === undefined))) {
      ctx.addIssue({
        code: 'custom',
        message: 'a route has either between: [a, b] or from: a and to: b',
      });
    }
  });

const fileSchema = z.strictObject({
  connections: z.record(z.string(), connectionSchema).superRefine((connections, ctx) => {
    for (const name of Object.keys(connections)) {
      if (!CONNECTION_NAME.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `${JSON.stringify(name)} cannot name a connection: expected lower-case letters, digits and dashes (it becomes a Redis hash tag and a queue name)`,
        });
      }
    }
  }),
  routes: z.array(routeSchema).min(1, { error: 'at least one route is needed' }),
});

/** Defaults a connection takes where the file is silent: the same as the environment's. */
export interface ConnectionDefaults {
  offerit: Pick<
    Extract<ConnectionConfig, { platform: 'offerit' }>,
    'rateLimit' | 'timeoutMs' | 'maxOfferId' | 'emptyWindows' | 'windowSize'
  >;
  offerslook: Pick<
    Extract<ConnectionConfig, { platform: 'offerslook' }>,
    'rateLimit' | 'timeoutMs' | 'pageSize'
  >;
  mappingsDir: string;
}

export interface ConfigFileResult {
  connections: Record<string, ConnectionConfig>;
  routes: RouteConfig[];
}

/**
 * Reads the file's text. Problems (one line each, `file:line:column: what`) go to `problems`;
 * the result is only meaningful when none were added.
 */
export function parseConfigFile(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv,
  defaults: ConnectionDefaults,
  problems: string[],
): ConfigFileResult {
  const source = readYamlSource(text, file);
  const at = (path: YamlPath, what: string, key = false) => {
    const { line, column } = source.position(path, { key });
    problems.push(`${file}:${line}:${column}: ${path.join('.') || '(file)'}: ${what}`);
  };
  const empty: ConfigFileResult = { connections: {}, routes: [] };
  if (source.errors.length > 0) {
    for (const error of source.errors) problems.push(error.toString());
    return empty;
  }
  const parsed = fileSchema.safeParse(source.data ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) at(issue.path as YamlPath, issue.message);
    return empty;
  }
  const connections: Record<string, ConnectionConfig> = {};
  for (const [name, raw] of Object.entries(parsed.data.connections)) {
    const secret = (field: string, variable: string): string => {
      const value = env[variable]?.trim();
      if (!value)
        at(
          ['connections', name, field],
          `${variable} is not set (it holds this connection's ${field.replace(/_env$/, '')})`,
        );
      return value ?? '';
    };
    const webhookSecret = raw.webhook_secret_env
      ? secret('webhook_secret_env', raw.webhook_secret_env)
      : undefined;
    const base = { name, ...(webhookSecret ? { webhookSecret } : {}) };
    connections[name] =
      raw.platform === 'offerit'
        ? {
            ...base,
            platform: 'offerit',
            baseUrl: raw.base_url.replace(/\/+$/, ''),
            username: secret('username_env', raw.username_env),
            apiKey: secret('key_env', raw.key_env),
            rateLimit: raw.rate_limit ?? defaults.offerit.rateLimit,
            timeoutMs: raw.timeout_ms ?? defaults.offerit.timeoutMs,
            maxOfferId: raw.max_offer_id ?? defaults.offerit.maxOfferId,
            emptyWindows: raw.empty_windows ?? defaults.offerit.emptyWindows,
            windowSize: raw.window_size ?? defaults.offerit.windowSize,
          }
        : {
            ...base,
            platform: 'offerslook',
            baseUrl: raw.base_url.replace(/\/+$/, ''),
            network: raw.network,
            apiKey: secret('key_env', raw.key_env),
            rateLimit: raw.rate_limit ?? defaults.offerslook.rateLimit,
            timeoutMs: raw.timeout_ms ?? defaults.offerslook.timeoutMs,
            pageSize: raw.page_size ?? defaults.offerslook.pageSize,
          };
  }
  const routes: RouteConfig[] = [];
  parsed.data.routes.forEach((raw, index) => {
    const ends: [string, string][] = raw.between
      ? [raw.between, [raw.between[1], raw.between[0]]]
      : [[raw.from!, raw.to!]];
    const field = raw.between ? 'between' : 'from';
    for (const [source, target] of ends) {
      for (const name of [source, target]) {
        if (!connections[name]) {
          at(
            ['routes', index, field],
            `no connection named ${name} (known: ${Object.keys(connections).join(', ') || 'none'})`,
          );
          return;
        }
      }
      if (connections[source]!.platform === connections[target]!.platform) {
        at(
          ['routes', index, field],
          `${source} and ${target} are both ${connections[source]!.platform} connections: a route joins an Offerit and an Offerslook connection`,
        );
        return;
      }
      const name = routeName(source, target);
      if (routes.some((route) => route.name === name)) {
        at(['routes', index, field], `the route ${name} is declared twice`);
        return;
      }
      routes.push({
        name,
        source,
        target,
        entities: raw.entities ?? ROUTE_ENTITIES,
        advertiserMap: Object.entries(raw.advertiser_map ?? {}).map(
          ([offerit, offerslook]) => [offerit, String(offerslook)] as const,
        ),
        mappingsDir: raw.mappings ?? defaults.mappingsDir,
        approveNew: raw.approve_new ?? false,
      });
    }
  });
  return { connections, routes };
}
