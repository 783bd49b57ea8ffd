// `offer-sync sandbox` in one process, `offer-sync doctor` pointed at it from another: all checks
// pass (also as JSON); with a wrong key, doctor fails and names the platform.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runCli, spawnCli, waitForOutput } from '../../helpers/cli.js';

describe('offer-sync sandbox + offer-sync doctor', () => {
  let sandbox: ChildProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    sandbox = spawnCli(['sandbox', '--offerit-port', '0', '--offerslook-port', '0'], {});
    const match = await waitForOutput(
      sandbox,
      /offerit sandbox:\s+(\S+)\nofferslook sandbox: (\S+)\n/,
    );
    env = {
      REDIS_URL: inject('redisUrl'),
      OFFERIT_BASE_URL: match[1]!,
      OFFERIT_API_USERNAME: 'sandbox',
      OFFERIT_API_KEY: 'sandbox-offerit-key',
      OFFERSLOOK_BASE_URL: match[2]!,
      OFFERSLOOK_NETWORK: 'sandbox',
      OFFERSLOOK_API_KEY: 'sandbox-offerslook-key',
    };
  });

  afterAll(async () => {
    if (sandbox.exitCode === null) {
      const exited = new Promise((resolve) => sandbox.once('exit', resolve));
      sandbox.kill('SIGTERM');
      await exited;
    }
  });

  it('passes every check against the sandboxes', async () => {
    const run = await runCli(['doctor'], env);
    expect(run.stdout).toMatch(/^ok +redis: reachable/m);
    expect(run.stdout).toMatch(/^ok +redis version: \d+\.\d+/m);
    expect(run.stdout).toMatch(/^ok +redis maxmemory-policy: noeviction/m);
    expect(run.stdout).toMatch(/^ok +offerit: authenticated call answered/m);
    expect(run.stdout).toMatch(/^ok +offerslook: authenticated call answered/m);
    expect(run.stdout).toContain('all checks passed');
    expect(run.code).toBe(0);
  });

  it('--json prints the same checks as one object', async () => {
    const run = await runCli(['doctor', '--json'], env);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      checks: { name: string; status: string }[];
    };
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => `${check.name}:${check.status}`)).toEqual([
      'redis:ok',
      'redis version:ok',
      'redis maxmemory-policy:ok',
      'offerit:ok',
      'offerslook:ok',
    ]);
  });

  it('fails with a wrong key, naming the platform and the reason, never the key', async () => {
    const run = await runCli(['doctor'], { ...env, OFFERSLOOK_API_KEY: 'wrong-key-123' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +offerslook: bad credentials/m);
    expect(run.stdout).toMatch(/^ok +offerit:/m);
    expect(run.stdout).toContain('1 check failed: offerslook');
    expect(run.stdout + run.stderr).not.toContain('wrong-key-123');
  });

  it('fails when a platform is unreachable, and says so', async () => {
    const run = await runCli(['doctor'], {
      ...env,
      OFFERIT_BASE_URL: 'http://127.0.0.1:9/api',
      OFFERIT_TIMEOUT_MS: '2000',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +offerit: unreachable/m);
  });

  it('exits 2 with one line per bad variable', async () => {
    const run = await runCli(['doctor'], {
      ...env,
      OFFERSLOOK_RATE_LIMIT: 'lots',
      OFFERIT_TIMEOUT_MS: 'soon',
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'config error: OFFERIT_TIMEOUT_MS: expected a whole number',
      'config error: OFFERSLOOK_RATE_LIMIT: expected <max>/<duration> such as 50/10s, got "lots"',
    ]);
  });
});
