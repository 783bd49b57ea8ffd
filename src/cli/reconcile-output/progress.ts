// A progress line on a terminal while a run streams (cli-progress); silent anywhere else, so
// logs and pipes stay clean. The total is unknown until the source is exhausted: it shows counts.
import cliProgress from 'cli-progress';
import type { ReconcileProgress } from '../../sync/reconcile/reconcile-deps.js';

export interface ProgressLine {
  update(progress: ReconcileProgress): void;
  stop(): void;
}

export function createProgressLine(stream: NodeJS.WriteStream): ProgressLine {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({
    stream,
    format:
      'reconcile {kind} ({phase}): {value} items · {created} created · {updated} updated · {unchanged} unchanged · {skipped} skipped · {failed} failed · {paused} paused · {pending} pending',
    hideCursor: true,
    clearOnComplete: true,
    fps: 5,
  });
  let started = false;
  return {
    update(progress) {
      const payload = { kind: progress.kind, phase: progress.phase, ...progress.counts };
      if (!started) {
        bar.start(Number.MAX_SAFE_INTEGER, progress.done, payload);
        started = true;
      } else {
        bar.update(progress.done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
