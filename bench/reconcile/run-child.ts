// Runs one reconcile in a child process of its own (reconcile-child.ts) and returns what it
// measured from the inside; a run that did not finish, or failed an item, is an error.
import type { PlatformName } from '../../src/vocabulary/index.js';
import { spawnBenchChild } from '../shared/child-process.js';

export interface RunResult {
  wallMs: number;
  heapAfterGcKb?: number;
  maxRssKb: number;
  rssBeforeRunKb: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  paused: number;
  writes: number;
  status: string;
}

export async function runReconcileChild(
  env: Record<string, string>,
  from: PlatformName,
  to: PlatformName,
): Promise<RunResult> {
  const child = spawnBenchChild(
    '../reconcile/reconcile-child.ts',
    [JSON.stringify({ from, to, entity: 'offer', dryRun: false, reason: 'cli' })],
    env,
    // Lets the child collect garbage before reading what the run left on the heap.
    ['--expose-gc'],
  );
  const run = (await child.ready) as unknown as RunResult;
  await child.exited;
  if (run.status !== 'done' || run.failed > 0) {
    throw new Error(`reconcile ${from}->${to} did not finish cleanly: ${JSON.stringify(run)}`);
  }
  return run;
}
