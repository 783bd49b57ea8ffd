// Bounded concurrency with per-key chains, and paging a stream into batches.
import { describe, expect, it } from 'vitest';
import { batches, TaskWindow } from '../../../../src/sync/reconcile/index.js';

/** A task that waits until released, recording when it started and ended. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    release: () => release(),
    task: async () => {
      log.push(`start ${name}`);
      await released;
      log.push(`end ${name}`);
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TaskWindow', () => {
  it('never runs more than its size at once; submit waits for room', async () => {
    const window = new TaskWindow(2);
    const log: string[] = [];
    const gates = ['a', 'b', 'c'].map((name) => gate(log, name));
    await window.submit(gates[0]!.task);
    await window.submit(gates[1]!.task);
    let third = false;
    const submitting = window.submit(gates[2]!.task).then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    expect(window.inFlight).toBe(2);
    gates[0]!.release();
    await submitting;
    expect(log).toEqual(['start a', 'start b', 'end a', 'start c']);
    gates[1]!.release();
    gates[2]!.release();
    await window.drain();
    expect(window.inFlight).toBe(0);
  });

  it('runs tasks of one chain one after another, and other chains beside them', async () => {
    const window = new TaskWindow(10);
    const log: string[] = [];
    const first = gate(log, 'x1');
    const second = gate(log, 'x2');
    const other = gate(log, 'y1');
    await window.submit(first.task, 'x');
    await window.submit(second.task, 'x');
    await window.submit(other.task, 'y');
    await tick();
    expect(log).toEqual(['start x1', 'start y1']);
    first.release();
    await tick();
    expect(log).toContain('start x2');
    second.release();
    other.release();
    await window.drain();
  });

  it('rethrows a task that failed on the next submit or drain', async () => {
    const window = new TaskWindow(1);
    await window.submit(() => Promise.reject(new Error('bug')));
    await expect(window.drain()).rejects.toThrow('bug');
  });

  it('refuses a size below one', () => {
    expect(() => new TaskWindow(0)).toThrow(RangeError);
  });
});

describe('batches', () => {
  it('groups a stream, the last batch shorter', async () => {
    async function* numbers() {
      for (let n = 1; n <= 7; n += 1) yield await Promise.resolve(n);
    }
    const seen: number[][] = [];
    for await (const batch of batches(numbers(), 3)) seen.push(batch);
    expect(seen).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });
});
