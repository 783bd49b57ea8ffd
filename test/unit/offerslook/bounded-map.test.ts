import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../src/platforms/offerslook/index.js';

describe('mapBounded', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapBounded([5, 1, 4, 2, 3, 0, 2], 3, async (ms) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return ms * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 20]);
    expect(most).toBe(3);
    expect(await mapBounded([], 3, () => Promise.resolve(1))).toEqual([]);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const call = mapBounded([1, 2, 3, 4, 5], 1, async (item) => {
      started.push(item);
      await Promise.resolve();
      if (item === 2) throw new Error('boom');
      return item;
    });
    await expect(call).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
