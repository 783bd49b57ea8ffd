// Starts a real Offerslook sandbox on 127.0.0.1:0 and a client configured for it.
import type { OfferslookConfig } from '../../../src/config/index.js';
import {
  createOfferslookClient,
  type OfferslookClient,
} from '../../../src/platforms/offerslook/index.js';
import type { RequestHooks } from '../../../src/platforms/platform-client.js';
import type { Logger } from '../../../src/log/logger.js';
import {
  createOfferslookSandbox,
  type OfferslookSandbox,
  type OfferslookSandboxOptions,
} from '../../../src/sandbox/offerslook/index.js';

export const NETWORK = 'e2e-network';
export const API_KEY = 'olk-SECRET-4f9a2c7e1b';

export interface Running {
  sandbox: OfferslookSandbox;
  baseUrl: string;
  config: OfferslookConfig;
  client: OfferslookClient;
  /** Basic auth header for raw requests. */
  authorization: string;
}

export async function startSandbox(
  options: OfferslookSandboxOptions = {},
  client: {
    pageSize?: number;
    timeoutMs?: number;
    hooks?: RequestHooks;
    logger?: Logger;
    /** Runs before the sandbox listens: the place to add Fastify hooks that watch requests. */
    beforeStart?: (sandbox: OfferslookSandbox) => void;
  } = {},
): Promise<Running> {
  // No rate limit unless a test asks for one: tests must not depend on the clock.
  const sandbox = createOfferslookSandbox({
    rateLimit: null,
    network: NETWORK,
    apiKey: API_KEY,
    ...options,
  });
  client.beforeStart?.(sandbox);
  const baseUrl = await sandbox.start('127.0.0.1', 0);
  const config: OfferslookConfig = {
    name: 'offerslook',
    platform: 'offerslook',
    baseUrl,
    network: NETWORK,
    apiKey: API_KEY,
    rateLimit: { max: 50, durationMs: 10_000 },
    timeoutMs: client.timeoutMs ?? 5_000,
    pageSize: client.pageSize ?? 100,
  };
  return {
    sandbox,
    baseUrl,
    config,
    client: createOfferslookClient(config, client.hooks, client.logger),
    authorization: `Basic ${Buffer.from(`${NETWORK}:${API_KEY}`).toString('base64')}`,
  };
}

/** A request sent exactly as given, as the seed pages' examples are. */
export async function raw(
  running: Running,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
  // Answers are free-form JSON that tests poke into.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; headers: Headers; json: any }> {
  const response = await fetch(`${running.baseUrl}${path}`, {
    method,
    headers: {
      authorization: running.authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

export const OFFER = {
  name: 'E2E offer',
  advertiser_id: 12,
  offer_approval: 2,
  revenue_type: 'RPA',
  revenue: '5.00',
  payout_type: 'CPA',
  payout: '3.50',
} as const;
