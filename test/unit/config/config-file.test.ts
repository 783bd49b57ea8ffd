// offer-sync.yaml: named connections and routes, checked once, every problem at its line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'offer-sync-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRETS = {
  MAIN_USER: 'admin',
  MAIN_KEY: 'main-key-SECRET',
  PARTNER_A_KEY: 'a-key-SECRET',
  PARTNER_B_KEY: 'b-key-SECRET',
};

const EXAMPLE = `connections:
  main:        { platform: offerit, base_url: https://track.example.com/api, username_env: MAIN_USER, key_env: MAIN_KEY, rate_limit: 20/1s }
  partner-a:   { platform: offerslook, base_url: https://a.api.offerslook.com, network: a, key_env: PARTNER_A_KEY, rate_limit: 50/10s }
  partner-b:   { platform: offerslook, base_url: https://b.api.offerslook.com, network: b, key_env: PARTNER_B_KEY, rate_limit: 50/10s }
routes:
  - { between: [main, partner-a], entities: [offer, goal, commission], advertiser_map: { "1": "7" } }
  - { from: partner-b, to: main, entities: [offer, goal] }
`;

let counter = 0;
function withFile(text: string, env: Record<string, string> = SECRETS) {
  const file = join(dir, `config-${(counter += 1)}.yaml`);
  writeFileSync(file, text);
  return () => loadConfig({ ...env, OFFER_SYNC_CONFIG: file });
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('offer-sync.yaml', () => {
  it('reads connections with their secrets from the variables they name, and routes both ways', () => {
    const config = withFile(EXAMPLE)();
    expect(Object.keys(config.connections)).toEqual(['main', 'partner-a', 'partner-b']);
    expect(config.connections.main).toMatchObject({
      platform: 'offerit',
      baseUrl: 'https://track.example.com/api',
      username: 'admin',
      apiKey: 'main-key-SECRET',
      rateLimit: { max: 20, durationMs: 1000 },
      maxOfferId: 1_000_000,
    });
    expect(config.connections['partner-b']).toMatchObject({
      platform: 'offerslook',
      network: 'b',
      apiKey: 'b-key-SECRET',
      pageSize: 100,
    });
    expect(
      config.routes.map(({ name, entities, advertiserMap }) => ({ name, entities, advertiserMap })),
    ).toEqual([
      {
        name: 'main->partner-a',
        entities: ['offer', 'goal', 'commission'],
        advertiserMap: [['1', '7']],
      },
      {
        name: 'partner-a->main',
        entities: ['offer', 'goal', 'commission'],
        advertiserMap: [['1', '7']],
      },
      { name: 'partner-b->main', entities: ['offer', 'goal'], advertiserMap: [] },
    ]);
    expect(config.routes[0]!.mappingsDir).toBe('mappings');
    expect(config.configFile).toMatch(/config-\d+\.yaml$/);
    expect(Object.isFrozen(config.connections.main)).toBe(true);
  });

  it('reads approve_new per route (default false) and refuses a value that is not a boolean', () => {
    const approving = EXAMPLE.replace(
      '{ from: partner-b, to: main, entities: [offer, goal] }',
      '{ from: partner-b, to: main, entities: [offer, goal], approve_new: true }',
    );
    const config = withFile(approving)();
    expect(config.routes.map((route) => [route.name, route.approveNew])).toEqual([
      ['main->partner-a', false],
      ['partner-a->main', false],
      ['partner-b->main', true],
    ]);
    const problems = problemsOf(
      withFile(approving.replace('approve_new: true', 'approve_new: "yes"')),
    );
    expect(problems.join('\n')).toMatch(/config-\d+\.yaml:\d+:\d+.*approve_new/);
  });

  it('takes APPROVE_NEW for both routes without a config file', () => {
    const env = {
      OFFERIT_BASE_URL: 'https://track.example.com/api',
      OFFERIT_API_USERNAME: 'admin',
      OFFERIT_API_KEY: 'k',
      OFFERSLOOK_BASE_URL: 'https://n.api.offerslook.com',
      OFFERSLOOK_NETWORK: 'n',
      OFFERSLOOK_API_KEY: 'k',
      OFFER_SYNC_CONFIG: '',
    };
    expect(loadConfig(env).routes.map((route) => route.approveNew)).toEqual([false, false]);
    expect(
      loadConfig({ ...env, APPROVE_NEW: 'true' }).routes.map((route) => route.approveNew),
    ).toEqual([true, true]);
  });

  it('finds ./offer-sync.yaml in the working directory when OFFER_SYNC_CONFIG is unset', () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    writeFileSync(join(cwd, 'offer-sync.yaml'), EXAMPLE);
    expect(Object.keys(loadConfig(SECRETS, { cwd }).connections)).toEqual([
      'main',
      'partner-a',
      'partner-b',
    ]);
  });

  it('names the file, line and column of every problem, and never a secret', () => {
    const problems = problemsOf(
      withFile(
        `connections:
  main: { platform: offerit, base_url: https://track.example.com, username_env: MAIN_USER, key_env: MAIN_KEY }
  partner-a: { platform: offerslook, base_url: https://a.api.offerslook.com, network: a, key_env: PARTNER_A_KEY, rate_limit: fast }
routes:
  - { between: [main, partner-a] }
`,
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /config-\d+\.yaml:2:40: connections\.main\.base_url: expected the API root, ending in \/api$/,
      ),
      expect.stringMatching(
        /config-\d+\.yaml:3:126: connections\.partner-a\.rate_limit: expected <max>\/<duration> such as 50\/10s$/,
      ),
    ]);
  });

  it('says which variable a connection needs and is missing', () => {
    const problems = problemsOf(withFile(EXAMPLE, { MAIN_USER: 'admin', MAIN_KEY: 'k' }));
    expect(problems).toEqual([
      expect.stringMatching(
        /:3:101: connections\.partner-a\.key_env: PARTNER_A_KEY is not set \(it holds this connection's key\)$/,
      ),
      expect.stringMatching(/:4:101: connections\.partner-b\.key_env: PARTNER_B_KEY is not set/),
    ]);
  });

  it('refuses routes to unknown connections, between two of one platform, or declared twice', () => {
    const problems = problemsOf(
      withFile(`connections:
  main: { platform: offerit, base_url: https://t.example/api, username_env: MAIN_USER, key_env: MAIN_KEY }
  partner-a: { platform: offerslook, base_url: https://a.example, network: a, key_env: PARTNER_A_KEY }
  partner-b: { platform: offerslook, base_url: https://b.example, network: b, key_env: PARTNER_B_KEY }
routes:
  - { from: main, to: partner-c }
  - { between: [partner-a, partner-b] }
  - { between: [main, partner-a] }
  - { from: partner-a, to: main }
  - { from: main }
`),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /:10:5: routes\.4: a route has either between: \[a, b\] or from: a and to: b$/,
      ),
    ]);
    const routeProblems = problemsOf(
      withFile(`connections:
  main: { platform: offerit, base_url: https://t.example/api, username_env: MAIN_USER, key_env: MAIN_KEY }
  partner-a: { platform: offerslook, base_url: https://a.example, network: a, key_env: PARTNER_A_KEY }
  partner-b: { platform: offerslook, base_url: https://b.example, network: b, key_env: PARTNER_B_KEY }
routes:
  - { from: main, to: partner-c }
  - { between: [partner-a, partner-b] }
  - { between: [main, partner-a] }
  - { from: partner-a, to: main }
`),
    );
    expect(routeProblems).toEqual([
      expect.stringMatching(
        /:6:13: routes\.0\.from: no connection named partner-c \(known: main, partner-a, partner-b\)$/,
      ),
      expect.stringMatching(
        /:7:16: routes\.1\.between: partner-a and partner-b are both offerslook connections/,
      ),
      expect.stringMatching(/:9:13: routes\.3\.from: the route partner-a->main is declared twice$/),
    ]);
  });

  it('refuses an unknown key and a connection name that cannot be a hash tag', () => {
    const problems = problemsOf(
      withFile(`connections:
  Main_1: { platform: offerit, base_url: https://t.example/api, username_env: MAIN_USER, key_env: MAIN_KEY, colour: red }
routes:
  - { between: [Main_1, x] }
`),
    );
    expect(problems.join('\n')).toMatch(
      /:2:11: connections\.Main_1: "Main_1" cannot name a connection: expected lower-case letters, digits and dashes/,
    );
    expect(problems.join('\n')).toMatch(/:2:11: connections\.Main_1: Unrecognized key: "colour"/);
    expect(problems.join('\n')).not.toContain('SECRET');
  });
});

