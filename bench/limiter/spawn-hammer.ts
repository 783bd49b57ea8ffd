// Starts child.ts as a separate OS process (node --import tsx), so the limiter is tested
// across processes for real, not just across connections.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { Grant, RequestClass } from '../../src/queue/limiter/index.js';

export interface HammerProcessOptions {
  redisUrl: string;
  prefix: string;
  max: number;
  windowMs: number;
  durationMs: number;
  concurrency?: number;
  connections?: number;
  /** The class of every acquire. @defaultValue 'live' */
  requestClass?: RequestClass;
  /** The limiter's `reconcileShare`, when not its default. */
  reconcileShare?: number;
  /** The limiter's `waiterTtlMs`, when not its default. */
  waiterTtlMs?: number;
  /** The limiter's `liveLingerMs`, when not its default. */
  liveLingerMs?: number;
}

export interface HammerProcess {
  /** Resolves once the child is connected and waiting for `go`. */
  ready: Promise<void>;
  go(): void;
  /** The child's grant times (microseconds, Redis clock). */
  result: Promise<number[]>;
  /** The child's grants, with class and wait. */
  grants: Promise<Grant[]>;
  kill(): void;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function spawnHammer(options: HammerProcessOptions): HammerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      ...process.env,
      REDIS_URL: options.redisUrl,
      LIMITER_PREFIX: options.prefix,
      LIMITER_MAX: String(options.max),
      LIMITER_WINDOW_MS: String(options.windowMs),
      LIMITER_DURATION_MS: String(options.durationMs),
      LIMITER_CONCURRENCY: String(options.concurrency ?? 4),
      LIMITER_CONNECTIONS: String(options.connections ?? 2),
      LIMITER_CLASS: options.requestClass ?? 'live',
      LIMITER_SHARE: options.reconcileShare === undefined ? '' : String(options.reconcileShare),
      LIMITER_WAITER_TTL_MS: options.waiterTtlMs === undefined ? '' : String(options.waiterTtlMs),
      LIMITER_LIVE_LINGER_MS:
        options.liveLingerMs === undefined ? '' : String(options.liveLingerMs),
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    void exited.then((code) =>
      reject(new Error(`hammer child exited (code ${code}) before it was ready`)),
    );
  });
  const grants = new Promise<Grant[]>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'ready') resolveReady();
      else if (line.startsWith('{')) resolve((JSON.parse(line) as { grants: Grant[] }).grants);
    });
    void exited.then((code) =>
      reject(new Error(`hammer child exited (code ${code}) without a result`)),
    );
  });
  const result = grants.then((all) => all.map((grant) => grant.grantedAtUs));
  // Either settles first; the other rejection is expected and must not go unhandled.
  ready.catch(() => {});
  grants.catch(() => {});
  result.catch(() => {});
  return {
    ready,
    result,
    grants,
    go: () => child.stdin.write('go\n'),
    kill: () => child.kill('SIGKILL'),
  };
}
