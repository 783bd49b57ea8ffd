// Bull Board behind basic auth over real HTTP, with real queues: 401 without or with wrong
// credentials, 200 with them, job data redacted, read-only from config, disabled without credentials.
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisScope } from '../../helpers/redis.js';
import { BEARER, startIngress, type IngressFixture } from './ingress-fixture.js';

const USER = 'ops';
const PASSWORD = 'dashboard-password-xyz';
const scope = redisScope('ingress-dashboard');
let ingress: IngressFixture;

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

beforeAll(async () => {
  ingress = await startIngress(scope, {
    env: { DASHBOARD_USER: USER, DASHBOARD_PASSWORD: PASSWORD },
  });
});
afterAll(async () => {
  await ingress.close();
  await scope.cleanup();
});

describe('dashboard', () => {
  it('asks for credentials: 401 with a Basic challenge, for the page and its API', async () => {
    for (const path of [
      '/admin/queues',
      '/admin/queues/',
      '/admin/queues/api/queues',
      '/admin/queues/static/images/logo.svg',
    ]) {
      const response = await fetch(`${ingress.url}${path}`);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate'), path).toMatch(
        /^Basic realm="offer-sync dashboard"/,
      );
      expect(await response.json()).toEqual({
        error: {
          code: 'UNAUTHORIZED',
          message:
            'this route needs credentials: HTTP basic auth (DASHBOARD_USER / DASHBOARD_PASSWORD) or Authorization: Bearer <API_TOKEN>',
        },
      });
    }
  });

  it('refuses a wrong password or user', async () => {
    for (const headers of [
      basic(USER, 'wrong'),
      basic('root', PASSWORD),
      basic(USER, `${PASSWORD}x`),
    ]) {
      const response = await fetch(`${ingress.url}/admin/queues`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: { message: 'wrong dashboard user name or password' },
      });
    }
  });

  it('serves the board and lists every queue, read-only by default, with secrets redacted', async () => {
    const page = await fetch(`${ingress.url}/admin/queues`, { headers: basic(USER, PASSWORD) });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);

    await ingress.queues['sync-offerit'].add('sync', {
      source: 'offerslook',
      kind: 'offer',
      id: '77',
      apiKey: 'LEAKED-KEY-1',
      nested: { password: 'LEAKED-PW-2' },
    });
    const api = await fetch(
      `${ingress.url}/admin/queues/api/queues?activeQueue=sync-offerit&status=latest&page=1&jobsPerPage=10`,
      {
        headers: basic(USER, PASSWORD),
      },
    );
    expect(api.status).toBe(200);
    const text = await api.text();
    const body = JSON.parse(text) as {
      queues: { name: string; readOnlyMode: boolean; jobs: { data: unknown }[] }[];
    };
    expect(body.queues.map((queue) => queue.name).sort()).toEqual(
      ['dlq-offerit', 'dlq-offerslook', 'reconcile', 'sync-offerit', 'sync-offerslook'].sort(),
    );
    expect(body.queues.every((queue) => queue.readOnlyMode)).toBe(true);
    const job = body.queues.find((queue) => queue.name === 'sync-offerit')!.jobs[0]!;
    expect(job.data).toEqual({
      source: 'offerslook',
      kind: 'offer',
      id: '77',
      apiKey: '[redacted]',
      nested: { password: '[redacted]' },
    });
    expect(text).not.toContain('LEAKED');
  });
});

