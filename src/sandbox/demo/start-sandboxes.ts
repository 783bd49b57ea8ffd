// Both platform simulators, started together and (optionally) seeded with the sample network:
// what `offer-sync sandbox` and the `npm start` demo run.
import { readFile } from 'node:fs/promises';
import type { RateLimit } from '../../config/index.js';
import {
  createOfferitSandbox,
  offeritFixturesSchema,
  type OfferitSandbox,
} from '../offerit/index.js';
import {
  createOfferslookSandbox,
  offerslookFixturesSchema,
  type OfferslookSandbox,
} from '../offerslook/index.js';

/** The sample network both sandboxes start with: a few offers, goals, affiliates and payouts. */
export const SAMPLE_FIXTURES = {
  offerit: new URL('../../../test/fixtures/offerit/sample.json', import.meta.url),
  offerslook: new URL('../../../test/fixtures/offerslook/sample.json', import.meta.url),
};

/** How the sample advertisers line up (Offerit advertiserid : Offerslook advertiser_id). */
export const SAMPLE_ADVERTISER_MAP = '1:12,2:14,3:16,4:18,5:20';

export const SANDBOX_CREDENTIALS = {
  offerit: { username: 'sandbox', apiKey: 'sandbox-offerit-key' },
  offerslook: { network: 'sandbox', apiKey: 'sandbox-offerslook-key' },
};

export interface SandboxPair {
  offerit: OfferitSandbox;
  offerslook: OfferslookSandbox;
  urls: { offerit: string; offerslook: string };
  /** The environment that points offer-sync at these sandboxes. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface StartSandboxesOptions {
  host?: string;
  offeritPort?: number;
  offerslookPort?: number;
  /** Load the sample network. @defaultValue true */
  seed?: boolean;
  /** Offerslook's budget; `null` for none. @defaultValue 50 per 10 s, as documented */
  offerslookRateLimit?: RateLimit | null;
  /** Both sandboxes answer in this version of the platform contract. @defaultValue 'v2' */
  answers?: 'v1' | 'v2';
}

export async function startSandboxes(options: StartSandboxesOptions = {}): Promise<SandboxPair> {
  const seed = options.seed ?? true;
  const answers = options.answers ?? 'v2';
  const offerit = createOfferitSandbox({
    ...SANDBOX_CREDENTIALS.offerit,
    answers,
    ...(seed
      ? {
          fixtures: offeritFixturesSchema.parse(
            JSON.parse(await readFile(SAMPLE_FIXTURES.offerit, 'utf8')),
          ),
        }
      : {}),
  });
  const offerslook = createOfferslookSandbox({
    ...SANDBOX_CREDENTIALS.offerslook,
    answers,
    ...(options.offerslookRateLimit === undefined
      ? {}
      : { rateLimit: options.offerslookRateLimit }),
    ...(seed
      ? {
          fixtures: offerslookFixturesSchema.parse(
            JSON.parse(await readFile(SAMPLE_FIXTURES.offerslook, 'utf8')),
          ),
        }
      : {}),
  });
  const host = options.host ?? '127.0.0.1';
  const urls = {
    offerit: await offerit.start(host, options.offeritPort ?? 0),
    offerslook: await offerslook.start(host, options.offerslookPort ?? 0),
  };
  return {
    offerit,
    offerslook,
    urls,
    env: {
      OFFERIT_BASE_URL: urls.offerit,
      OFFERIT_API_USERNAME: SANDBOX_CREDENTIALS.offerit.username,
      OFFERIT_API_KEY: SANDBOX_CREDENTIALS.offerit.apiKey,
      OFFERSLOOK_BASE_URL: urls.offerslook,
      OFFERSLOOK_NETWORK: SANDBOX_CREDENTIALS.offerslook.network,
      OFFERSLOOK_API_KEY: SANDBOX_CREDENTIALS.offerslook.apiKey,
      ADVERTISER_MAP: SAMPLE_ADVERTISER_MAP,
    },
    stop: async () => {
      await Promise.all([offerit.stop(), offerslook.stop()]);
    },
  };
}
