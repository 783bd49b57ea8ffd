// `offer-sync sandbox` as a child process, driven over its control endpoints, for the
// `offer-sync doctor --probe` end-to-end tests: switch answer variants and faults, seed extra
// records, and read the request log (what the probe sent, as the sandbox saw it).
import type { ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { runCli, spawnCli, waitForOutput, type CliRun } from '../../helpers/cli.js';

export interface LoggedRequest {
  time: number;
  method: string;
  path: string;
  status: number;
}

export interface SandboxControl {
  /** `POST /__sandbox/settings`; throws when the sandbox refuses the settings. */
  settings(body: unknown): Promise<void>;
  seed(fixtures: unknown): Promise<void>;
  log(): Promise<LoggedRequest[]>;
}

export interface ProbeSandboxes {
  env: Record<string, string>;
  offerit: SandboxControl;
  offerslook: SandboxControl;
  stop(): Promise<void>;
}

export const API_KEYS = { offerit: 'sandbox-offerit-key', offerslook: 'sandbox-offerslook-key' };

export async function startProbeSandboxes(): Promise<ProbeSandboxes> {
  const child = spawnCli(['sandbox', '--offerit-port', '0', '--offerslook-port', '0'], {});
  const match = await waitForOutput(child, /offerit sandbox:\s+(\S+)\nofferslook sandbox: (\S+)\n/);
  const offeritUrl = match[1]!;
  const offerslookUrl = match[2]!;
  return {
    env: {
      REDIS_URL: inject('redisUrl'),
      OFFERIT_BASE_URL: offeritUrl,
      OFFERIT_API_USERNAME: 'sandbox',
      OFFERIT_API_KEY: API_KEYS.offerit,
      OFFERSLOOK_BASE_URL: offerslookUrl,
      OFFERSLOOK_NETWORK: 'sandbox',
      OFFERSLOOK_API_KEY: API_KEYS.offerslook,
    },
    // The control endpoints sit at the server's root, beside Offerit's `/api`.
    offerit: control(offeritUrl.replace(/\/api$/, '')),
    offerslook: control(offerslookUrl),
    stop: () => stop(child),
  };
}

function control(root: string): SandboxControl {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${root}/__sandbox/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  return {
    settings: (body) => post('settings', body),
    seed: (fixtures) => post('seed', fixtures),
    async log() {
      const response = await fetch(`${root}/__sandbox/log`);
      return ((await response.json()) as { requests: LoggedRequest[] }).requests;
    },
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Both sandboxes answering as `answers` describes, with `variants` on top and no faults. */
export async function answerAs(
  sandboxes: ProbeSandboxes,
  answers: 'v1' | 'v2',
  variants: { offerit?: object; offerslook?: object } = {},
): Promise<void> {
  for (const platform of ['offerit', 'offerslook'] as const) {
    await sandboxes[platform].settings({
      answers,
      ...(variants[platform] ? { variants: variants[platform] } : {}),
      faults: { rates: {} },
    });
  }
}

export interface ProbeRun extends CliRun {
  /** The requests each sandbox saw during the run. */
  sent: { offerit: LoggedRequest[]; offerslook: LoggedRequest[] };
}

/** Runs `offer-sync doctor --probe [args]` and collects what each sandbox saw meanwhile. */
export async function runProbe(
  sandboxes: ProbeSandboxes,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<ProbeRun> {
  const before = {
    offerit: (await sandboxes.offerit.log()).length,
    offerslook: (await sandboxes.offerslook.log()).length,
  };
  const run = await runCli(['doctor', '--probe', ...args], { ...sandboxes.env, ...env });
  return {
    ...run,
    sent: {
      offerit: (await sandboxes.offerit.log()).slice(before.offerit),
      offerslook: (await sandboxes.offerslook.log()).slice(before.offerslook),
    },
  };
}

/** The line a probe printed for one endpoint (`ok    offerit GET /affiliate/search: ...`). */
export function lineOf(stdout: string, platform: string, endpoint: string): string {
  const line = stdout
    .split('\n')
    .find((candidate) => candidate.slice(6).startsWith(`${platform} ${endpoint}: `));
  if (line === undefined) throw new Error(`no line for ${platform} ${endpoint} in:\n${stdout}`);
  return line;
}