describe('offer-sync.example.yaml', () => {
  it('is a valid config file: three connections, three routes', () => {
    const config = loadConfig({
      MAIN_API_USERNAME: 'admin',
      MAIN_API_KEY: 'k',
      MAIN_WEBHOOK_SECRET: 's',
      PARTNER_A_API_KEY: 'a',
      PARTNER_B_API_KEY: 'b',
      OFFER_SYNC_CONFIG: new URL('../../../offer-sync.example.yaml', import.meta.url).pathname,
    });
    expect(Object.keys(config.connections)).toEqual(['main', 'partner-a', 'partner-b']);
    expect(config.routes.map((route) => route.name)).toEqual([
      'main->partner-a',
      'partner-a->main',
      'partner-b->main',
    ]);
    expect(config.connections.main?.webhookSecret).toBe('s');
  });
});

describe('webhook secrets per connection', () => {
  const env = {
    MAIN_API_USERNAME: 'admin',
    MAIN_API_KEY: 'k',
    MAIN_WEBHOOK_SECRET: 'from-the-file',
    PARTNER_A_API_KEY: 'a',
    PARTNER_B_API_KEY: 'b',
    OFFER_SYNC_CONFIG: new URL('../../../offer-sync.example.yaml', import.meta.url).pathname,
  };

  it("takes webhook_secret_env first, then WEBHOOK_SECRET_<CONNECTION>, else WEBHOOK_SECRET's fallback", () => {
    const config = loadConfig({
      ...env,
      WEBHOOK_SECRET_MAIN: 'ignored: the file names one',
      WEBHOOK_SECRET_PARTNER_A: 'partner-a-own',
      WEBHOOK_SECRET: 'fallback',
    });
    expect(config.connections.main?.webhookSecret).toBe('from-the-file');
    expect(config.connections['partner-a']?.webhookSecret).toBe('partner-a-own');
    expect(config.connections['partner-b']?.webhookSecret).toBeUndefined();
    expect(config.webhookSecret).toBe('fallback');
  });

  it('reads API_TOKEN and METRICS_TOKEN, blank as unset', () => {
    expect(loadConfig({ ...env, API_TOKEN: 'a', METRICS_TOKEN: 'm' }).tokens).toEqual({
      api: 'a',
      metrics: 'm',
    });
    expect(loadConfig({ ...env, API_TOKEN: ' ', METRICS_TOKEN: '' }).tokens).toEqual({});
  });
});
