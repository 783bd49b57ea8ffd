// Runs a bench script as its own OS process (node --import tsx) and talks to it in JSON lines:
// the child answers with `{"bench": {...}}` lines (anything else it prints, logs included, is
// ignored): one when ready, then one per command.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BenchChild {
  /** The child's first answer. */
  ready: Promise<Record<string, unknown>>;
  /** Sends a command line and resolves with the next JSON line. */
  ask(command: string): Promise<Record<string, unknown>>;
  /** Resolves with the child's next JSON line (for one-shot children: their result). */
  next(): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
  kill(): void;
}

export function spawnBenchChild(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): BenchChild {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const waiting: ((line: Record<string, unknown>) => void)[] = [];
  const buffered: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{"bench":')) return;
    const parsed = (JSON.parse(line) as { bench: Record<string, unknown> }).bench;
    const resolve = waiting.shift();
    if (resolve) resolve(parsed);
    else buffered.push(parsed);
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const line = buffered.shift();
      if (line) return resolve(line);
      waiting.push(resolve);
      void exited.then((code) =>
        reject(new Error(`${script} exited (code ${code}) without answering`)),
      );
    });
  const ready = next();
  ready.catch(() => undefined);
  return {
    ready,
    next,
    ask(command) {
      child.stdin!.write(`${command}\n`);
      return next();
    },
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}
