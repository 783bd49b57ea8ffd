// `offer-sync start` (or `worker`) as a child process, started the way an operator starts it:
// the real bin, only the environment it is given, its output collected. The HTTP URL is read
// from what it prints when it runs. Children never outlive the test process.
import { createHmac } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { spawnCli } from '../../helpers/cli.js';
import { waitFor } from '../../helpers/wait-for.js';

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the HTTP base URL once it printed that it runs; rejects if it exits first. */
  url: Promise<string>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  /** Resolves once the output matches (the whole output so far, not one chunk). */
  waitForOutput(pattern: RegExp, what: string, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends the signal (unless it already exited) and resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

const running = new Set<ChildProcess>();
let hookInstalled = false;

export function spawnService(args: string[], env: Record<string, string>): ServiceProcess {
  const child = spawnCli(args, env);
  running.add(child);
  if (!hookInstalled) {
    hookInstalled = true;
    process.once('exit', () => {
      for (const orphan of running) orphan.kill('SIGKILL');
    });
  }
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  const waitForOutput = async (pattern: RegExp, what: string, timeoutMs = 60_000) => {
    let gone = false;
    void exited.then(() => (gone = true));
    return waitFor(
      () => {
        const match = pattern.exec(output);
        if (match) return match;
        if (gone) throw new Error(`offer-sync ${args.join(' ')} exited before ${what}:\n${output}`);
        return undefined;
      },
      `${what} in the output of offer-sync ${args.join(' ')}\n${output}`,
      timeoutMs,
      50,
    );
  };
  const url = waitForOutput(/health\s+(http:\/\/\S+)\/healthz/, 'the HTTP URL').then(
    (match) => match[1]!,
  );
  url.catch(() => {});
  return {
    child,
    output: () => output,
    url,
    exited,
    waitForOutput,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return exited;
    },
  };
}

/** The bearer token the tests give the service: every route but the probes needs credentials. */
export const API_TOKEN = 'entry-points-api-token';

/** GET `<baseUrl><path>` as automation does, with `Authorization: Bearer <API_TOKEN>`. */
export function getAuthorized(baseUrl: string, path: string, timeoutMs = 8000): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${API_TOKEN}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/**
 * A webhook as a platform-side integration sends it, written from the README rather than our
 * signing code: HMAC-SHA256 over `<timestamp>.<connection>.<body>`.
 */
export async function postSignedWebhook(
  baseUrl: string,
  connection: string,
  secret: string,
  event: Record<string, string>,
): Promise<Response> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secret)
    .update(`${timestamp}.${connection}.${body}`)
    .digest('hex');
  return fetch(`${baseUrl}/webhooks/${connection}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-offer-sync-timestamp': timestamp,
      'x-offer-sync-signature': `sha256=${signature}`,
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
}

/** GET `<url>/readyz`: status and body, or `unreachable` when the request itself fails. */
export async function readiness(
  baseUrl: string,
): Promise<{ status: number | 'unreachable'; body: unknown }> {
  try {
    const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(8_000) });
    return { status: response.status, body: await response.json() };
  } catch (error) {
    return { status: 'unreachable', body: (error as Error).message };
  }
}