describe('dashboard redaction of failures', () => {
  const failing = redisScope('ingress-dash-failed');
  let board: IngressFixture;
  beforeAll(async () => {
    board = await startIngress(failing, {
      env: { DASHBOARD_USER: USER, DASHBOARD_PASSWORD: PASSWORD },
    });
  });
  afterAll(async () => {
    await board.close();
    await failing.cleanup();
  });

  it('shows failure reasons, stack traces and logs without credentials or absolute paths', async () => {
    const queue = board.queues['dlq-offerslook'];
    const worker = new Worker(
      queue.name,
      async (job) => {
        await job.log('retrying https://ops:LEAKED-LOG-PW@api.example.com/v1/offers');
        throw new Error(
          'GET https://ops:LEAKED-URL-PW@api.example.com/v1/offers?api_key=LEAKED-QUERY-KEY&id=4 failed: Bearer LEAKED-BEARER-123',
        );
      },
      { connection: failing.connect({ forBullWorker: true }), prefix: `{${failing.prefix}}` },
    );
    const failed = new Promise<void>((resolve) => worker.once('failed', () => resolve()));
    const job = await queue.add('dead-letter', {
      id: '9',
      auth: 'LEAKED-AUTH',
      pwd: 'LEAKED-PWD',
      key: 'LEAKED-KEY',
      bearer: 'LEAKED-BEARER-FIELD',
      note: 'see https://u:LEAKED-NOTE-PW@host/x',
    });
    await failed;
    await worker.close();

    const api = await fetch(
      `${board.url}/admin/queues/api/queues?activeQueue=${queue.name}&status=failed&page=1&jobsPerPage=10`,
      { headers: basic(USER, PASSWORD) },
    );
    expect(api.status).toBe(200);
    const text = await api.text();
    const shown = (
      JSON.parse(text) as {
        queues: {
          name: string;
          jobs: { id: string; failedReason: string; stacktrace: string[]; data: unknown }[];
        }[];
      }
    ).queues.find((candidate) => candidate.name === queue.name)!.jobs[0]!;
    expect(shown.failedReason).toBe(
      'GET https://[redacted]@api.example.com/v1/offers?api_key=[redacted]&id=4 failed: Bearer [redacted]',
    );
    expect(shown.data).toEqual({
      id: '9',
      auth: '[redacted]',
      pwd: '[redacted]',
      key: '[redacted]',
      bearer: '[redacted]',
      note: 'see https://[redacted]@host/x',
    });
    expect(shown.stacktrace.length).toBeGreaterThan(0);
    expect(shown.stacktrace.join('\n')).toContain(
      './test/integration/ingress/dashboard-http.test.ts',
    );
    // The single-job view and the logs say the same.
    const single = await (
      await fetch(`${board.url}/admin/queues/api/queues/${queue.name}/${job.id}`, {
        headers: basic(USER, PASSWORD),
      })
    ).text();
    const logs = await (
      await fetch(`${board.url}/admin/queues/api/queues/${queue.name}/${job.id}/logs`, {
        headers: basic(USER, PASSWORD),
      })
    ).text();
    expect(logs).toContain('https://[redacted]@api.example.com');
    for (const answer of [text, single, logs]) {
      expect(answer).not.toContain('LEAKED');
      expect(answer).not.toContain(process.cwd());
    }
  });
});

describe('dashboard without credentials configured', () => {
  const bare = redisScope('ingress-nodash');
  let plain: IngressFixture;
  beforeAll(async () => {
    plain = await startIngress(bare, { env: { DASHBOARD_READ_ONLY: 'false' } });
  });
  afterAll(async () => {
    await plain.close();
    await bare.cleanup();
  });

  it('is disabled with a clear answer and log line', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      expect((await fetch(`${plain.url}${path}`)).status).toBe(401);
      const response = await fetch(`${plain.url}${path}`, { headers: BEARER });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: {
          code: 'DASHBOARD_DISABLED',
          message: 'the dashboard is disabled: set DASHBOARD_USER and DASHBOARD_PASSWORD',
        },
      });
    }
    expect(plain.logLines.some((line) => line.includes('dashboard disabled'))).toBe(true);
  });
});

describe('dashboard with DASHBOARD_READ_ONLY=false', () => {
  const writable = redisScope('ingress-rwdash');
  let board: IngressFixture;
  beforeAll(async () => {
    board = await startIngress(writable, {
      env: { DASHBOARD_USER: USER, DASHBOARD_PASSWORD: PASSWORD, DASHBOARD_READ_ONLY: 'false' },
    });
  });
  afterAll(async () => {
    await board.close();
    await writable.cleanup();
  });

  it('allows actions', async () => {
    const api = await fetch(`${board.url}/admin/queues/api/queues`, {
      headers: basic(USER, PASSWORD),
    });
    const body = (await api.json()) as { queues: { readOnlyMode: boolean }[] };
    expect(body.queues.length).toBe(5);
    expect(body.queues.every((queue) => !queue.readOnlyMode)).toBe(true);
  });
});
