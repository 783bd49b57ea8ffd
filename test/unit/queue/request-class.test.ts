import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  currentClass,
  requestClassOf,
  runAsClass,
  SYNC_PRIORITIES,
} from '../../../src/queue/index.js';
import { SYNC_REASONS } from '../../../src/vocabulary/index.js';

describe('request class', () => {
  it('is live outside any runAsClass', () => {
    expect(currentClass()).toBe('live');
  });

  it('follows the async call chain, and an inner class overrides an outer one', async () => {
    const seen = await runAsClass('reconcile', async () => {
      const before = currentClass();
      await sleep(1);
      const afterTimer = currentClass();
      const inner = await runAsClass('live', async () => {
        await Promise.resolve();
        return currentClass();
      });
      const started = await Promise.all(
        [1, 2].map(async () => {
          await Promise.resolve();
          return currentClass();
        }),
      );
      return [before, afterTimer, inner, currentClass(), ...started];
    });
    expect(seen).toEqual(['reconcile', 'reconcile', 'live', 'reconcile', 'reconcile', 'reconcile']);
    expect(currentClass()).toBe('live');
  });

  it('comes from a payload reason: only reconcile syncs are reconcile', () => {
    expect(SYNC_REASONS.map((reason) => requestClassOf(reason))).toEqual(
      SYNC_REASONS.map((reason) => (reason === 'reconcile' ? 'reconcile' : 'live')),
    );
    expect(requestClassOf(undefined)).toBe('live');
  });

  it('matches the queue priorities: reconcile syncs last, every other reason first', () => {
    for (const reason of SYNC_REASONS) {
      const expected = reason === 'reconcile' ? 'toBeGreaterThan' : 'toBe';
      expect(SYNC_PRIORITIES[reason])[expected](0);
    }
  });
});
