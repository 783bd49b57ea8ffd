// Starts a real Offerit sandbox on 127.0.0.1:0 and a client configured for it.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { expect } from 'vitest';
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

/** Both presets of the sandbox's answer variants, for `describe.each`. */
export const ANSWERS = ['v1', 'v2'] as const;

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
  const config = clientConfig(baseUrl, overrides);
  return {
    sandbox,
    baseUrl,
    config,
    client: createOfferitClient(config, hooks, logger),
    headers: { 'api-key': API_KEY, 'api-username': USERNAME },
  };
}

/**
 * Matches a decimal text equal to `text` whatever its trailing zeros: get_details answers
 * `"4.50"`, get_commission_changes the JSON number 4.5.
 */
export function amount(text: string): unknown {
  const [whole, fraction = ''] = text.split('.');
  const digits = fraction.replace(/0+$/, '');
  const pattern =
    digits === '' ? new RegExp(`^${whole}(\\.0*)?$`) : new RegExp(`^${whole}\\.${digits}0*$`);
  return expect.stringMatching(pattern) as unknown;
}

/** The client configuration for a sandbox at `baseUrl`. */
export function clientConfig(
  baseUrl: string,
  overrides: Partial<Omit<OfferitConfig, 'platform'>> = {},
): OfferitConfig {
  return {
    name: 'offerit',
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

/** A GET with a form body, which fetch refuses to send (one doc page puts GET parameters there). */
export function rawGetWithBody(
  running: Running,
  path: string,
  body: string,
): Promise<{ status: number; json: unknown }> {
  const url = new URL(`${running.baseUrl}${path}`);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'GET',
        headers: {
          ...running.headers,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as unknown }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
