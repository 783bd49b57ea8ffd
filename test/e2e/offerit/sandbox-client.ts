// Starts a real Offerit sandbox on 127.0.0.1:0 and a client configured for it.
import { readFileSync } from 'node:fs';
import type { OfferitConfig } from '../../../src/config/index.js';
import type { Logger } from '../../../src/log/logger.js';
import { createOfferitClient, type OfferitClient } from '../../../src/platforms/offerit/index.js';
import type { RequestHooks } from '../../../src/platforms/platform-client.js';
import {
  createOfferitSandbox,
  type OfferitFixtures,
  type OfferitSandbox,
  type OfferitSandboxOptions,
} from '../../../src/sandbox/offerit/index.js';

export const USERNAME = 'e2e-admin';
export const API_KEY = 'ofit-SECRET-8d3b61c0f2';

export interface Running {
  sandbox: OfferitSandbox;
  baseUrl: string;
  config: OfferitConfig;
  client: OfferitClient;
  /** Headers for raw requests. */
  headers: Record<string, string>;
}

export function sampleFixtures(): OfferitFixtures {
  const url = new URL('../../fixtures/offerit/sample.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as OfferitFixtures;
}

export async function startSandbox(
  options: OfferitSandboxOptions = {},
  client: Partial<Omit<OfferitConfig, 'platform'>> & { hooks?: RequestHooks; logger?: Logger } = {},
): Promise<Running> {
  const sandbox = createOfferitSandbox({ username: USERNAME, apiKey: API_KEY, ...options });
  const baseUrl = await sandbox.start('127.0.0.1', 0);
  const { hooks, logger, ...overrides } = client;
  const config: OfferitConfig = {
    platform: 'offerit',
    baseUrl,
    username: USERNAME,
    apiKey: API_KEY,
    rateLimit: { max: 20, durationMs: 1_000 },
    timeoutMs: 5_000,
    maxOfferId: 100_000,
    emptyWindows: 3,
    windowSize: 100,
    ...overrides,
  };
  return {
    sandbox,
    baseUrl,
    config,
    client: createOfferitClient(config, hooks, logger),
    headers: { 'api-key': API_KEY, 'api-username': USERNAME },
  };
}

/** A request sent exactly as given (the seed pages' PHP examples send `http_build_query` bodies). */
export async function raw(
  running: Running,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; text: string }> {
  const response = await fetch(`${running.baseUrl}${path}`, {
    method,
    headers: {
      ...running.headers,
      ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}
